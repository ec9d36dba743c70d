#!/usr/bin/env bash
# Soak test: does the unbounded fleet job keep its state flat over weeks of mail?
#
#   1. takes N days of a multi-host log: generated with new senders, recipients and users every day
#      (so any table that is never cleared shows), or any syslog file given with --input;
#   2. runs `pflogstream stream` on scripts/cluster-local.sh's JobManager + TaskManager with
#      checkpoints, on a real broker;
#   3. streams the log one day at a time: each day waits until the job has committed all of it,
#      which happens when a checkpoint completes, and records that checkpoint's size (REST checkpoint
#      statistics, full state size) and the TaskManager's heap after a full GC;
#   4. checks every host-day report the job wrote against pflogsumm run on that host-day's lines.
#
#   scripts/soak-test.sh [--days 30] [--hosts 3] [--messages-per-day 4000] [--input FILE]
#                        [--state-backend hashmap|rocksdb] [--seed 10033] [--keep]
#
# Ends with one line:
#   days=N checkpoint_bytes_day10=X checkpoint_bytes_last=Y growth=R heap_mb_day10=A heap_mb_last=B
#   day_reports=K mismatched_reports=M
# and exits 1 unless growth <= 1.10 and every report matches. The table of days is in
# var/soak/days.tsv. --input takes traditional syslog stamps (the year guessed as pflogsumm does on
# --today, 2026-11-27); its days are its stamps' dates in order.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
metrics_ok=1; generated=""; days=30; hosts=3; per_day=4000; input=""; seed=10033; keep=""; backend=hashmap; max_growth=1.10
while [ $# -gt 0 ]; do
  case "$1" in
    --days) days="$2"; shift 2 ;;
    --hosts) hosts="$2"; shift 2 ;;
    --messages-per-day) per_day="$2"; shift 2 ;;
    --input) input="$2"; shift 2 ;;
    --state-backend) backend="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) sed -n '2,22p' "$0" >&2; exit 1 ;;
  esac
done
case "$backend" in hashmap|rocksdb) ;; *) echo "soak-test: --state-backend takes hashmap or rocksdb" >&2; exit 1 ;; esac
[ -z "$input" ] || [ -r "$input" ] || { echo "soak-test: cannot read $input" >&2; exit 1; }
source scripts/lib/common.sh
work="$here/var/soak"
export CLUSTER_DIR="$work/cluster"
export CLUSTER_REST_PORT="${CLUSTER_REST_PORT:-$(free_port 18181)}"
export CLUSTER_RPC_PORT="${CLUSTER_RPC_PORT:-$(free_port 16223)}"
port=$(free_port 19500)
bootstrap="127.0.0.1:$port"
kafka_dir="$work/kafka"
today=2026-11-27
run="soak$(date +%s)"
say() { echo "soak-test: $*" >&2; }
source scripts/lib/job-watch.sh

