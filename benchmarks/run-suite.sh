#!/usr/bin/env bash
# Runs the whole JMH suite (every benchmark beside its bare baseline, -prof gc for allocation), writes the JMH
# result JSON to benchmarks/results/suite-<UTC date>.json (or $RESULT), then prints the targets' ratios and draws
# the charts with charts.py.
#
# Time: 112 benchmark/parameter combinations, one fork each, 3 x 1 s warm-up and 3 x 1 s measurement by default:
# about 13-15 minutes on 2 vCPUs. Override with JMH_OPTS (e.g. JMH_OPTS="-f 1 -wi 1 -w 200ms -i 1 -r 200ms" for a
# 3-minute look) and narrow with a benchmark regexp as the first argument (e.g. `run-suite.sh Routing`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -ntp -o -pl benchmarks -am package -Dmaven.test.skip=true -Djacoco.skip=true
mkdir -p benchmarks/results
result="${RESULT:-benchmarks/results/suite-$(date -u +%Y%m%d-%H%M).json}"
pattern="${1:-dev.lift.benchmarks}"
# shellcheck disable=SC2086 # JMH_OPTS is a list of options
java -jar benchmarks/target/benchmarks.jar "$pattern" ${JMH_OPTS:--f 1 -wi 3 -w 1s -i 3 -r 1s} -prof gc \
  -rf json -rff "$result"
echo "results: $result"
python3 benchmarks/charts.py "$result"
