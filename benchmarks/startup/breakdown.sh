#!/usr/bin/env bash
# The measurements behind "why the cold-start targets are missed" in benchmarks/RESULTS.md, JDK 17 (the `java` on
# PATH), Lambda's flags, the same lift.jar and driver as cold.sh:
#  1. classes loaded by each side's cold start, by where they come from (-Xlog:class+load);
#  2. bytes the main thread allocates to create each handler (InitAllocation);
#  3. the first System.getLogger against an empty main (hyperfine, 30 runs).
#
#   mvn -B -ntp -DskipTests package && benchmarks/startup/breakdown.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
JAR="$(readlink -f "${JAR:-$root/distribution/target/lift.jar}")"
FLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
EVENT="$here/cold/hello-event.json"
out="$here/target/breakdown"; rm -rf "$out"; mkdir -p "$out"
javac --release 17 -cp "$JAR" -d "$out" "$root"/benchmarks/src/main/java/dev/lift/benchmarks/coldstart/{ColdStart,BareHandler}.java \
  "$here"/breakdown/*.java
command -v hyperfine >/dev/null || { echo "breakdown.sh: needs hyperfine (apt-get install -y hyperfine)" >&2; exit 1; }

echo "## Classes loaded by one cold start (JDK 17, no archive)"
for cls in dev.lift.benchmarks.coldstart.BareHandler dev.lift.kernel.LiftHandler; do
  log="$out/${cls##*.}.classes"
  # shellcheck disable=SC2086
  java $FLAGS -Xlog:class+load:file="$log" -cp "$out:$JAR" dev.lift.benchmarks.coldstart.ColdStart "$cls" "$EVENT" >/dev/null 2>&1
  echo "$cls: $(wc -l <"$log") in all; $(grep -c 'source: file:.*\.jar' "$log") from lift.jar;" \
    "$(grep -c 'source: jrt:' "$log") JDK classes outside its CDS archive;" \
    "$(grep -c '__JVM\|\$\$Lambda' "$log") generated, $(grep -c '\$\$Lambda' "$log") of them lambda proxies"
done

echo
echo "## Allocation on the main thread to create the handler"
for cls in dev.lift.benchmarks.coldstart.BareHandler dev.lift.kernel.LiftHandler; do
  # shellcheck disable=SC2086
  java $FLAGS -cp "$out:$JAR" InitAllocation "$cls" 2>/dev/null | grep 'allocated'
done

echo
echo "## The first System.getLogger against an empty main"
hyperfine -N --style basic --warmup 3 --runs 30 \
  -n "empty main" "java $FLAGS -cp $out EmptyMain" \
  -n "first System.getLogger" "java $FLAGS -cp $out FirstLogger" 2>&1 | grep -E 'Time|Benchmark'
