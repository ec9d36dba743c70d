#!/usr/bin/env bash
# The fuzzing campaign: hostile input through every stage that reads it.
#   scripts/fuzz.sh [--lines N] [--seed S] [--no-jazzer] [--no-stream]
# 1. Jazzer (coverage-guided, libFuzzer) on the parse stage for the 60 s its test names;
# 2. N hostile lines (default 10,000,000: truncated, random bytes, invalid UTF-8, control
#    characters, huge numbers, endless queue IDs, backtracking bait, 1 MB lines, splices, noise),
#    one good line before every four, each parsed both ways (report bytes, stream String) and timed;
#    the lines written to var/fuzz/hostile.log and sent to a topic of a real local broker;
# 3. `pflogstream report` on the log, and `pflogstream stream --bounded` on the topic: both must
#    finish, and hold exactly the dead letters the parse stage predicted.
# Prints the figures the README's tests section quotes; exit status 1 on any failure.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
lines=10000000; seed=1; jazzer=1; stream=1
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) lines="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --no-jazzer) jazzer=0; shift ;;
    --no-stream) stream=0; shift ;;
    *) echo "usage: scripts/fuzz.sh [--lines N] [--seed S] [--no-jazzer] [--no-stream]" >&2; exit 2 ;;
  esac
done
work="$here/var/fuzz"; rm -rf "$work"; mkdir -p "$work"
source scripts/lib/common.sh
mvn -q -B -DskipTests package >&2
mvn -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >&2
cp="target/test-classes:target/classes:$(cat "$work/cp.txt")"

if [ "$jazzer" = 1 ]; then
  echo "== 1. Jazzer on the parse stage"
  JAZZER_FUZZ=1 mvn -q -B surefire:test@fuzz-seeds \
    > "$work/jazzer.log" 2>&1 || { tail -40 "$work/jazzer.log"; echo "fuzz.sh: Jazzer found a failing input (above)"; exit 1; }
  grep -a -E "^#[0-9]+ *(DONE|pulse)" "$work/jazzer.log" | tail -1 || true
  grep -a -E "^Done [0-9]+ runs" "$work/jazzer.log" | tail -1 || true
fi

bootstrap=""; topic="fuzz.lines"
if [ "$stream" = 1 ]; then
  port=$(free_port 19300)
  trap 'scripts/kafka-local.sh stop --dir "$work/kafka" >/dev/null 2>&1 || true' EXIT
  bootstrap=$(scripts/kafka-local.sh start --port "$port" --dir "$work/kafka" | tail -1)
  scripts/kafka-local.sh topic "$topic" 2 --port "$port" > /dev/null
fi

echo "== 2. ${lines} hostile lines through the parse stage"
java -Xmx8g $PFLOGSTREAM_OPENS -cp "$cp" io.pflogstream.fuzz.FuzzCampaign --lines "$lines" --seed "$seed" --log "$work/hostile.log" \
  ${bootstrap:+--bootstrap "$bootstrap" --topic "$topic" --partitions 2} | tee "$work/campaign.txt"
expected=$(sed -n 's/.*expected_report_dead_letters=\([0-9]*\).*/\1/p' "$work/campaign.txt")
expected_stream=$(sed -n 's/.*expected_stream_dead_letters=\([0-9]*\).*/\1/p' "$work/campaign.txt")

echo "== 3. the report on $(du -h "$work/hostile.log" | cut -f1) of it"
/usr/bin/time -f "%e s, %M KB peak RSS" -o "$work/report-time.txt" \
  scripts/pflogstream report --today 2026-11-27 --unprocd-file "$work/unprocessed.txt" "$work/hostile.log" \
  > "$work/report.txt" 2> "$work/report-stderr.txt" || { cat "$work/report-stderr.txt"; echo "fuzz.sh: the report failed"; exit 1; }
report_dead=$(wc -l < "$work/unprocessed.txt")
echo "report: exit 0 in $(cat "$work/report-time.txt"); dead letters $report_dead, expected $expected"
head -8 "$work/report-stderr.txt"
[ "$report_dead" = "$expected" ] || { echo "fuzz.sh: the report's dead letters are not the expected ones"; exit 1; }

if [ "$stream" = 1 ]; then
  echo "== 4. the stream job on the topic"
  start=$(date +%s)
  # with every SIEM field pseudonymized: its scans of whole lines see the hostile ones too
  PFLOGSTREAM_PSEUDONYMIZE_KEY="$(head -c 32 /dev/urandom | base64)" \
  timeout 3600 scripts/pflogstream stream --bootstrap-servers "$bootstrap" --input-topic "$topic" --bounded --pseudonymize all \
    --group-id fuzz --transactional-id-prefix fuzz --deadletter-topic fuzz.deadletter --summary-topic fuzz.summary \
    --messages-topic fuzz.messages --events-topic fuzz.events --report-topic fuzz.report --checkpoint-interval 10s \
    > "$work/stream.txt" 2>&1 || { tail -30 "$work/stream.txt"; echo "fuzz.sh: the stream job failed"; exit 1; }
  elapsed=$(( $(date +%s) - start ))
  java -cp "tools/kafka/libs/*" org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$bootstrap" \
    --topic fuzz.deadletter --from-beginning --isolation-level read_committed --timeout-ms 20000 \
    > "$work/deadletters.json" 2> /dev/null || true
  # "partition offset" of each dead letter (the consumer's own log lines on stdout are not records)
  grep -a -v '"reason":"late' "$work/deadletters.json" \
    | sed -n 's/^{"source":"[^"]*","topic":"[^"]*","partition":\([0-9]*\),"offset":\([0-9]*\),.*/\1 \2/p' \
    | sort > "$work/stream-dead.txt"
  stream_dead=$(wc -l < "$work/stream-dead.txt")
  late=$(grep -a -c '^{"source":.*"reason":"late' "$work/deadletters.json" || true)
  internal=$(grep -a -c 'parser failed on this line' "$work/deadletters.json" || true)
  echo "stream: finished in ${elapsed} s; dead letters $stream_dead (+ $late late), expected $expected_stream; parser failures $internal"
  # which records differ, against the campaign's list of the records it expects dead
  sort "$work/expected-stream-dead.txt" > "$work/expected-stream-dead.sorted"
  comm -3 "$work/expected-stream-dead.sorted" "$work/stream-dead.txt" > "$work/dead-letter-differences.txt" || true
  if [ -s "$work/dead-letter-differences.txt" ]; then
    echo "records the parse stage and the stream disagree on (left: only expected; right: only in the stream):"
    head -5 "$work/dead-letter-differences.txt"
    while read -r partition offset; do
      grep -a -m1 "^{\"source\":\"[^\"]*\",\"topic\":\"[^\"]*\",\"partition\":$partition,\"offset\":$offset," "$work/deadletters.json" | cut -c1-400
    done < <(head -5 "$work/dead-letter-differences.txt" | tr -d '\t')
  fi
  [ "$stream_dead" = "$expected_stream" ] && [ "$internal" = 0 ] && [ ! -s "$work/dead-letter-differences.txt" ] || { echo "fuzz.sh: the stream's dead letters are not the expected ones"; exit 1; }
fi
echo "fuzz.sh: passed"
