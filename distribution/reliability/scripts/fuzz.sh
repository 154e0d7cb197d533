#!/usr/bin/env bash
# Fuzzes Lift's @FuzzTest targets for real (not the seed-corpus regression run of `mvn verify`).
#
#   distribution/reliability/scripts/fuzz.sh [TARGET...]
#
# TARGET is Class#method (HttpEventFuzzTest#apiGatewayV2), a class (RecordEventFuzzTest: each of its
# targets in turn) or nothing (every target). Settings, as environment variables:
#   FUZZ_SECONDS  how long each target is fuzzed (default 300)
#   FUZZ_TIMEOUT  seconds after which one input counts as a finding (a hang, or work far beyond linear; default 30)
#   FUZZ_MAX_LEN  the largest input libFuzzer makes, in bytes (default 16384)
#   FUZZ_OUT      where corpora, findings and logs go (default distribution/reliability/target/fuzz)
#   JAVA          the java binary (default: java on the PATH; Temurin 25 and JDK 17 both work)
#   MVN_FLAGS     extra Maven flags for the build step (default -o)
#
# Each target runs under Jazzer's own driver (com.code_intelligence.jazzer.Jazzer --target_method),
# because with Jazzer 0.24 `JAZZER_FUZZ=1 mvn test` always fuzzes for the annotation's maxDuration
# (FuzzSettings.MAX_DURATION, 5 minutes); the driver takes libFuzzer's flags as given. The seed
# corpus under src/test/resources is read first; what the fuzzer adds goes to FUZZ_OUT/corpus, and
# an input that fails goes to FUZZ_OUT/findings/<Class>/<method>/crash-<sha1> (or timeout-<sha1>).
# Keep a fixed finding in the regression corpus: copy it to
# src/test/resources/dev/lift/reliability/fuzz/<Class>Inputs/<method>/finding-<what>.
# Exit status: 0 when no target found anything, 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/../.." && pwd)"
seconds="${FUZZ_SECONDS:-300}"
timeout="${FUZZ_TIMEOUT:-30}"
max_len="${FUZZ_MAX_LEN:-16384}"
out="${FUZZ_OUT:-$here/target/fuzz}"
java="${JAVA:-java}"
package=dev.lift.reliability.fuzz
sources="$here/src/test/java/${package//.//}"

mkdir -p "$out"
echo "Building the test classes and their class path..."
(cd "$root" && mvn ${MVN_FLAGS:--o} -B -ntp -q test-compile dependency:build-classpath \
    -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=test -pl distribution/reliability -am)
classpath="$here/target/test-classes:$(cat "$out/classpath.txt")"

# Every @FuzzTest method of a class, as Class#method.
targets_of() {
    awk -v cls="$1" '/@FuzzTest/ {want=1; next} want && /void [A-Za-z0-9_]+\(/ {
        match($0, /void [A-Za-z0-9_]+\(/); print cls "#" substr($0, RSTART + 5, RLENGTH - 6); want=0 }' \
        "$sources/$1.java"
}

targets=()
if [ $# -eq 0 ]; then
    for f in "$sources"/*FuzzTest.java; do
        while read -r t; do targets+=("$t"); done < <(targets_of "$(basename "$f" .java)")
    done
else
    for arg in "$@"; do
        if [[ "$arg" == *#* ]]; then targets+=("$arg")
        else while read -r t; do targets+=("$t"); done < <(targets_of "$arg"); fi
    done
fi

failed=0
summary="$out/summary.txt"
printf '%-40s %10s %8s %10s %8s %s\n' target executions seconds exec/s slowest result > "$summary"
for t in "${targets[@]}"; do
    cls="${t%#*}"; method="${t#*#}"
    corpus="$out/corpus/$cls/$method"; findings="$out/findings/$cls/$method"; log="$out/logs/$cls.$method.log"
    mkdir -p "$corpus" "$findings" "$(dirname "$log")"
    echo "Fuzzing $t for ${seconds}s (log: $log)"
    set +e
    "$java" -Xmx1g -XX:-OmitStackTraceInFastThrow -cp "$classpath" \
        -Dlift.fixtures="$root/kernel/src/test/resources/events" \
        com.code_intelligence.jazzer.Jazzer \
        --target_class="$package.$cls" --target_method="$method" \
        --instrumentation_includes='dev.lift.**' --custom_hook_includes='dev.lift.**' \
        --instrumentation_excludes="$package.Outcome*:$package.SeedCorpusCheck*" \
        -max_total_time="$seconds" -timeout="$timeout" -max_len="$max_len" -print_final_stats=1 -report_slow_units=2 \
        -artifact_prefix="$findings/" "$corpus" > "$log" 2>&1
    status=$?
    set -e
    runs="$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -1 || true)"
    # libFuzzer's final statistics; a run that died before them leaves these empty.
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1 || true)"
    secs="$(sed -n 's/.*Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1 || true)"
    slowest="$(sed -n 's/^stat::slowest_unit_time_sec: *//p' "$log" | tail -1 || true)"
    [ -n "$secs" ] || secs="$seconds"
    if [ "$status" -eq 0 ]; then result=ok
    elif [ -n "$(ls -A "$findings")" ]; then result="FINDING (exit $status): $(ls "$findings" | head -3 | tr '\n' ' ')"; failed=1
    else result="FAILED TO RUN (exit $status; see the log)"; failed=1; fi
    printf '%-40s %10s %8s %10s %8s %s\n' "$t" "${execs:-?}" "$secs" "$(( ${execs:-0} / (secs > 0 ? secs : 1) ))" \
        "${slowest:-?}" "$result" >> "$summary"
    [ -z "$runs" ] || echo "  $runs"
done
cat "$summary"
exit "$failed"
