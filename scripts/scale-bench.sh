#!/usr/bin/env bash
# Scaling on the local cluster: the same topic read by the fleet job with parallelism 1 and 2
# (bounded, exactly-once sinks on), records per second of each and their ratio, written into the
# "Cluster scaling" section of BENCHMARKS.md.
#   scripts/scale-bench.sh [--lines 600000] [--hosts 4] [--reps 3] [--port P (a free one)]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
lines=600000; hosts=4; reps=3; port=""
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) lines="$2"; shift 2 ;;
    --hosts) hosts="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) sed -n '2,5p' "$0" >&2; exit 1 ;;
  esac
done
source scripts/lib/common.sh
# free ports unless told: the broker's, the cluster's REST and RPC ports
[ -n "$port" ] || port=$(free_port 19500)
export CLUSTER_REST_PORT="${CLUSTER_REST_PORT:-$(free_port 18081)}"
export CLUSTER_RPC_PORT="${CLUSTER_RPC_PORT:-$(free_port 16123)}"
work="$here/var/scale"
export CLUSTER_DIR="$work/cluster"
bootstrap="127.0.0.1:$port"
say() { echo "scale-bench: $*" >&2; }
trap 'scripts/cluster-local.sh stop >/dev/null 2>&1 || true; scripts/kafka-local.sh stop --dir "$work/kafka" >/dev/null 2>&1 || true' EXIT
rm -rf "$work"; mkdir -p "$work"
ensure_jar
scripts/kafka-local.sh start --port "$port" --dir "$work/kafka" > /dev/null
scripts/cluster-local.sh start

per_day=$(( lines * 10 / 69 / 2 ))
pflogstream_generate --seed 3 --hosts "$hosts" --days 2 \
    --messages-per-day "$per_day" --first-day 2026-11-20 | awk '{print $4 "\t" $0}' > "$work/input.keyed"
n=$(wc -l < "$work/input.keyed")
scripts/kafka-local.sh topic scale.lines 4 --port "$port" 2>/dev/null
java -cp "tools/kafka/libs/*" -Dlog4j2.configurationFile="$here/tools/kafka/log4j2.properties" -Dkafka.logs.dir="$work" \
    org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$bootstrap" --topic scale.lines \
    --property parse.key=true --property key.separator=$'\t' < "$work/input.keyed" > /dev/null 2>&1
say "$n lines of $hosts hosts in a 4-partition topic, keyed by host"

job_seconds() {  # jid → running time in seconds once finished
  local state
  while :; do
    state=$(curl -sf "http://localhost:${CLUSTER_REST_PORT:-8081}/jobs/$1" | python3 -c 'import sys,json; j=json.load(sys.stdin); print(j["state"], j["duration"])')
    case "$state" in
      FINISHED*) echo "${state#* }" | awk '{printf "%.1f", $1 / 1000}'; return ;;
      FAILED*|CANCELED*) say "job $1 ended $state"; exit 1 ;;
    esac
    sleep 1
  done
}

tm_cpu() {  # CPU seconds the TaskManager has used so far
  awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$(cat "$CLUSTER_DIR/pids/taskmanager")/stat"
}

run_job() {  # id parallelism → "seconds cpu-seconds"
  local id="$1" p="$2" jid c0 secs
  for t in summary messages events deadletter report; do scripts/kafka-local.sh topic "$id.$t" 1 --port "$port" 2>/dev/null; done
  c0=$(tm_cpu)
  jid=$(scripts/cluster-local.sh submit --bootstrap-servers "$bootstrap" --input-topic scale.lines --bounded \
    --today 2026-11-27 --parallelism "$p" --group-id "$id" --transactional-id-prefix "$id" --checkpoint-interval 5s \
    --summary-topic "$id.summary" --messages-topic "$id.messages" --events-topic "$id.events" \
    --deadletter-topic "$id.deadletter" --report-topic "$id.report")
  secs=$(job_seconds "$jid")
  echo "$secs $(echo "$(tm_cpu) - $c0" | bc)"
}

# the TaskManager JVM is shared by the runs: one unmeasured run first, so no run pays for JIT warm-up
run_job warmup 2 > /dev/null
results="$work/results.txt"; : > "$results"
for rep in $(seq 1 "$reps"); do
  for p in 1 2; do
    read -r secs cpu <<< "$(run_job "s$p-$rep" "$p")"
    say "parallelism $p, run $rep: ${secs}s, TaskManager CPU ${cpu}s"
    echo "$p $secs $cpu" >> "$results"
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
s1=$(awk '$1==1 {print $2}' "$results" | median)
s2=$(awk '$1==2 {print $2}' "$results" | median)
c1=$(awk '$1==1 {print $3}' "$results" | median)
c2=$(awk '$1==2 {print $3}' "$results" | median)
busy1=$(echo "scale=2; $c1 / $s1" | bc); busy2=$(echo "scale=2; $c2 / $s2" | bc)
r1=$(echo "$n / $s1" | bc); r2=$(echo "$n / $s2" | bc)
ratio=$(echo "scale=2; $s1 / $s2" | bc)

section="$work/section.md"
cat > "$section" <<EOF
## Cluster scaling

Made by \`scripts/scale-bench.sh --lines $lines --hosts $hosts --reps $reps\` on $(date -u +%Y-%m-%d): the local cluster
(\`scripts/cluster-local.sh\`: one JobManager, one TaskManager with 2 slots, $(nproc) cores shared with the broker),
$n lines of $hosts hosts in a 4-partition topic keyed by host, \`pflogstream stream --bounded\` with exactly-once
sinks; job running time from the JobManager (submission to FINISHED), median of $reps after one warm-up run;
cores busy = the TaskManager's CPU time over the running time.

| parallelism | running time s | records/s | TaskManager CPU s | cores busy |
| ---: | ---: | ---: | ---: | ---: |
| 1 | $s1 | $r1 | $c1 | $busy1 |
| 2 | $s2 | $r2 | $c2 | $busy2 |
| ratio 2 / 1 | | ${ratio}× | | |

What limits it: at parallelism 1 the job is already a pipeline of threads (source and parse, lifecycle,
windows, sinks) keeping about $busy1 cores busy, and the broker and JobManager share the same $(nproc) cores;
a second subtask per operator has no idle core to use (docs/scaling.md).
EOF
scripts/lib/replace-section.py scale-bench "$section"
cat "$section"
