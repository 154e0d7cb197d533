#!/usr/bin/env bash
# Issue 12, defects 4 and 5: times a 64 KiB..2 MiB query string `a&a&a...`, the same size of REST `Cookie: a;a;a...`,
# and S3 keys of 33..513 characters against the glob `**a**a**a**b`, through a real kernel, for the build in this
# checkout and, with BEFORE=<commit>, for a build of that commit in a temporary worktree (default ef5d731, the last
# commit before the linear-parsing and KeyGlob fixes). Prints both tables; the figures go in RELIABILITY.md.
# Usage: distribution/reliability/scripts/parsing-timings.sh            (current checkout; builds what it needs)
#        BEFORE=ef5d731 distribution/reliability/scripts/parsing-timings.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
modules=distribution/lift-test,plugins/adapter-apigateway-v1,plugins/adapter-apigateway-v2,plugins/adapter-s3
program="$root/distribution/reliability/timing/ParsingTimings.java"

build() { # $1 = a checkout: packages the modules the program needs, and writes lift-test's runtime class path
  (cd "$1" && mvn -o -B -ntp -q package dependency:build-classpath -DskipTests -Dmdep.includeScope=runtime \
     -Dmdep.outputFile=target/timings.classpath -pl "$modules" -am)
}

classpath() { # $1 = a built checkout
  local dir=$1
  cat "$dir/distribution/lift-test/target/timings.classpath"
  for m in distribution/lift-test plugins/adapter-apigateway-v1 plugins/adapter-apigateway-v2 plugins/adapter-s3; do
    printf ':%s' "$dir/$m/target/classes"
  done
}

run() { # $1 = checkout, $2 = label
  echo "== $2 ($(git -C "$1" rev-parse --short HEAD)) =="
  printf '%-24s %8s %12s\n' input size best-of-3-ms
  java -Xss4m -cp "$(classpath "$1")" "$program" "$root/kernel/src/test/resources/events"
}

if [ -n "${BEFORE:-}" ]; then
  tmp=$(mktemp -d)
  trap 'git -C "$root" worktree remove --force "$tmp/before" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
  git -C "$root" worktree add -q --detach "$tmp/before" "$BEFORE"
  build "$tmp/before"
  run "$tmp/before" before
fi
build "$root"
run "$root" after
