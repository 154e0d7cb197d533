#!/usr/bin/env bash
# What the dynamodb plugin adds to a cold start: a fresh JVM boots a Lift kernel and answers one HTTP
# API request, once with a bare route (a constant item) and once with the dynamodb plugin and a typed
# table, reading the item from DynamoDB Local over loopback (ColdStartProbe in plugins/dynamodb's tests).
# Prints, per mode, the median of RUNS runs of: kernel boot (the clients are built and pre-warmed here),
# the first request, classes loaded; then whole-process wall time with hyperfine when it is installed.
# Not part of `mvn verify`; numbers depend on the machine.
#
#   benchmarks/startup/dynamodb.sh        # RUNS (default 15), FLAGS (default: bootstrap's JVM flags)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
RUNS="${RUNS:-15}"
FLAGS="${FLAGS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
out="$root/plugins/dynamodb/target/coldstart"
mkdir -p "$out"
export AWS_EC2_METADATA_DISABLED=true DDB_LOCAL_TELEMETRY=0

cd "$root"
mvn -o -B -ntp -q -pl plugins/dynamodb -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$out/cp.txt" -Dmdep.includeScope=test >/dev/null
cp="$root/plugins/dynamodb/target/test-classes:$root/plugins/dynamodb/target/classes:$(cat "$out/cp.txt")"
# Reactor modules resolve to their target/classes in this build; nothing is installed.

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -cp "$cp" -Dlog4j2.level=WARN com.amazonaws.services.dynamodbv2.local.main.ServerRunner \
    -inMemory -port "$port" -disableTelemetry >"$out/dynamodb-local.log" 2>&1 &
ddb=$!
trap 'kill $ddb 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.5
done
endpoint="http://127.0.0.1:$port"
java -cp "$cp" dev.lift.plugins.dynamodbclient.ColdStartProbe setup "$endpoint"

probe="dev.lift.plugins.dynamodbclient.ColdStartProbe"
for mode in bare dynamodb; do
  : >"$out/$mode.txt"
  for _ in $(seq 1 "$RUNS"); do
    # shellcheck disable=SC2086
    java $FLAGS -cp "$cp" "$probe" "$mode" "$endpoint" >>"$out/$mode.txt"
  done
done
echo "java: $(java -version 2>&1 | head -n 1); flags: $FLAGS; runs: $RUNS"
python3 - "$out" <<'PY'
import statistics, sys
out = sys.argv[1]
print("| mode | kernel boot (ms) | first request (ms) | boot + first request (ms) | classes loaded |")
print("|---|---:|---:|---:|---:|")
for mode in ("bare", "dynamodb"):
    rows = [l.split() for l in open(f"{out}/{mode}.txt") if l.strip()]
    boot = statistics.median(float(r[1]) for r in rows)
    first = statistics.median(float(r[2]) for r in rows)
    both = statistics.median(float(r[1]) + float(r[2]) for r in rows)
    classes = statistics.median(int(r[3]) for r in rows)
    print(f"| {mode} | {boot:.0f} | {first:.0f} | {both:.0f} | {classes:.0f} |")
PY
if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 2 --runs "$RUNS" --export-markdown "$out/hyperfine.md" \
      -n bare "java $FLAGS -cp $cp $probe bare $endpoint" \
      -n dynamodb "java $FLAGS -cp $cp $probe dynamodb $endpoint" >/dev/null
  cat "$out/hyperfine.md"
fi
