#!/usr/bin/env bash
# Fault injection on a real local cluster and broker: do crashes, restarts and upgrades lose or
# duplicate anything the fleet job publishes?
#
#   1. streams a generated multi-day, multi-host log into Kafka at a steady rate (keyed by host);
#   2. runs `pflogstream stream` on scripts/cluster-local.sh's JobManager + TaskManager, parallelism 2;
#   3. meanwhile: kill -9 of the TaskManager three times at random points (then a new one), once
#      while a checkpoint is in progress and once while a savepoint is, one restart of the Kafka
#      broker, one stop-with-savepoint and resume from that savepoint;
#   4. once the input is consumed, a fault-free run of the same topic (`--bounded`, embedded);
#   5. reads both runs' summary, messages, report, events, dead-letter and alerts topics with
#      read_committed and prints `lost=N duplicated=N mismatched_tables=N` and the recovery times;
#      exits 1 unless all are 0. The input holds bad lines, so there are dead letters to lose, and
#      incidents every day (`generate --incidents`), so there are alerts to lose.
#
#   scripts/fault-test.sh [--hosts 3] [--days 3] [--messages-per-day 3000] [--rate 400]
#                         [--seed N] [--port P (a free one)] [--old-ref GIT_REF [-n]] [--keep]
#                         [--state-backend hashmap|rocksdb] [--new-fields delays,...]
# --new-fields: summary fields GIT_REF's build did not write, left out of the comparison.
# --rate is lines per second; --keep leaves the broker and the cluster running afterwards.
# --old-ref runs the job built from GIT_REF until the savepoint and resumes it with this
# checkout's build: a savepoint taken with one build must restore with the next. -n resumes with
# --allowNonRestoredState, for an upgrade that removes an operator (docs/operations.md says which).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
hosts=3; days=3; per_day=3000; rate=400; seed=10033; port=""; keep=""; old_ref=""; non_restored=(); backend=(); new_fields=""
while [ $# -gt 0 ]; do
  case "$1" in
    --hosts) hosts="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --messages-per-day) per_day="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --old-ref) old_ref="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -n) non_restored=(-n); shift ;;
    --state-backend) backend=(--state-backend "$2"); shift 2 ;;
    --new-fields) new_fields="$2"; shift 2 ;;
    *) sed -n '2,17p' "$0" >&2; exit 1 ;;
  esac
done
RANDOM=$seed
source scripts/lib/common.sh
# free ports unless told: the broker's, the cluster's REST and RPC ports
[ -n "$port" ] || port=$(free_port 19400)
export CLUSTER_REST_PORT="${CLUSTER_REST_PORT:-$(free_port 18081)}"
export CLUSTER_RPC_PORT="${CLUSTER_RPC_PORT:-$(free_port 16123)}"
work="$here/var/fault"
export CLUSTER_DIR="$work/cluster"
kafka_dir="$work/kafka"
bootstrap="127.0.0.1:$port"
first_day=2026-11-20
until_day=$(date -u -d "$first_day + $days days" +%Y-%m-%d)
flush_day=$(date -u -d "$first_day + $((days + 1)) days" '+%b %e')
run="ft$(date +%s)"
checkpoint=2s

say() { echo "fault-test: $*" >&2; }
source scripts/lib/job-watch.sh

cleanup() {
  [ -n "${producer:-}" ] && kill "$producer" 2>/dev/null || true
  [ -n "$old_ref" ] && git worktree remove --force "$work/old" 2>/dev/null || true
  if [ -z "$keep" ]; then
    scripts/cluster-local.sh stop 2>/dev/null || true
    scripts/kafka-local.sh stop --dir "$kafka_dir" 2>/dev/null || true
  fi
}
trap cleanup EXIT

say "seed $seed; $hosts hosts, $days days, $per_day messages/day, $rate lines/s"
# a previous run's broker and cluster first: their pid files are about to go
scripts/cluster-local.sh stop > /dev/null 2>&1 || true
scripts/kafka-local.sh stop --dir "$kafka_dir" > /dev/null 2>&1 || true
rm -rf "$work"; mkdir -p "$work"
ensure_jar
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
test_cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"

first_jar="$here/target/pflogstream.jar"
old_alerts=yes
if [ -n "$old_ref" ]; then
  say "building $old_ref for the first half of the run"
  git worktree prune
  git worktree add --detach "$work/old" "$old_ref" > /dev/null 2>&1 || { say "no such git ref: $old_ref"; exit 1; }
  (cd "$work/old" && mvn -q -B -DskipTests package >&2) || { say "could not build $old_ref"; exit 1; }
  first_jar="$work/old/target/pflogstream.jar"
  # builds before the alerts topic: their half of the alerts is not on the run's topic to compare
  grep -q -- "--alerts-topic" "$work/old/src/main/java/io/pflogstream/cli/StreamCommand.java" || old_alerts=no
  say "job before the savepoint: $old_ref ($(git rev-parse --short "$old_ref")), after it: this checkout"
