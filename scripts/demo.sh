#!/usr/bin/env bash
# The streaming job end to end on this machine: a real Kafka broker, a three-host two-day log
# replayed into a three-partition topic, the job run bounded, then its outputs shown.
#   scripts/demo.sh [--port P (a free one)] [--log FILE] [--keep]    (--keep leaves the broker running)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
port=""; log=""; keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --log) log="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: scripts/demo.sh [--port P] [--log FILE] [--keep]" >&2; exit 1 ;;
  esac
done
dir="$here/var/demo"
rm -rf "$dir/reports"; mkdir -p "$dir"
source scripts/lib/common.sh
ensure_jar
[ -n "$port" ] || port=$(free_port 9092)
bootstrap=$(scripts/kafka-local.sh start --port "$port" --dir "$dir/kafka" | tail -1)
[ -n "$keep" ] || trap 'scripts/kafka-local.sh stop --dir "$dir/kafka"' EXIT
run=$(date +%s)
input="demo.lines.$run"
scripts/kafka-local.sh topic "$input" 3 --port "$port" 2>/dev/null
for t in summary messages events deadletter report; do scripts/kafka-local.sh topic "demo.$t.$run" 1 --port "$port" 2>/dev/null; done

if [ -z "$log" ]; then
  log="$dir/fleet.log"
  pflogstream_generate --seed 42 --hosts 3 --days 2 --messages-per-day 3000 --first-day 2026-11-20 > "$log"
  printf 'this line is not syslog\n' >> "$log"
fi
echo "== replaying $(wc -l < "$log") lines of $log into $input (3 partitions)"
java -cp "tools/kafka/libs/*" org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$bootstrap" --topic "$input" \
  --producer-property partitioner.class=org.apache.kafka.clients.producer.RoundRobinPartitioner < "$log"

echo "== running the job (bounded: it stops at the end of the topic as it was at start)"
scripts/pflogstream stream --bootstrap-servers "$bootstrap" --input-topic "$input" --bounded \
  --report-dir "$dir/reports" --group-id "demo-$run" --transactional-id-prefix "demo-$run" \
  --summary-topic "demo.summary.$run" --messages-topic "demo.messages.$run" --events-topic "demo.events.$run" \
  --deadletter-topic "demo.deadletter.$run" --report-topic "demo.report.$run" --checkpoint-interval 2s

consume() {
  java -cp "tools/kafka/libs/*" org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$bootstrap" \
    --topic "$1" --from-beginning --isolation-level read_committed --timeout-ms 5000 2>/dev/null \
    | grep -v 'ConsoleConsumer - \|TimeoutException' || true
}
echo; echo "== pflog.summary: one record per host or fleet, hour or day, revision"
consume "demo.summary.$run" | python3 -c '
import sys, json
n = 0
for line in sys.stdin:
    try: j = json.loads(line)
    except ValueError: continue
    n += 1
    if j["granularity"] == "day":
        t = j["totals"]
        print("%-6s %s rev %d: received %d, delivered %d, deferred %d, bounced %d, rejected %d" % (j["host"],
              j["start"][:10], j["revision"], t["received"], t["delivered"], t["deferred"], t["bounced"], t["rejected"]))
print("(%d summary records in all)" % n)'
echo; echo "== pflog.messages (first record of $(consume "demo.messages.$run" | wc -l))"
consume "demo.messages.$run" | head -1
echo; echo "== pflog.events (first record)"
consume "demo.events.$run" | head -1
echo; echo "== pflog.deadletter"
consume "demo.deadletter.$run" | head -3
echo; echo "== day reports in $dir/reports"
find "$dir/reports" -name '*.txt' | sort
first=$(find "$dir/reports/fleet" -name '*.txt' | sort | head -1)
echo; echo "== $first (head)"; head -24 "$first"
