#!/usr/bin/env bash
# Cold start of a Lambda function, Lift against a bare handler, the way the managed Java runtime starts it:
# a fresh JVM creates the handler class (the init phase), passes it one event as bytes and prints the answer.
# benchmarks/src/main/java/dev/lift/benchmarks/coldstart/ColdStart.java is that driver; it runs BareHandler (Jackson only: read the API Gateway HTTP API event,
# answer GET /hello/{name}) and dev.lift.kernel.LiftHandler (lift.jar: every standard plugin and the example
# application, whose GET /hello/{name} answers the same) with the same class path, so the difference between
# the two is the framework. The event is cold/hello-event.json: AWS's HTTP API (2.0) sample, as GET /hello/lift.
#
#   mvn -B -ntp -DskipTests package        # builds distribution/target/lift.jar
#   benchmarks/startup/cold.sh             # about 6 minutes with the defaults
#
# For each configuration, both sides in one hyperfine run (wall time from exec to exit, -N, no shell):
#   17 plain      JDK 17, Lambda's flags (-XX:+UseSerialGC -XX:TieredStopAtLevel=1), no archive;
#   17 AppCDS     the same with a dynamic AppCDS archive per side (-XX:ArchiveClassesAtExit, one training run);
#   25 plain      Temurin 25, Lambda's flags, no archive;
#   25 AOT cache  the same with an AOT cache per side (-XX:AOTCacheOutput, one training run).
# Then, per configuration and side, the footprint after the invocation (the median of FOOTPRINT_RUNS runs of
# `ColdStart ... footprint`): resident set size, and heap in use after a full collection.
#
# Results: benchmarks/results/cold-start.json (raw hyperfine results and footprints) and a Markdown summary on
# stdout; charts: python3 benchmarks/startup/cold_report.py benchmarks/results/cold-start.json --chart.
# Environment: JDK17 (default: the JDK of `java` on PATH), JDK25 (default /usr/lib/jvm/temurin-25-jdk-amd64;
# its rows are left out when it is missing), RUNS (30), WARMUP (3), FOOTPRINT_RUNS (5), JAR (lift.jar to
# measure), RESULT (output JSON). Needs hyperfine (apt-get install -y hyperfine) and python3. Not part of
# `mvn verify`: its figures depend on the machine; ColdStartDriverTest runs the driver once on both sides.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
JAR="$(readlink -f "${JAR:-$root/distribution/target/lift.jar}")"
JDK17="${JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
JDK25="${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
RUNS="${RUNS:-30}"; WARMUP="${WARMUP:-3}"; FOOTPRINT_RUNS="${FOOTPRINT_RUNS:-5}"
RESULT="${RESULT:-$root/benchmarks/results/cold-start.json}"
FLAGS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
EVENT="$here/cold/hello-event.json"
BARE=dev.lift.benchmarks.coldstart.BareHandler
LIFT=dev.lift.kernel.LiftHandler

[ -f "$JAR" ] || { echo "cold.sh: $JAR is missing; build it first: mvn -B -ntp -DskipTests package" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "cold.sh: needs hyperfine (apt-get install -y hyperfine)" >&2; exit 1; }
has25=false; [ -x "$JDK25/bin/java" ] && has25=true

out="$here/target/cold"; rm -rf "$out"; mkdir -p "$out/classes"
"$JDK17/bin/javac" --release 17 -cp "$JAR" -d "$out/classes" "$root"/benchmarks/src/main/java/dev/lift/benchmarks/coldstart/{ColdStart,BareHandler}.java
# A jar, not a directory: AppCDS refuses a class path with a non-empty directory.
"$JDK17/bin/jar" cf "$out/cold.jar" -C "$out/classes" .
CP="$out/cold.jar:$JAR"
cd "$out"

