#!/usr/bin/env bash
# A real single-node Kafka broker (KRaft) on this machine, from Maven-resolved jars; no Docker.
#   scripts/kafka-local.sh start [--port 9092] [--dir DIR] [--secure]   prints the bootstrap address last
#   scripts/kafka-local.sh restart [--port P] [--dir DIR]     the same broker again, its data kept
#   scripts/kafka-local.sh stop|status [--dir DIR]
#   scripts/kafka-local.sh topic NAME [PARTITIONS] [--port 9092] [--dir DIR]
# Listens on 127.0.0.1 only. Retention is unlimited: the job stamps records with the log's own
# (old) event times, and a time-based retention would delete them within minutes.
# --secure: clients must speak SASL_SSL with SCRAM-SHA-512 (plaintext is refused), the controller
# listener takes TLS with client certificates only. A CA, the broker's certificate and a trust
# store are made with keytool at start, with random passwords, in DIR/secure (mode 700); the line
# before the last names DIR/secure/client.properties, which `pflogstream stream
# --kafka-properties FILE` and Kafka's own tools (--command-config) take as they are. No secret
# is passed on a command line or written to a log.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
libs="$here/tools/kafka/libs"
cmd="${1:-}"; shift || true
port=9092
dir="$here/var/kafka"
args=()
secure=0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --port=*) port="${1#*=}"; shift ;;
    --dir) dir="$2"; shift 2 ;;
    --dir=*) dir="${1#*=}"; shift ;;
    --secure) secure=1; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
pidfile="$dir/broker.pid"
sec="$dir/secure"

die() { echo "kafka-local: $*" >&2; exit 1; }
ensure_libs() {
  if [ ! -f "$libs/kafka_2.13-4.1.1.jar" ]; then
    echo "kafka-local: fetching the broker's jars with Maven (once)..." >&2
    (cd "$here/tools/kafka" && mvn -q -B dependency:copy-dependencies -DoutputDirectory=libs -DincludeScope=runtime >&2) \
      || die "could not fetch the Kafka jars"
  fi
}
# a random password of 32 letters and digits
secret() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }

# A CA, the broker's key and certificate signed by it, and a trust store holding the CA, with
# random store passwords; keytool reads them from the environment, never from its command line.
kt() { keytool -noprompt -storetype PKCS12 "$@" >&4 2>&1 || { cat "$sec/keytool.log" >&2; die "keytool $1 failed"; }; }
make_certificates() {
  rm -rf "$sec"; mkdir -p "$sec"; chmod 700 "$sec"
  STORE_PASS=$(secret); TRUST_PASS=$(secret); export STORE_PASS TRUST_PASS
  exec 4>"$sec/keytool.log"
  kt -genkeypair -alias ca -keyalg RSA -keysize 2048 -validity 365 -dname "CN=pflogstream local CA" \
    -ext bc:c -keystore "$sec/ca.p12" -storepass:env STORE_PASS
  kt -exportcert -rfc -alias ca -keystore "$sec/ca.p12" -storepass:env STORE_PASS -file "$sec/ca.pem"
  kt -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 365 -dname "CN=localhost" \
    -keystore "$sec/broker.p12" -storepass:env STORE_PASS
  kt -certreq -alias broker -keystore "$sec/broker.p12" -storepass:env STORE_PASS -file "$sec/broker.csr"
  kt -gencert -rfc -alias ca -keystore "$sec/ca.p12" -storepass:env STORE_PASS -validity 365 \
    -ext SAN=dns:localhost,ip:127.0.0.1 -ext KU=digitalSignature,keyEncipherment -ext EKU=serverAuth,clientAuth \
    -infile "$sec/broker.csr" -outfile "$sec/broker.pem"
  kt -importcert -alias ca -file "$sec/ca.pem" -keystore "$sec/broker.p12" -storepass:env STORE_PASS
  kt -importcert -alias broker -file "$sec/broker.pem" -keystore "$sec/broker.p12" -storepass:env STORE_PASS
  kt -importcert -alias ca -file "$sec/ca.pem" -keystore "$sec/truststore.p12" -storepass:env TRUST_PASS
  exec 4>&-
  rm -f "$sec/broker.csr"
}

