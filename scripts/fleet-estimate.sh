#!/usr/bin/env bash
# A fleet-sized day, measured: one generated day of --hosts MTAs (1,000) and --lines log lines
# (20M) through the unbounded job on the local cluster (JobManager + TaskManager, parallelism 2) from
# a real broker. It reports:
#   - the read: lines per second from the job's start until it has committed the whole day;
#   - the day's peak state, once every line is in: the completed checkpoint's full size and
#     duration (REST statistics), the size per operator and per host, the TaskManager's heap after GC;
#   - the close: from the end-of-input line that moves the watermark past the day until the fleet's
#     day report file is there (the sharded merge of every host's hours, the report, the commit).
#
#   scripts/fleet-estimate.sh [--hosts 1000] [--lines 20000000] [--state-backend hashmap|rocksdb]
#                             [--partitions 4] [--checkpoint-interval 30s] [--seed 5] [--people 200000]
#                             [--tm-memory 6g]
# The generated people are --people numbered variants of each name (a fleet's day has millions of
# distinct senders and recipients); the TaskManager gets --tm-memory (a quarter of it managed, for
# RocksDB).
# Ends with one line:
#   hosts=H lines=L backend=B read_lines_per_s=R checkpoint_bytes=X checkpoint_s=D heap_mb=M close_s=C restarts=N
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
hosts=1000; lines=20000000; backend=hashmap; partitions=4; interval=30s; seed=5; people=200000; tm_memory=6g
while [ $# -gt 0 ]; do
  case "$1" in
    --hosts) hosts="$2"; shift 2 ;;
    --lines) lines="$2"; shift 2 ;;
    --state-backend) backend="$2"; shift 2 ;;
    --partitions) partitions="$2"; shift 2 ;;
    --checkpoint-interval) interval="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --people) people="$2"; shift 2 ;;
    --tm-memory) tm_memory="$2"; shift 2 ;;
    *) sed -n '2,20p' "$0" >&2; exit 1 ;;
  esac
