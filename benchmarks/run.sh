#!/usr/bin/env bash
# Builds target/benchmarks.jar and runs the HTTP API (v2) benchmark beside its bare-handler baseline,
# then prints lift/baseline. Extra arguments go to JMH (options other than -f/-wi/-w/-i/-r/-prof gc, e.g. -jvmArgs).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -ntp -o -pl benchmarks -am package -Dmaven.test.skip=true
result=benchmarks/target/jmh-http-v2.json
# 10 s of warm-up: the Lift path reaches steady state only after about 7 s on 2 cores (the baseline
# after 2 s); with 3 x 2 s JMH would measure the JIT, not Lift.
java -jar benchmarks/target/benchmarks.jar HttpV2Benchmark -f 3 -wi 5 -w 2s -i 5 -r 2s -bm avgt -tu us -prof gc \
  -rf json -rff "$result" "$@"
python3 - "$result" <<'PY'
import json, sys
scores = {}
for r in json.load(open(sys.argv[1])):
    name = r["benchmark"].rsplit(".", 1)[1]
    m = r["primaryMetric"]
    scores[name] = m
    print(f"{name:9s} {m['score']:9.3f} ± {m['scoreError']:.3f} {m['scoreUnit']}")
ratio = scores["lift"]["score"] / scores["baseline"]["score"]
print(f"lift/baseline = {ratio:.2f}x (goal <= 1.25x)")
PY