run() { # JAVA ARCHIVE-FLAG CLASS [footprint]
  echo "$1/bin/java $FLAGS ${2:+$2 }-cp $CP dev.lift.benchmarks.coldstart.ColdStart $3 $EVENT${4:+ $4}"
}

# Training: one invocation per side, with the flags and class path of the measured runs.
echo "cold.sh: training archives (log: $out/train.log)" >&2
{
  for side in bare lift; do
    cls=$BARE; [ $side = lift ] && cls=$LIFT
    $(run "$JDK17" "-XX:ArchiveClassesAtExit=$out/$side.jsa" $cls)
    if $has25; then $(run "$JDK25" "-XX:AOTCacheOutput=$out/$side.aot" $cls); fi
  done
} >"$out/train.log" 2>&1

configs=("17 plain|$JDK17||"
         "17 AppCDS|$JDK17|-XX:SharedArchiveFile=$out/bare.jsa|-XX:SharedArchiveFile=$out/lift.jsa")
if $has25; then
  configs+=("25 plain|$JDK25||"
            "25 AOT cache|$JDK25|-XX:AOTCache=$out/bare.aot|-XX:AOTCache=$out/lift.aot")
fi

echo "[" >"$out/footprint.json"; first=true; n=0
for c in "${configs[@]}"; do
  n=$((n + 1))
  IFS='|' read -r name jdk barearch liftarch <<<"$c"
  echo "cold.sh: $name" >&2
  hyperfine -N --style none --warmup "$WARMUP" --runs "$RUNS" --export-json "$out/$n-${name// /-}.json" \
    -n "$name bare" "$(run "$jdk" "$barearch" $BARE)" \
    -n "$name lift" "$(run "$jdk" "$liftarch" $LIFT)" >/dev/null
  for side in bare lift; do
    arch=$barearch; cls=$BARE; [ $side = lift ] && { arch=$liftarch; cls=$LIFT; }
    for _ in $(seq "$FOOTPRINT_RUNS"); do
      line="$($(run "$jdk" "$arch" $cls footprint) 2>/dev/null | grep '^footprint ')"
      $first || echo "," >>"$out/footprint.json"; first=false
      echo "{\"config\":\"$name\",\"side\":\"$side\",\"line\":\"$line\"}" >>"$out/footprint.json"
    done
  done
done
echo "]" >>"$out/footprint.json"

python3 - "$out" "$RESULT" "$JAR" "$JDK17" "$JDK25" "$has25" "$RUNS" "$WARMUP" <<'PY'
import glob, json, os, subprocess, sys, datetime
out, result, jar, jdk17, jdk25, has25, runs, warmup = sys.argv[1:]
def version(jdk):
    return subprocess.run([jdk + "/bin/java", "-version"], capture_output=True, text=True).stderr.splitlines()[1]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
doc = {"date": datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"), "machine": f"{os.cpu_count()} vCPU, {cpu}",
       "jdk17": version(jdk17), "jdk25": version(jdk25) if has25 == "true" else None,
       "jar": os.path.basename(jar), "jar_bytes": os.path.getsize(jar), "runs": int(runs), "warmup": int(warmup),
       "flags": "-XX:+UseSerialGC -XX:TieredStopAtLevel=1", "archives": {}, "hyperfine": [],
       "footprint": json.load(open(os.path.join(out, "footprint.json")))}
for f in sorted(glob.glob(os.path.join(out, "*.jsa")) + glob.glob(os.path.join(out, "*.aot"))):
    doc["archives"][os.path.basename(f)] = os.path.getsize(f)
for f in sorted(glob.glob(os.path.join(out, "*.json"))):
    if os.path.basename(f) != "footprint.json":
        doc["hyperfine"].extend(json.load(open(f))["results"])
os.makedirs(os.path.dirname(result), exist_ok=True)
with open(result, "w") as fh:
    json.dump(doc, fh, indent=1)
print("results:", result, file=sys.stderr)
PY
python3 "$here/cold_report.py" "$RESULT"