cleanup() {
  if [ -z "$keep" ]; then
    scripts/cluster-local.sh stop 2>/dev/null || true
    scripts/kafka-local.sh stop --dir "$kafka_dir" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# a previous run's broker and cluster first (--keep): their pid files are about to go
scripts/cluster-local.sh stop > /dev/null 2>&1 || true
scripts/kafka-local.sh stop --dir "$kafka_dir" > /dev/null 2>&1 || true
rm -rf "$work"; mkdir -p "$work/days" "$work/reports"
ensure_jar
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
test_cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"

if [ -z "$input" ]; then
  first_day=$(date -u -d "$today - $((days + 2)) days" +%Y-%m-%d)
  say "generating $days days from $first_day: $hosts hosts, $per_day messages a day, new people every day (seed $seed)"
  pflogstream_generate --seed "$seed" --hosts "$hosts" --days "$days" --messages-per-day "$per_day" \
      --first-day "$first_day" --new-people-daily > "$work/input.log"
  input="$work/input.log"
  generated=1
fi
# one file per day, in the order the days first appear; lines keyed by host (the 4th field)
awk -v dir="$work/days" '
  NF >= 4 { d = $1 " " sprintf("%02d", $2); if (!(d in seen)) { seen[d] = ++n; printf "%s\n", d > (dir "/order") }
            printf "%s\t%s\n", $4, $0 > (dir "/" sprintf("%04d", seen[d])) }' "$input"
mapfile -t order < "$work/days/order"
spill=()
if [ "$generated" ] && [ ${#order[@]} -gt "$days" ]; then
  # the generator's last deliveries and expiries spill past its last day: streamed with the end of
  # input, after the last day's measurement
  for j in $(seq $((days + 1)) ${#order[@]}); do spill+=("$work/days/$(printf %04d "$j")"); done
  order=("${order[@]:0:$days}")
fi
days=${#order[@]}
last_day="$(tail -1 "$work/days/order")"   # the spill's day when there is one
after_last=$(date -u -d "$(date -u -d "$last_day $(date -u -d "$today" +%Y)" +%Y-%m-%d) + 2 days" '+%b %e')
say "$days days, $(wc -l < "$input") lines, $backend state"

scripts/kafka-local.sh start --port "$port" --dir "$kafka_dir" > /dev/null
# one partition: with a few hosts keyed by name, a second one may get none; the fault test covers
# partitions. The source subtask without a partition holds the watermark back until it is declared
# idle: --idle-after 5s, so that the first days are not held back for the default minute
scripts/kafka-local.sh topic "$run.lines" 1 --port "$port" 2>/dev/null
for t in summary messages events deadletter report; do
  scripts/kafka-local.sh topic "$run.$t" 1 --port "$port" 2>/dev/null
done
scripts/cluster-local.sh stop > /dev/null 2>&1 || true
scripts/cluster-local.sh start
jid=$(scripts/cluster-local.sh submit --bootstrap-servers "$bootstrap" --input-topic "$run.lines" --today "$today" \
  --group-id "$run" --transactional-id-prefix "$run" --checkpoint-interval 2s \
  --summary-topic "$run.summary" --messages-topic "$run.messages" --events-topic "$run.events" \
  --deadletter-topic "$run.deadletter" --report-topic "$run.report" --report-dir "$work/reports" \
  --parallelism 2 --idle-after 5s --state-backend "$backend")
say "job $jid"
tm_pid=$(cat "$CLUSTER_DIR/pids/taskmanager")

produce_day() {  # file
  kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$bootstrap" --topic "$run.lines" \
    --property parse.key=true --property key.separator=$'\t' --request-required-acks all \
    --producer-property enable.idempotence=true --producer-property linger.ms=50 < "$1" > /dev/null 2>&1
}

printf 'day\tdate\tlines\tcheckpoint_bytes\theap_mb\tseconds\toperators\n' > "$work/days.tsv"
for i in $(seq 1 "$days"); do
  t0=$SECONDS
  f="$work/days/$(printf %04d "$i")"
  produce_day "$f"
  since=$(now_ms)
  wait_consumed "$run" "$run.lines" 600 "day $i"
  wait_checkpoint "$jid" "$since" "day $i"   # one that began with the whole day read
  read -r _ _ bytes id <<< "$(last_checkpoint "$jid")"
  heap=$(heap_after_gc_mb "$tm_pid")
  printf '%d\t%s\t%d\t%d\t%s\t%d\t%s\n' "$i" "${order[$((i - 1))]}" "$(wc -l < "$f")" "$bytes" "$heap" \
      $((SECONDS - t0)) "$(checkpoint_by_operator "$jid" "$id")" \
    | tee -a "$work/days.tsv" >&2
done

for f in "${spill[@]}"; do produce_day "$f"; done
end_of_input "$run.lines" "$after_last"
wait_consumed "$run" "$run.lines" 600 "end of input"
# the source may emit the watermark that closes the last day after the checkpoint that committed
# the lines which carry it: two more checkpoints, and the reports it published are committed
for k in 1 2; do
  since=$(now_ms)
  wait_checkpoint "$jid" "$since" "after the end of input"
done
# the per-MTA metrics, as Prometheus scrapes them from the Flink processes (config.yaml's reporter,
# ports 9249-9259): the job never restarted, so its delivered counters add up to the input's
# status=sent lines
delivered_metric=$(for p in $(seq 9249 9259); do curl -s --max-time 5 "http://localhost:$p/metrics" || true; done \
  | awk '/^flink_taskmanager_job_task_operator_mta_delivered\{/ { s += $NF } END { printf "%d", s }')
sent_lines=$(grep -c ' status=sent ' "$input" || true)
say "metrics: delivered $delivered_metric by the mta counters, $sent_lines status=sent lines in the input"
scripts/cluster-local.sh cancel "$jid" > /dev/null 2>&1 || true
# the dead letters, kept with the reports: a late line says which hour closed before it came
kafka_tool org.apache.kafka.tools.consumer.ConsoleConsumer --bootstrap-server "$bootstrap" --topic "$run.deadletter" \
    --from-beginning --isolation-level read_committed --timeout-ms 10000 > "$work/deadletter.jsonl" 2>/dev/null || true
say "dead letters: $(wc -l < "$work/deadletter.jsonl"), late: $(grep -c '"late: ' "$work/deadletter.jsonl" || true)"

[ "$delivered_metric" = "$sent_lines" ] || { echo "soak-test: the mta_delivered metrics say $delivered_metric, the input has $sent_lines sent lines" >&2; metrics_ok=""; }
reports=$(java -cp "$test_cp" -Dlog4j2.level=warn io.pflogstream.fault.DayReportComparison "$work/reports" "$today" "$input")
python3 - "$work/days.tsv" "$reports" "$max_growth" <<'PY'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
reports = dict(kv.split("=") for kv in sys.argv[2].split())
ref = rows[min(10, len(rows)) - 1]
last = rows[-1]
growth = int(last[3]) / int(ref[3])
print("days=%d checkpoint_bytes_day%s=%s checkpoint_bytes_last=%s growth=%.2f heap_mb_day%s=%s heap_mb_last=%s "
      "day_reports=%s mismatched_reports=%d" % (
          len(rows), ref[0], ref[3], last[3], growth, ref[0], ref[4], last[4], reports["day_reports"],
          int(reports["mismatched_reports"]) + int(reports["missing_reports"])))
ok = growth <= float(sys.argv[3]) and reports["mismatched_reports"] == "0" and reports["missing_reports"] == "0"
sys.exit(0 if ok else 1)
PY
[ -n "$metrics_ok" ]
