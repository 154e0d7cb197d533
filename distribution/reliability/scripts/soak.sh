#!/usr/bin/env bash
# The soak at full size (-Psoak): 1,000,000 in-process invocations (HTTP API requests through routes and SQS
# batches), heap in use after a full GC at every 100,000; fails when the last checkpoint is more than 8 MB
# above the first after warm-up. Extra arguments go to Maven, for example:
#   distribution/reliability/scripts/soak.sh -Dlift.soak.invocations=2000000
#   distribution/reliability/scripts/soak.sh -o
# The checkpoints are printed at the end and kept in distribution/reliability/target/soak.log.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
log="$root/distribution/reliability/target/soak.log"
mkdir -p "$(dirname "$log")"
cd "$root"
status=0
mvn -B -ntp test -pl distribution/reliability -am -Psoak -Dtest='HeapSoakTest' \
    -Dsurefire.failIfNoSpecifiedTests=false "$@" 2>&1 | tee "$log" || status=$?
echo
grep -E '^Heap ' "$log" || true
exit "$status"