fi

scripts/kafka-local.sh start --port "$port" --dir "$kafka_dir" > /dev/null
scripts/cluster-local.sh stop > /dev/null 2>&1 || true
scripts/cluster-local.sh start

pflogstream_generate --seed "$seed" --hosts "$hosts" --days "$days" \
    --messages-per-day "$per_day" --first-day "$first_day" --incidents > "$work/input.log"
lines=$(wc -l < "$work/input.log")
# keyed by host (the 4th field): one host's lines stay in order in one partition. Every 397th line
# is followed by a bad one (no stamp, a cut stamp, control bytes) under the same key: the dead
# letters they make must survive the faults too, exactly once.
awk '{ print $4 "\t" $0 }
  NR % 397 == 0 { k = (NR / 397) % 3
    if (k == 0) print $4 "\t#### truncated block " NR " ####"
    else if (k == 1) print $4 "\t" substr($0, 1, 9)
    else printf "%s\t\001\002 binary junk %d\n", $4, NR }' "$work/input.log" > "$work/input.keyed"
scripts/kafka-local.sh topic "$run.lines" 2 --port "$port" 2>/dev/null
for t in summary messages events deadletter report alerts; do
  scripts/kafka-local.sh topic "$run.$t" 1 --port "$port" 2>/dev/null
  scripts/kafka-local.sh topic "ref.$run.$t" 1 --port "$port" 2>/dev/null
done

job_args() {  # prefix [old] → the job's topics and ids
  local alerts=(--alerts-topic "$1$run.alerts")
  [ "${2:-}" = old ] && [ "$old_alerts" = no ] && alerts=()
  echo --bootstrap-servers "$bootstrap" --input-topic "$run.lines" --today 2026-11-27 \
    --group-id "$1$run" --transactional-id-prefix "$1$run" --checkpoint-interval "$checkpoint" \
    --summary-topic "$1$run.summary" --messages-topic "$1$run.messages" --events-topic "$1$run.events" \
    --deadletter-topic "$1$run.deadletter" --report-topic "$1$run.report" "${alerts[@]}" --parallelism 2 \
    "${backend[@]}"
}

produce() {  # file: lines at $rate per second, retrying through broker restarts
  mkdir -p "$work/chunks"
  split -l "$rate" -d -a 6 "$1" "$work/chunks/c"
  for f in "$work/chunks"/c*; do cat "$f"; sleep 1; done \
    | kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$bootstrap" --topic "$run.lines" \
        --property parse.key=true --property key.separator=$'\t' --request-required-acks all \
        --message-send-max-retries 2147483647 --retry-backoff-ms 500 --request-timeout-ms 30000 \
        --max-block-ms 600000 --producer-property enable.idempotence=true \
        --producer-property delivery.timeout.ms=900000 > "$work/producer.log" 2>&1
}

# Recovery time: from the fault until the job completes a checkpoint again (it is then reading,
# processing and committing its output). Only a checkpoint that began after the failed part was
# back counts, so one that happened to complete during the fault is not taken for recovery.
wait_recovered() {  # jid fault-ms back-ms label
  local jid="$1" fault="$2" back="$3" label="$4" secs
  wait_checkpoint "$jid" "$back" "$label"
  read -r _ ack _ _ <<< "$(last_checkpoint "$jid")"
  secs=$(python3 -c "print('%.1f' % (($ack - $fault) / 1000))")
  say "$label: recovered, first checkpoint ${secs}s after the fault"
  recoveries+=("$label=${secs}s")
}

pause() { sleep $((3 + RANDOM % 8)); }

# kill -9 of the TaskManager while a checkpoint or a savepoint the JobManager was asked for (REST)
# is in progress. The TaskManager is frozen (SIGSTOP) a few milliseconds after the request and
# killed only if the operation is still in progress then; a small checkpoint often finishes first,
# so after four such misses it is frozen before the request, which then cannot finish. Says which.
operation_status() {  # checkpoints|savepoints trigger-id → IN_PROGRESS, COMPLETED or FAILED
  job_field "$jid" "/$1/$2" | python3 -c '
import sys, json
try:
    j = json.load(sys.stdin)
    done = j["status"]["id"] == "COMPLETED"
    op = j.get("operation") or {}
    failed = op.get("failure-cause") or op.get("failureCause")  # savepoints say the one, checkpoints the other
    print(("FAILED" if failed else "COMPLETED") if done else "IN_PROGRESS")
except Exception:
    print("UNKNOWN")' 2>/dev/null || echo UNKNOWN
}

request_operation() {  # checkpoints|savepoints → trigger id
  local body='{"checkpointType":"FULL"}'
  [ "$1" = checkpoints ] || body="{\"cancel-job\":false,\"target-directory\":\"file://$CLUSTER_DIR/savepoints\"}"
  curl -sf --max-time 10 -X POST -H 'Content-Type: application/json' -d "$body" \
      "http://localhost:$CLUSTER_REST_PORT/jobs/$jid/$1" \
    | python3 -c 'import sys, json; print(json.load(sys.stdin)["request-id"])'
}

