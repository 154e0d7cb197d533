#!/usr/bin/env bash
# Start-up of lift.jar, from process start to the first answered request, without and with a
# class-data archive (AppCDS on Java 17, the AOT cache on Java 25), beside a bare Jackson program.
# The figures and how to read them are in distribution/README.md, "Performance tuning".
# Not part of `mvn verify`: it takes a few minutes and its numbers depend on the machine.
#
#   mvn -B -ntp -DskipTests package      # builds distribution/target/lift.jar
#   benchmarks/startup/run.sh            # prints Markdown tables; keeps them in benchmarks/startup/target/
#
# Environment: JDK17 (default: the JDK of the `java` on PATH), JDK25 (default
# /usr/lib/jvm/temurin-25-jdk-amd64; its rows are left out when there is none), RUNS (default 20),
# WARMUP (default 3). Needs hyperfine (apt-get install -y hyperfine), python3 and taskset.
#
# What is measured:
#  - `invoke`: `java -jar lift.jar invoke --event <AWS's HTTP API 2.0 sample>`, wall time from exec
#    to exit (hyperfine). The process prints the response and exits at once, so this is the time to
#    the first answered request plus a few ms of JVM exit. The sample is POST /my/path, which the
#    example application does not route: Lift decodes the event, routes it and answers a 404 problem
#    response, the full path of a request.
#  - `runtime`: the custom runtime, `bootstrap` (which runs `lift.jar runtime`) against a local Runtime
#    API (runtime_harness.py): time from process start to the arrival of the first response. Its exit
#    is not counted: Java 17 waits up to 300 ms at exit for threads blocked in native code.
#  - The baseline, Baseline.java: parse the same event with Jackson and print a 2.0 response, with
#    the Jackson classes of lift.jar, and no framework.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/benchmarks/startup"
JAR="$root/distribution/target/lift.jar"
BOOTSTRAP="$root/distribution/cli/src/main/dist/bootstrap"
EVENT="$root/kernel/src/test/resources/events/apigw_http_event.json"
JDK17="${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
RUNS="${RUNS:-20}"
WARMUP="${WARMUP:-3}"
FLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1" # what bootstrap passes

[ -f "$JAR" ] || { echo "run.sh: $JAR is missing; build it first: mvn -B -ntp -DskipTests package" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "run.sh: needs hyperfine (apt-get install -y hyperfine)" >&2; exit 1; }
has25=false
[ -x "$JDK25/bin/java" ] && has25=true

out="$here/target"
rm -rf "$out"
mkdir -p "$out/invoke" "$out/plain" "$out/archived" "$out/baseline"
cp "$JAR" "$out/invoke/lift.jar"
for d in plain archived; do cp "$JAR" "$BOOTSTRAP" "$out/$d/"; done
"$JDK17/bin/javac" --release 17 -cp "$JAR" -d "$out/baseline" "$here/Baseline.java"

# Training runs: one representative invocation each, with the flags and the jar of the measured runs.
# The custom runtime's archives are made through bootstrap itself, as distribution/README.md says.
echo "Training the archives (log: $out/train.log)" >&2
cd "$out/invoke"
{
  # Java 25 first: with lift.jsa already there, bootstrap would pass -XX:SharedArchiveFile, which
  # Java 25 does not take beside -XX:AOTCacheOutput. (Java 17 ignores lift.aot.)
  if $has25; then
    "$JDK25/bin/java" $FLAGS -XX:AOTCacheOutput=lift.aot -jar lift.jar invoke --event "$EVENT"
    JAVA_HOME="$JDK25" LIFT_JAVA_OPTS="-XX:AOTCacheOutput=lift.aot" \
      python3 "$here/runtime_harness.py" train 1 0 "$EVENT" "$out/archived/bootstrap"
  fi
  "$JDK17/bin/java" $FLAGS -XX:ArchiveClassesAtExit=lift.jsa -jar lift.jar invoke --event "$EVENT"
  JAVA_HOME="$JDK17" LIFT_JAVA_OPTS="-XX:ArchiveClassesAtExit=lift.jsa" \
    python3 "$here/runtime_harness.py" train 1 0 "$EVENT" "$out/archived/bootstrap"
} >"$out/train.log" 2>&1

