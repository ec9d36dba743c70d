#!/usr/bin/env bash
# A real single-node Kafka broker (KRaft) on this machine, from Maven-resolved jars; no Docker.
#   scripts/kafka-local.sh start [--port 9092] [--dir DIR]   prints the bootstrap address last
#   scripts/kafka-local.sh restart [--port P] [--dir DIR]     the same broker again, its data kept
#   scripts/kafka-local.sh stop|status [--dir DIR]
#   scripts/kafka-local.sh topic NAME [PARTITIONS] [--port 9092]
# Listens on 127.0.0.1 only. Retention is unlimited: the job stamps records with the log's own
# (old) event times, and a time-based retention would delete them within minutes.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
libs="$here/tools/kafka/libs"
cmd="${1:-}"; shift || true
port=9092
dir="$here/var/kafka"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --port=*) port="${1#*=}"; shift ;;
    --dir) dir="$2"; shift 2 ;;
    --dir=*) dir="${1#*=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
pidfile="$dir/broker.pid"

die() { echo "kafka-local: $*" >&2; exit 1; }
ensure_libs() {
  if [ ! -f "$libs/kafka_2.13-4.1.1.jar" ]; then
    echo "kafka-local: fetching the broker's jars with Maven (once)..." >&2
    (cd "$here/tools/kafka" && mvn -q -B dependency:copy-dependencies -DoutputDirectory=libs -DincludeScope=runtime >&2) \
      || die "could not fetch the Kafka jars"
  fi
}
running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
kafka_java() { java -Xms128m -Xmx512m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$here/tools/kafka/log4j2.properties" \
  -Dkafka.logs.dir="$dir" -cp "$libs/*" "$@"; }

case "$cmd" in
  start|restart)
    if [ "$cmd" = restart ]; then
      # the same broker again, data kept (fault tests): stop, then start without formatting
      "$0" stop --dir "$dir" --port "$port"
      [ -f "$dir/server.properties" ] || die "nothing to restart in $dir"
      keep=1
    fi
    ensure_libs
    if running; then echo "kafka-local: already running (pid $(cat "$pidfile"))" >&2; echo "127.0.0.1:$port"; exit 0; fi
    port_open "$port" && die "port $port is in use by something else"
    cport=$((port + 1))
    if [ -z "${keep:-}" ]; then
    rm -rf "$dir/data"; mkdir -p "$dir/data"
    cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
default.replication.factor=1
group.initial.rebalance.delay.ms=0
log.retention.ms=-1
log.retention.bytes=-1
transaction.max.timeout.ms=900000
auto.create.topics.enable=true
PROPS
    uuid=$(kafka_java kafka.tools.StorageTool random-uuid)
    kafka_java kafka.tools.StorageTool format -t "$uuid" -c "$dir/server.properties" >"$dir/format.log" 2>&1 \
      || { cat "$dir/format.log" >&2; die "format failed"; }
    fi
    nohup java -Xms256m -Xmx512m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$here/tools/kafka/log4j2.properties" \
      -Dkafka.logs.dir="$dir" -cp "$libs/*" kafka.Kafka "$dir/server.properties" >"$dir/stdout.log" 2>&1 &
    echo $! > "$pidfile"
    for _ in $(seq 1 120); do
      port_open "$port" && break
      running || { tail -20 "$dir/stdout.log" >&2; die "broker exited during start"; }
      sleep 0.5
    done
    port_open "$port" || die "broker did not open port $port within 60 s"
    echo "kafka-local: broker pid $(cat "$pidfile"), data in $dir" >&2
    echo "127.0.0.1:$port"
    ;;
  stop)
    if running; then
      pid=$(cat "$pidfile"); kill "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      echo "kafka-local: stopped" >&2
    else
      echo "kafka-local: not running" >&2
    fi
    rm -f "$pidfile"
    ;;
  status)
    if running; then echo "running (pid $(cat "$pidfile"), 127.0.0.1:$port)"; else echo "not running"; exit 1; fi
    ;;
  topic)
    ensure_libs
    [ ${#args[@]} -ge 1 ] || die "usage: kafka-local.sh topic NAME [PARTITIONS] [--port P]"
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$port" --create --if-not-exists \
      --topic "${args[0]}" --partitions "${args[1]:-1}" --config retention.ms=-1 --config retention.bytes=-1 >&2
    ;;
  *)
    die "usage: kafka-local.sh start|restart|stop|status|topic NAME [PARTITIONS] [--port P] [--dir DIR]"
    ;;
esac