kill_tm_during() {  # checkpoints|savepoints label
  local what="${1%s}" t0 tm trigger status how="" attempt delay
  t0=$(now_ms)
  tm=$(cat "$CLUSTER_DIR/pids/taskmanager")
  for attempt in 1 2 3 4; do
    trigger=$(request_operation "$1")
    delay=$((RANDOM % 8))
    sleep "0.0$delay"
    kill -STOP "$tm"
    status=$(operation_status "$1" "$trigger")
    [ "$status" = IN_PROGRESS ] && { how="frozen ${delay}0 ms after the request (attempt $attempt)"; break; }
    kill -CONT "$tm"
    sleep 2
  done
  if [ -z "$how" ]; then
    kill -STOP "$tm"
    trigger=$(request_operation "$1")
    for _ in $(seq 1 20); do
      status=$(operation_status "$1" "$trigger"); [ "$status" = IN_PROGRESS ] && break; sleep 0.5
    done
    how="requested while the TaskManager was frozen (four ${what}s finished before the freeze)"
  fi
  kill -9 "$tm"
  rm -f "$CLUSTER_DIR/pids/taskmanager"
  for _ in $(seq 1 240); do
    status=$(operation_status "$1" "$trigger"); [ "$status" = IN_PROGRESS ] || break; sleep 0.5
  done
  say "$2: TaskManager killed during a $what, $how; the $what then ended $status"
  [ "$status" = FAILED ] || { say "$2: the $what was not cut short by the kill"; exit 1; }
  kills_in_progress+=("$2=$status")
  sleep $((1 + RANDOM % 4))
  scripts/cluster-local.sh start-tm
  wait_recovered "$jid" "$t0" "$(now_ms)" "$2"
}

kill_tm() {  # n
  local t0; t0=$(now_ms)
  scripts/cluster-local.sh kill-tm
  sleep $((1 + RANDOM % 4))
  scripts/cluster-local.sh start-tm
  wait_recovered "$jid" "$t0" "$(now_ms)" "taskmanager-kill-$1"
}

recoveries=()
kills_in_progress=()
produce "$work/input.keyed" &
producer=$!
jid=$(JOB_JAR="$first_jar" scripts/cluster-local.sh submit $(job_args "" old))
say "job $jid submitted; $lines lines streaming in"
wait_checkpoint "$jid" 0 "first checkpoint"

pause; kill_tm 1
pause; kill_tm_during checkpoints "taskmanager-kill-in-checkpoint"
pause
t0=$(now_ms)
scripts/kafka-local.sh restart --port "$port" --dir "$kafka_dir" > /dev/null
wait_recovered "$jid" "$t0" "$(now_ms)" "broker-restart"
pause; kill_tm 2
pause; kill_tm_during savepoints "taskmanager-kill-in-savepoint"
pause
t0=$(now_ms)
savepoint=$(scripts/cluster-local.sh savepoint "$jid")
say "stopped with savepoint $savepoint"
jid=$(scripts/cluster-local.sh submit -s "$savepoint" "${non_restored[@]}" $(job_args ""))
say "resumed as job $jid"
wait_recovered "$jid" "$t0" "$(now_ms)" "savepoint-resume"
pause; kill_tm 3

wait "$producer" || { tail -5 "$work/producer.log" >&2; say "producer failed"; exit 1; }
producer=""
end_of_input "$run.lines" "$flush_day"
topic_lines=$(kafka_tool org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$bootstrap" --topic "$run.lines" 2>/dev/null \
  | awk -F: '{s += $3} END {print s}')
say "input topic holds $topic_lines records ($lines log lines + 10 end-of-input lines)"

wait_consumed "$run" "$run.lines" 600 "fault run"
t0=$(now_ms)
wait_checkpoint "$jid" "$t0" "last checkpoint"   # its transactions hold the last output
scripts/cluster-local.sh cancel "$jid" > /dev/null 2>&1 || true
say "fault run done; reference run (no faults, bounded, embedded MiniCluster)"
scripts/pflogstream stream $(job_args "ref.") --bounded > "$work/reference.log" 2>&1 \
  || { tail -20 "$work/reference.log" >&2; say "reference run failed"; exit 1; }

echo "recovery: ${recoveries[*]}"
echo "kills during an operation: ${kills_in_progress[*]}"
java -cp "$test_cp" -Dlog4j2.level=warn -Dpflogstream.compare.newFields="$new_fields" \
  io.pflogstream.fault.OutputComparison "$bootstrap" "${until_day}T00:00:00" \
  "ref.$run" "$run" $([ "$old_alerts" = yes ] && echo alerts || echo no-alerts)
