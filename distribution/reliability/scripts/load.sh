#!/usr/bin/env bash
# Load suite for `lift serve` (not part of mvn verify: about 2 minutes). Builds nothing: expects
# distribution/target/lift.jar (mvn -B -ntp -DskipTests package). Traffic goes to 127.0.0.1 only.
#
#   distribution/reliability/scripts/load.sh            # 30 s per phase
#   DURATION=10s distribution/reliability/scripts/load.sh
#
# Phases, each against GET /hello/load of the example application: wrk at 64 connections, wrk at
# 256 connections, then 400 slowloris connections (SlowLoris.java: headers a byte a second, never
# finished) while wrk runs at 64 connections. Fails unless every phase has zero socket errors and
# zero non-2xx responses. Prints req/s, latency p50/p99 and the server's peak thread counts.
set -euo pipefail
source "$(dirname "$0")/serve-lib.sh"
DURATION=${DURATION:-30s}
SECONDS_EACH=${DURATION%s}
need_jar_and_wrk
start_serve
start_sampler
echo "serve at $BASE (pid $SERVE_PID); wrk $(wrk --version 2>&1 | head -1 | awk '{print $2}'); $(nproc) cores; $("$JAVA" -version 2>&1 | head -1)"
failed=0

# Warm-up, not judged: JIT-compiles the request path.
wrk -t2 -c16 -d5s "$BASE/hello/warmup" >/dev/null
: >"$WORK/threads"

for c in 64 256; do
    wrk -t2 -c"$c" -d"$DURATION" --timeout 5s --latency "$BASE/hello/load" >"$WORK/wrk.txt"
    wrk_check "wrk -t2 -c$c -d$DURATION" || failed=1
    threads_peak
done

"$JAVA" "$SCRIPTS/SlowLoris.java" 127.0.0.1 "$PORT" 400 $((SECONDS_EACH + 10)) >"$WORK/slowloris.txt" &
SLOW=$!
sleep 5 # let the slow connections open first
wrk -t2 -c64 -d"$DURATION" --timeout 5s --latency "$BASE/hello/load" >"$WORK/wrk.txt"
wrk_check "wrk -t2 -c64 -d$DURATION with 400 slowloris connections" || failed=1
threads_peak
wait "$SLOW" || failed=1
cat "$WORK/slowloris.txt"
grep '^lift: closed' "$WORK/serve.err" | sort | uniq -c | head -5 || true

if [ "$failed" = 0 ]; then echo "load: PASS"; else echo "load: FAIL"; fi
exit "$failed"
