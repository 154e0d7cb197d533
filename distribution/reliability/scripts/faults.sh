#!/usr/bin/env bash
# Fault injection at full size (-Pfaults-full): 112,000 records with random failures through SQS standard
# and FIFO, Kinesis and DynamoDB Streams, sequential and parallel, in-process and through the custom runtime
# loop. Extra arguments go to Maven, for example:
#   distribution/reliability/scripts/faults.sh -Dlift.faults.seed=42       # replay a run
#   distribution/reliability/scripts/faults.sh -Dlift.faults.records=20000 # 20,000 per run instead of 7,000
#   distribution/reliability/scripts/faults.sh -o                          # offline
# The per-run summaries (seed, records, faults injected by kind, mismatches, duration) are printed at the end
# and kept in distribution/reliability/target/faults-full.log.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
log="$root/distribution/reliability/target/faults-full.log"
mkdir -p "$(dirname "$log")"
cd "$root"
status=0
mvn -B -ntp test -pl distribution/reliability -am -Pfaults-full -Dtest='FaultInjectionTest' \
    -Dsurefire.failIfNoSpecifiedTests=false "$@" 2>&1 | tee "$log" || status=$?
echo
grep -E '^Fault injection' "$log" || true
exit "$status"
