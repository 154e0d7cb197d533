# Shared by load.sh and sigterm-under-load.sh: finds lift.jar and wrk, starts `lift serve` on a free
# loopback port, samples its threads. Sourced, not run.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
SCRIPTS="$ROOT/distribution/reliability/scripts"
JAR=${LIFT_JAR:-$ROOT/distribution/target/lift.jar}
JAVA=${JAVA:-java}
WORK=$(mktemp -d)
SERVE_PID=
SAMPLER_PID=

need_jar_and_wrk() {
    if [ ! -f "$JAR" ]; then
        echo "$(basename "$0"): $JAR is missing. This script builds nothing: run 'mvn -B -ntp -DskipTests package' first" >&2
        echo "  (or point LIFT_JAR at another lift.jar)." >&2
        exit 2
    fi
    if ! command -v wrk >/dev/null; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "installing wrk (Debian package)" >&2
            apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
        fi
        command -v wrk >/dev/null || { echo "$(basename "$0"): needs wrk: 'apt-get install wrk' (Debian/Ubuntu)" >&2; exit 2; }
    fi
}

# start_serve [serve options...]: sets SERVE_PID and BASE (http://127.0.0.1:PORT)
start_serve() {
    "$JAVA" -jar "$JAR" serve --port 0 "$@" >"$WORK/serve.out" 2>"$WORK/serve.err" &
    SERVE_PID=$!
    for _ in $(seq 1 100); do
        BASE=$(sed -n 's/^Lift listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$WORK/serve.out")
        [ -n "$BASE" ] && break
        kill -0 "$SERVE_PID" 2>/dev/null || { cat "$WORK/serve.err" >&2; echo "serve did not start" >&2; exit 1; }
        sleep 0.2
    done
    [ -n "$BASE" ] || { echo "serve printed no address in 20 s" >&2; exit 1; }
    PORT=${BASE##*:}
    grep '^lift: serve:' "$WORK/serve.err" || true
}

# Samples the server's thread counts every second into $WORK/threads (total lift-http).
start_sampler() {
    : >"$WORK/threads"
    ( while kill -0 "$SERVE_PID" 2>/dev/null; do
        total=$(ls "/proc/$SERVE_PID/task" 2>/dev/null | wc -l)
        http=$(cat /proc/"$SERVE_PID"/task/*/comm 2>/dev/null | grep -c '^lift-http' || true)
        echo "$total $http" >>"$WORK/threads"
        sleep 1
      done ) &
    SAMPLER_PID=$!
}

# Prints "threads: peak total T, peak lift-http H" over the samples so far, then starts afresh.
threads_peak() {
    awk 'BEGIN{t=0;h=0} {if($1>t)t=$1; if($2>h)h=$2} END{printf "threads: peak total %d, peak lift-http %d\n", t, h}' "$WORK/threads"
    : >"$WORK/threads"
}

stop_all() {
    [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
    if [ -n "$SERVE_PID" ] && kill -0 "$SERVE_PID" 2>/dev/null; then
        kill -TERM "$SERVE_PID" 2>/dev/null || true
        wait "$SERVE_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap stop_all EXIT

# wrk_check LABEL: reads wrk's output in $WORK/wrk.txt, prints one summary line, returns 1 on any error.
wrk_check() {
    local label=$1 f="$WORK/wrk.txt"
    local rps p50 p99 errs non2xx
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$f")
    p50=$(awk '$1=="50%" {print $2}' "$f")
    p99=$(awk '$1=="99%" {print $2}' "$f")
    errs=$(grep -o 'Socket errors:.*' "$f" || echo "Socket errors: none")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$f")
    echo "$label: ${rps:-?} req/s, p50 ${p50:-?}, p99 ${p99:-?}, $(grep -o '[0-9]* requests in [^,]*' "$f"), $errs, non-2xx ${non2xx:-0}"
    if grep -q 'Socket errors:' "$f" || [ -n "$non2xx" ] || [ -z "$rps" ]; then
        return 1
    fi
}
