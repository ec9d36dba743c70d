#!/usr/bin/env bash
# Regenerates the project's own golden fixtures: seeded logs from the generator, and for each the
# report Debian's pflogsumm 1.1.5 prints for the eight option sets of ../shared/corpus.
# pflogsumm's clock is pinned with faketime (its year guess depends on it); the date is written
# beside each log as <base>.today for the tests. Never edit the expected files by hand.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/src/test/resources/golden"
command -v faketime >/dev/null && [ -x /usr/sbin/pflogsumm ] || { echo "needs: apt-get install pflogsumm libdate-calc-perl faketime" >&2; exit 1; }
mkdir -p "$out"
source "$here/scripts/lib/common.sh"
gen() { pflogstream_generate "$@"; }

# name | today | generator arguments
fixtures=(
  "fleet-3hosts-3days|2026-11-27|--seed 11 --hosts 3 --days 3 --messages-per-day 400 --first-day 2026-11-20"
  "rfc3339-long-ids|2026-11-27|--seed 12 --hosts 1 --days 2 --messages-per-day 500 --first-day 2026-11-25 --rfc3339 --long-queue-ids"
  "new-year|2027-01-02|--seed 13 --hosts 2 --days 3 --messages-per-day 300 --first-day 2026-12-30"
  # Postfix reuses queue IDs; pflogsumm never forgets one, and a drop-in must count as it does
  "reused-queue-ids|2026-11-27|--seed 14 --hosts 2 --days 2 --messages-per-day 600 --first-day 2026-11-25 --reuse-queue-ids 20"
)
variants=(
  "default|"
  "smtpd-stats|--smtpd-stats"
  "verbose-msg-detail|--verbose-msg-detail"
  "e|-e"
  "problems-first|--problems-first"
  "iso-date-time|--iso-date-time"
  "zero-fill|--zero-fill"
  "u5-h5|-u 5 -h 5"
)
for f in "${fixtures[@]}"; do
  IFS='|' read -r name today args <<<"$f"
  # shellcheck disable=SC2086
  gen $args > "$out/$name.log"
  echo "$today" > "$out/$name.today"
  for v in "${variants[@]}"; do
    IFS='|' read -r variant opts <<<"$v"
    # shellcheck disable=SC2086
    PERL_HASH_SEED=0 PERL_PERTURB_KEYS=0 LC_ALL=C TZ=UTC faketime "$today 12:00:00" \
      /usr/sbin/pflogsumm $opts "$out/$name.log" > "$out/$name.pflogsumm.$variant.txt" 2>/dev/null
  done
  echo "regenerated $name ($(wc -l < "$out/$name.log") lines)"
done