done
source scripts/lib/common.sh
work="$here/var/estimate"
export CLUSTER_DIR="$work/cluster"
export CLUSTER_REST_PORT="${CLUSTER_REST_PORT:-$(free_port 18281)}"
export CLUSTER_RPC_PORT="${CLUSTER_RPC_PORT:-$(free_port 16323)}"
export CLUSTER_TM_MEMORY="$tm_memory"
CLUSTER_TM_MANAGED="$(python3 -c "import re; m = re.match(r'(\d+)([mg])', '$tm_memory'); n = int(m.group(1)) * (1024 if m.group(2) == 'g' else 1); print('%dm' % (n // 4))")"
export CLUSTER_TM_MANAGED
port=$(free_port 19600)
bootstrap="127.0.0.1:$port"
run="est$(date +%s)"
day=2026-11-20
say() { echo "fleet-estimate: $*" >&2; }
source scripts/lib/job-watch.sh
trap 'scripts/cluster-local.sh stop >/dev/null 2>&1 || true; scripts/kafka-local.sh stop --dir "$work/kafka" >/dev/null 2>&1 || true' EXIT
mkdir -p "$work"; rm -rf "$work/cluster" "$work/kafka" "$work/reports"
ensure_jar

# the input is kept between runs (both backends read the same day); the generator's spill past
# midnight is left out, so that the day stays open until the end-of-input line
input="$work/day-$hosts-$lines-$seed-$people.keyed"
if [ ! -s "$input" ]; then
  say "generating $lines lines of $day for $hosts hosts"
  pflogstream_generate --seed "$seed" --hosts "$hosts" --days 1 --messages-per-day $((lines * 10 / 67)) \
      --people "$people" --first-day "$day" | awk -v d="$(date -u -d "$day" '+%b %e')" 'substr($0, 1, 6) == d { print $4 "\t" $0 }' > "$input.tmp"
  mv "$input.tmp" "$input"
fi
n=$(wc -l < "$input")
scripts/kafka-local.sh start --port "$port" --dir "$work/kafka" > /dev/null
scripts/kafka-local.sh topic "$run.lines" "$partitions" --port "$port" 2>/dev/null
for t in summary messages events deadletter report; do
  scripts/kafka-local.sh topic "$run.$t" 1 --port "$port" 2>/dev/null
done
say "producing $n lines into $partitions partitions"
kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$bootstrap" --topic "$run.lines" \
  --property parse.key=true --property key.separator=$'\t' --producer-property compression.type=lz4 \
  --producer-property linger.ms=100 --producer-property batch.size=1048576 < "$input" > /dev/null 2>&1

scripts/cluster-local.sh start
t0=$(now_ms)
jid=$(scripts/cluster-local.sh submit --bootstrap-servers "$bootstrap" --input-topic "$run.lines" --today 2026-11-27 \
  --group-id "$run" --transactional-id-prefix "$run" --checkpoint-interval "$interval" \
  --summary-topic "$run.summary" --messages-topic "$run.messages" --events-topic "$run.events" \
  --deadletter-topic "$run.deadletter" --report-topic "$run.report" --report-dir "$work/reports" \
  --parallelism 2 --state-backend "$backend")
say "job $jid ($backend), reading"
wait_consumed "$run" "$run.lines" 7200 "the day"
read_s=$(python3 -c "print('%.1f' % (($(now_ms) - $t0) / 1000))")
since=$(now_ms)
wait_checkpoint "$jid" "$since" "the day's state"
read -r _ _ bytes id <<< "$(last_checkpoint "$jid")"
duration=$(job_field "$jid" "/checkpoints/details/$id" | python3 -c 'import sys, json; print("%.1f" % (json.load(sys.stdin)["end_to_end_duration"] / 1000))')
operators=$(checkpoint_by_operator "$jid" "$id")
tm_pid=$(cat "$CLUSTER_DIR/pids/taskmanager")
heap=$(heap_after_gc_mb "$tm_pid")
say "state per operator: $operators"

t1=$(now_ms)
end_of_input "$run.lines" "$(date -u -d "$day + 2 days" '+%b %e')"
until [ -s "$work/reports/fleet/$day.txt" ]; do
  [ $(( $(now_ms) - t1 )) -lt 1800000 ] || { say "no fleet day report within 30 minutes"; exit 1; }
  sleep 0.2
done
close_s=$(python3 -c "print('%.1f' % (($(now_ms) - $t1) / 1000))")
host_reports=$(find "$work/reports" -name "$day.txt" | wc -l)
# a record the broker refuses fails every checkpoint: the job would restart into it for ever
restarts=$(job_field "$jid" "/exceptions" | python3 -c 'import sys, json; print(len(json.load(sys.stdin).get("exceptionHistory", {}).get("entries", [])))') || restarts=unknown
# the fleet's day as published: its size and whether its tables were cut to the top rows
fleet_record=$(kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$bootstrap" \
    --topic "$run.summary" --from-beginning --timeout-ms 30000 --consumer-property isolation.level=read_committed \
    --property print.key=true --property key.separator=$'\t' 2>/dev/null \
  | python3 -c '
import sys, json
best = "none"
for line in sys.stdin:
    key, _, value = line.rstrip("\n").partition("\t")
    if key.startswith("fleet|day|"):
        s = json.loads(value)
        best = "%d bytes, rows kept %s, senders %d" % (len(value.encode()), s.get("cut", {}).get("rowsKept", "all"), s["totals"]["senders"])
print(best)') || true
too_large=$(kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$bootstrap" \
    --topic "$run.deadletter" --from-beginning --timeout-ms 15000 --consumer-property isolation.level=read_committed \
    2>/dev/null | grep -c "record too large" || true)
scripts/cluster-local.sh cancel "$jid" > /dev/null 2>&1 || true
python3 - "$operators" "$hosts" <<'PY' >&2
import sys
for kv in sys.argv[1].split(","):
    name, size = kv.split("=")
    print("fleet-estimate:   %-22s %12d bytes  %9.0f per host" % (name, int(size), int(size) / int(sys.argv[2])))
PY
say "$host_reports day reports by the time the fleet's was written"
say "the fleet's day summary record: $fleet_record; records too large: $too_large; job restarts: $restarts"
echo "hosts=$hosts lines=$n backend=$backend read_lines_per_s=$(python3 -c "print(round($n / $read_s))") checkpoint_bytes=$bytes checkpoint_s=$duration heap_mb=$heap close_s=$close_s restarts=$restarts"
