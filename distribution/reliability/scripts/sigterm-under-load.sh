#!/usr/bin/env bash
# SIGTERM to `lift serve` under load (not part of mvn verify: about 30 s). Builds nothing: expects
# distribution/target/lift.jar. Traffic goes to 127.0.0.1 only.
#
#   distribution/reliability/scripts/sigterm-under-load.sh
#
# wrk loads the server at 64 connections (its own errors are not judged: it counts refused
# reconnects after the stop as errors); KeepAliveProbe.java sends requests back to back on 16
# kept-alive connections and records each one's outcome. Once every probe connection has had an
# answer and wrk has run for 3 s, serve gets SIGTERM. Passes when
# serve exits 143 within 20 s and every request the probe sent got an answer (2xx, or 503 with
# Connection: close while stopping), a connection being refused before sending being the only other
# outcome allowed.
set -euo pipefail
source "$(dirname "$0")/serve-lib.sh"
need_jar_and_wrk
ROUNDS=${ROUNDS:-1}
failed=0
for round in $(seq 1 "$ROUNDS"); do
    start_serve
    rm -f "$WORK/ready"
    "$JAVA" "$SCRIPTS/KeepAliveProbe.java" 127.0.0.1 "$PORT" 16 120 /hello/probe "$WORK/ready" >"$WORK/probe.txt" &
    PROBE=$!
    for _ in $(seq 1 900); do [ -f "$WORK/ready" ] && break; sleep 0.1; done
    [ -f "$WORK/ready" ] || { echo "the probe never got an answer on all its connections"; failed=1; }
    wrk -t1 -c64 -d8s "$BASE/hello/load" >"$WORK/wrk.txt" 2>&1 &
    WRK=$!
    sleep 3 # under load: the probe and wrk both running
    kill -TERM "$SERVE_PID"
    start=$(date +%s%N)
    code=0
    for _ in $(seq 1 200); do kill -0 "$SERVE_PID" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$SERVE_PID" 2>/dev/null; then echo "serve did not exit within 20 s of SIGTERM"; failed=1; kill -9 "$SERVE_PID"; fi
    wait "$SERVE_PID" || code=$?
    echo "round $round: serve exited $code, $(( ($(date +%s%N) - start) / 1000000 )) ms after SIGTERM"
    [ "$code" = 143 ] || failed=1
    probe=0
    wait "$PROBE" || probe=$?
    cat "$WORK/probe.txt"
    [ "$probe" = 0 ] || failed=1
    wait "$WRK" 2>/dev/null || true
    echo "wrk (background, not judged): $(grep -o '[0-9]* requests in [^,]*' "$WORK/wrk.txt" || true); $(grep -o 'Socket errors:.*' "$WORK/wrk.txt" || true)"
    grep -c ' 503 ' "$WORK/serve.err" | sed 's/^/access-log lines with 503: /' || true
    grep '^lift: ' "$WORK/serve.err" | grep -v '^lift: serve:' | cut -c1-160 | sort | uniq -c | sort -rn | head -5 || true
    SERVE_PID=
done
if [ "$failed" = 0 ]; then echo "sigterm-under-load: PASS"; else echo "sigterm-under-load: FAIL"; fi
exit "$failed"
