# Watching a job on scripts/cluster-local.sh's cluster and its Kafka topics (fault and soak tests).
# Needs: $here (the repository), $work (a scratch directory), $bootstrap, CLUSTER_REST_PORT.

kafka_tool() { java -cp "$here/tools/kafka/libs/*" -Dlog4j2.configurationFile="$here/tools/kafka/log4j2.properties" -Dkafka.logs.dir="$work" "$@"; }

job_field() {  # jid path: the job's REST resource
  curl -sf --max-time 5 "http://localhost:${CLUSTER_REST_PORT:-8081}/jobs/$1$2" 2>/dev/null
}

last_checkpoint() {  # jid → "trigger-ms ack-ms state-bytes id" of the latest completed checkpoint ("0 0 0 0" if none)
  job_field "$1" /checkpoints | python3 -c '
import sys, json
try:
    j = json.load(sys.stdin); c = (j.get("latest") or {}).get("completed") or {}
    print(c.get("trigger_timestamp", 0), c.get("latest_ack_timestamp", 0), c.get("state_size", 0), c.get("id", 0))
except Exception:
    print(0, 0, 0, 0)' 2>/dev/null || echo 0 0 0 0
}

checkpoint_by_operator() {  # jid checkpoint-id → "name=bytes,..." of its operators, largest first
  python3 - "$(job_field "$1" "")" "$(job_field "$1" "/checkpoints/details/$2")" <<'PY'
import sys, json
try:
    names = {v["id"]: v["name"].split(" ")[0] for v in json.loads(sys.argv[1])["vertices"]}
    tasks = json.loads(sys.argv[2])["tasks"]
    sizes = sorted(((t.get("state_size", 0), names.get(k, k)) for k, t in tasks.items()), reverse=True)
    print(",".join("%s=%d" % (n, s) for s, n in sizes if s > 0))
except Exception as e:
    print("unknown")
PY
}

wait_checkpoint() {  # jid since-ms label: until a checkpoint triggered after since-ms completes
  local deadline=$((SECONDS + 300)) trigger
  while :; do
    read -r trigger _ <<< "$(last_checkpoint "$1")"
    [ "$trigger" -gt "$2" ] && break
    [ $SECONDS -lt $deadline ] || { echo "$3: no checkpoint completed within 300 s" >&2; exit 1; }
    sleep 0.5
  done
}

consumer_lag() {  # group topic → records not yet committed by the group (-1 while unknown)
  kafka_tool org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$bootstrap" \
      --describe --group "$1" 2>/dev/null | awk -v t="$2" '$2 == t { if ($6 == "-") u = 1; else s += $6; n++ }
      END { if (n == 0 || u) print -1; else print s }'
}

# Until the group has committed every record of the topic: the job commits its offsets when a
# checkpoint completes, so a checkpoint then holds everything read so far.
wait_consumed() {  # group topic seconds label
  local deadline=$((SECONDS + $3))
  until [ "$(consumer_lag "$1" "$2")" = 0 ]; do
    [ $SECONDS -lt $deadline ] || { echo "$4: the job did not consume its input within $3 s" >&2; exit 1; }
    sleep 1
  done
}

now_ms() { date +%s%3N; }

heap_after_gc_mb() {  # pid → the JVM's used heap in MB after a full collection
  jcmd "$1" GC.run > /dev/null
  jstat -gc "$1" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { printf "%.1f\n", ($(col["S0U"]) + $(col["S1U"]) + $(col["EU"]) + $(col["OU"])) / 1024 }'
}

# The end of input: lines dated a day after the log move the watermarks past the last day, so its
# windows close in the unbounded job too. Ten keys, so every partition gets some, and ten lines a
# key: a partition's clock jumps more than an hour ahead only when ten lines in a row confirm it.
end_of_input() {  # topic 'Mon dd' (the day after the log)
  for i in $(seq 1 10); do
    for j in $(seq 1 10); do
      printf 'end%s\t%s 12:00:%02d end-of-input postfix/anvil[1]: statistics: max cache size 1 at %s 12:00:00\n' \
        "$i" "$2" "$j" "$2"
    done
  done | kafka_tool org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$bootstrap" --topic "$1" \
      --property parse.key=true --property key.separator=$'\t' > /dev/null 2>&1
}
