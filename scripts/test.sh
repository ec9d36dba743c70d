#!/usr/bin/env bash
# Runs every test. Installs what the tests need first on a fresh Debian machine:
# pflogsumm 1.1.5 (the ground truth of the differential tests) and faketime.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
need=()
command -v pflogsumm >/dev/null 2>&1 || [ -x /usr/sbin/pflogsumm ] || need+=(pflogsumm)
perl -MDate::Calc -e1 >/dev/null 2>&1 || need+=(libdate-calc-perl)
command -v faketime >/dev/null 2>&1 || need+=(faketime)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >&2
  else
    echo "test.sh: please install ${need[*]} (apt-get install ${need[*]}); tests that need them will be skipped" >&2
  fi
fi
exec mvn -B ${MAVEN_ARGS:-} test "$@"