invoke=(-n "17 baseline: Jackson only, default flags" "$JDK17/bin/java -cp $out/baseline:lift.jar Baseline $EVENT"
        -n "17 baseline: Jackson only, SerialGC + C1" "$JDK17/bin/java $FLAGS -cp $out/baseline:lift.jar Baseline $EVENT"
        -n "17 lift invoke, default flags" "$JDK17/bin/java -jar lift.jar invoke --event $EVENT"
        -n "17 lift invoke, SerialGC + C1" "$JDK17/bin/java $FLAGS -jar lift.jar invoke --event $EVENT"
        -n "17 lift invoke, SerialGC + C1 + AppCDS" "$JDK17/bin/java $FLAGS -XX:SharedArchiveFile=lift.jsa -jar lift.jar invoke --event $EVENT"
        -n "17 lift invoke, SerialGC + C1, 1 CPU" "taskset -c 0 $JDK17/bin/java $FLAGS -jar lift.jar invoke --event $EVENT"
        -n "17 lift invoke, SerialGC + C1 + AppCDS, 1 CPU" "taskset -c 0 $JDK17/bin/java $FLAGS -XX:SharedArchiveFile=lift.jsa -jar lift.jar invoke --event $EVENT")
if $has25; then
  invoke+=(-n "25 baseline: Jackson only, SerialGC + C1" "$JDK25/bin/java $FLAGS -cp $out/baseline:lift.jar Baseline $EVENT"
           -n "25 lift invoke, SerialGC + C1" "$JDK25/bin/java $FLAGS -jar lift.jar invoke --event $EVENT"
           -n "25 lift invoke, SerialGC + C1 + AOT cache" "$JDK25/bin/java $FLAGS -XX:AOTCache=lift.aot -jar lift.jar invoke --event $EVENT")
fi
hyperfine -N --style basic --warmup "$WARMUP" --runs "$RUNS" --export-markdown "$out/invoke.md" \
  --export-json "$out/invoke.json" "${invoke[@]}" >"$out/hyperfine.log"

{
  echo "| custom runtime (bootstrap), to the first response | mean ± σ (ms) | median | min | max | exit, median |"
  echo "|---|---:|---:|---:|---:|---:|"
  harness() { JAVA_HOME="$1" python3 "$here/runtime_harness.py" "$2" "$RUNS" "$WARMUP" "$EVENT" "$3"; }
  harness "$JDK17" "17 bootstrap, no archive" "$out/plain/bootstrap"
  harness "$JDK17" "17 bootstrap + lift.jsa (AppCDS)" "$out/archived/bootstrap"
  if $has25; then
    harness "$JDK25" "25 bootstrap, no archive" "$out/plain/bootstrap"
    harness "$JDK25" "25 bootstrap + lift.aot (AOT cache)" "$out/archived/bootstrap"
  fi
} >"$out/runtime.md"

{
  echo "| invoke, peak RSS | median of 3 (MB) |"
  echo "|---|---:|"
  rss() {
    local label="$1"; shift
    local v=()
    for _ in 1 2 3; do v+=("$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)"); done
    printf '| %s | %s |\n' "$label" "$(printf '%s\n' "${v[@]}" | sort -n | sed -n 2p | awk '{printf "%.0f", $1/1024}')"
  }
  rss "17 baseline, SerialGC + C1" "$JDK17/bin/java" $FLAGS -cp "$out/baseline:lift.jar" Baseline "$EVENT"
  rss "17 lift invoke, default flags" "$JDK17/bin/java" -jar lift.jar invoke --event "$EVENT"
  rss "17 lift invoke, SerialGC + C1" "$JDK17/bin/java" $FLAGS -jar lift.jar invoke --event "$EVENT"
  rss "17 lift invoke, SerialGC + C1 + AppCDS" "$JDK17/bin/java" $FLAGS -XX:SharedArchiveFile=lift.jsa -jar lift.jar invoke --event "$EVENT"
  if $has25; then
    rss "25 lift invoke, SerialGC + C1 + AOT cache" "$JDK25/bin/java" $FLAGS -XX:AOTCache=lift.aot -jar lift.jar invoke --event "$EVENT"
  fi
} >"$out/rss.md"

{
  echo "Machine: $(nproc) vCPU, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr), $(date -u +%F)"
  echo "JDK 17: $("$JDK17/bin/java" -version 2>&1 | sed -n 2p)"
  $has25 && echo "JDK 25: $("$JDK25/bin/java" -version 2>&1 | sed -n 2p)"
  echo "hyperfine: $(hyperfine --version); runs: $RUNS, warm-up runs: $WARMUP; lift.jar: $(stat -c %s "$JAR") bytes"
  echo "Archives: $(cd "$out" && ls -l invoke/lift.jsa invoke/lift.aot archived/lift.jsa archived/lift.aot 2>/dev/null \
    | awk '{printf "%s %.1f MB; ", $NF, $5/1048576}')"
  echo
  cat "$out/invoke.md"
  echo
  cat "$out/runtime.md"
  echo
  cat "$out/rss.md"
} | tee "$out/results.md"