# What --secure adds to server.properties: a SASL_SSL listener for clients, TLS with client
# certificates between broker and controller.
secure_properties() {
  cat <<PROPS
listeners=SASL_SSL://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=SASL_SSL://127.0.0.1:$port
listener.security.protocol.map=SASL_SSL:SASL_SSL,CONTROLLER:SSL
inter.broker.listener.name=SASL_SSL
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$ADMIN_PASS";
listener.name.controller.ssl.client.auth=required
ssl.keystore.type=PKCS12
ssl.keystore.location=$sec/broker.p12
ssl.keystore.password=$STORE_PASS
ssl.key.password=$STORE_PASS
ssl.truststore.type=PKCS12
ssl.truststore.location=$sec/truststore.p12
ssl.truststore.password=$TRUST_PASS
PROPS
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
kafka_java() { java -Xms128m -Xmx512m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$here/tools/kafka/log4j2.properties" \
  -Dkafka.log.level="${KAFKA_LOG_LEVEL:-WARN}" \
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
    if running; then
      echo "kafka-local: already running (pid $(cat "$pidfile"))" >&2
      [ -f "$sec/client.properties" ] && echo "$sec/client.properties"
      echo "127.0.0.1:$port"; exit 0
    fi
    port_open "$port" && die "port $port is in use by something else"
    cport=$((port + 1))
    if [ -z "${keep:-}" ]; then
    rm -rf "$dir/data"; mkdir -p "$dir/data"
    if [ "$secure" = 1 ]; then
      make_certificates
      ADMIN_PASS=$(secret); CLIENT_PASS=$(secret)
      listener_props=$(secure_properties)
    else
      rm -rf "$sec"
      listener_props="listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$cport
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT"
    fi
    (umask 077; cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$cport
controller.listener.names=CONTROLLER
$listener_props
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
    )
    uuid=$(kafka_java kafka.tools.StorageTool random-uuid)
    format=(kafka.tools.StorageTool format -t "$uuid" -c "$dir/server.properties")
    if [ "$secure" = 1 ]; then
      # the SCRAM users go into the metadata log at format; their passwords reach the tool through
      # an argument file (mode 600, removed at once), so no process listing shows them
      (umask 077; printf '%s\n' "${format[@]}" --add-scram "SCRAM-SHA-512=[name=admin,password=$ADMIN_PASS]" \
        --add-scram "SCRAM-SHA-512=[name=pflogstream,password=$CLIENT_PASS]" > "$sec/format.args")
      format=("@$sec/format.args")
      (umask 077; cat > "$sec/client.properties" <<CLIENT
# Kafka client settings for this broker's SASL_SSL listener (scripts/kafka-local.sh start --secure):
#   pflogstream stream --bootstrap-servers 127.0.0.1:$port --kafka-properties $sec/client.properties
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="pflogstream" password="$CLIENT_PASS";
ssl.truststore.type=PKCS12
ssl.truststore.location=$sec/truststore.p12
ssl.truststore.password=$TRUST_PASS
CLIENT
      )
    fi
    kafka_java "${format[@]}" >"$dir/format.log" 2>&1 || { rm -f "$sec/format.args"; cat "$dir/format.log" >&2; die "format failed"; }
    rm -f "$sec/format.args"
    unset STORE_PASS TRUST_PASS ADMIN_PASS CLIENT_PASS # the broker needs none of them in its environment
    fi
    nohup java -Xms256m -Xmx512m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$here/tools/kafka/log4j2.properties" \
      -Dkafka.log.level="${KAFKA_LOG_LEVEL:-WARN}" \
      -Dkafka.logs.dir="$dir" -cp "$libs/*" kafka.Kafka "$dir/server.properties" >"$dir/stdout.log" 2>&1 &
    echo $! > "$pidfile"
    for _ in $(seq 1 120); do
      port_open "$port" && break
      running || { tail -20 "$dir/stdout.log" >&2; die "broker exited during start"; }
      sleep 0.5
    done
    port_open "$port" || die "broker did not open port $port within 60 s"
    echo "kafka-local: broker pid $(cat "$pidfile"), data in $dir" >&2
    if [ -f "$sec/client.properties" ]; then
      echo "kafka-local: SASL_SSL (SCRAM-SHA-512) only; client settings in the file below" >&2
      echo "$sec/client.properties"
    fi
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
    client=(); [ -f "$sec/client.properties" ] && client=(--command-config "$sec/client.properties")
    kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "127.0.0.1:$port" "${client[@]}" --create --if-not-exists \
      --topic "${args[0]}" --partitions "${args[1]:-1}" --config retention.ms=-1 --config retention.bytes=-1 >&2
    ;;
  *)
    die "usage: kafka-local.sh start|restart|stop|status|topic NAME [PARTITIONS] [--port P] [--dir DIR] [--secure]"
    ;;
esac
