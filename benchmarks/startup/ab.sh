#!/usr/bin/env bash
# Start-up A/B of two lift.jar builds beside the Jackson-only baseline, in one hyperfine run:
# `java -jar <jar> invoke --event <HTTP API 2.0 sample>`, wall time from exec to exit, JDK 17 (or
# the `java` on PATH), Lambda's flags, no class-data archive. For a change's effect on cold start;
# benchmarks/startup/run.sh is the full harness (archives, custom runtime, RSS).
#
#   benchmarks/startup/ab.sh OLD/lift.jar NEW/lift.jar     # RUNS (default 15), WARMUP (default 3)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
OLD="$(readlink -f "$1")"; NEW="$(readlink -f "$2")"
EVENT="$root/kernel/src/test/resources/events/apigw_http_event.json"
RUNS="${RUNS:-15}"; WARMUP="${WARMUP:-3}"
FLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
out="$here/target/ab"; rm -rf "$out"; mkdir -p "$out"
javac --release 17 -cp "$NEW" -d "$out" "$here/Baseline.java"
command -v hyperfine >/dev/null || { echo "ab.sh: needs hyperfine (apt-get install -y hyperfine)" >&2; exit 1; }
hyperfine -N --style basic --warmup "$WARMUP" --runs "$RUNS" --export-markdown "$out/ab.md" \
  -n "baseline: Jackson only" "java $FLAGS -cp $out:$NEW Baseline $EVENT" \
  -n "old lift.jar invoke" "java $FLAGS -jar $OLD invoke --event $EVENT" \
  -n "new lift.jar invoke" "java $FLAGS -jar $NEW invoke --event $EVENT" >"$out/hyperfine.log"
echo "$(java -version 2>&1 | sed -n 2p); $(nproc) vCPU; runs $RUNS, warm-up $WARMUP"
cat "$out/ab.md"
