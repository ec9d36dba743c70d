#!/usr/bin/env bash
# A real Flink session cluster on this machine: a JobManager and a TaskManager as separate JVMs,
# from Maven-resolved Flink jars (tools/flink/pom.xml; no flink-dist needed), configured by
# flink-conf/config.yaml. Jobs go in through Flink's own CLI (CliFrontend).
#
#   scripts/cluster-local.sh start                  JobManager + TaskManager, waits until a slot is free
#   scripts/cluster-local.sh submit [-s SAVEPOINT [-n]] [JOB ARGS]
#                                                   runs `pflogstream stream JOB ARGS` detached, prints the job id
#   scripts/cluster-local.sh savepoint JOBID        stop-with-savepoint, prints the savepoint's path
#   scripts/cluster-local.sh cancel JOBID
#   scripts/cluster-local.sh jobs | status
#   scripts/cluster-local.sh kill-tm | start-tm     kill -9 / restart the TaskManager (fault tests)
#   scripts/cluster-local.sh stop                   stops both, frees the ports, clears temporary state
#   scripts/cluster-local.sh check                  start+stop twice, then checks nothing is left over
#
# Environment: CLUSTER_DIR (var/cluster), CLUSTER_REST_PORT (8081), CLUSTER_RPC_PORT (6123),
# CLUSTER_SLOTS (2), CLUSTER_TM_MEMORY and CLUSTER_TM_MANAGED (the TaskManager's process and
# managed memory, config.yaml's unless set), JOB_JAR (target/pflogstream.jar, built when missing or older than the sources).
# Checkpoints and savepoints stay in $CLUSTER_DIR across restarts.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${CLUSTER_DIR:-$here/var/cluster}"
rest_port="${CLUSTER_REST_PORT:-8081}"
rpc_port="${CLUSTER_RPC_PORT:-6123}"
slots="${CLUSTER_SLOTS:-2}"
lib="$here/tools/flink/lib"
plugins="$here/tools/flink/plugins"
jar="${JOB_JAR:-$here/target/pflogstream.jar}"
source "$here/scripts/lib/common.sh"
opens="$PFLOGSTREAM_OPENS"

die() { echo "cluster-local: $*" >&2; exit 1; }
log() { echo "cluster-local: $*" >&2; }

ensure_lib() {
  if [ ! -f "$lib/flink-runtime-2.3.0.jar" ] || [ ! -f "$lib/flink-statebackend-rocksdb-2.3.0.jar" ] \
      || [ ! -f "$plugins/prometheus/flink-metrics-prometheus-2.3.0.jar" ]; then
    log "resolving the Flink runtime with Maven (tools/flink/pom.xml)..."
    (cd "$here/tools/flink" && mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime \
      && mvn -q -B dependency:copy@prometheus-plugin) >&2 || die "could not resolve the Flink jars"
  fi
}

ensure_jar() {
  [ -n "${JOB_JAR:-}" ] && { [ -f "$JOB_JAR" ] || die "no $JOB_JAR"; return; }
  if [ ! -f "$jar" ] || [ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    log "building $jar..."
    (cd "$here" && mvn -q -B -DskipTests package >&2) || die "build failed"
  fi
}

# The settings that make this cluster local, on top of flink-conf/config.yaml.
dynamic_properties() {
  cat <<EOF
-D jobmanager.rpc.port=$rpc_port
-D rest.port=$rest_port
-D rest.bind-port=$rest_port
-D taskmanager.numberOfTaskSlots=$slots
-D execution.checkpointing.dir=file://$dir/checkpoints
-D execution.checkpointing.savepoint-dir=file://$dir/savepoints
-D io.tmp.dirs=$dir/tmp
-D blob.storage.directory=$dir/tmp/blobs
-D metrics.reporter.prom.port=9249-9259
EOF
  # a bigger TaskManager than config.yaml's for fleet-sized runs (scripts/fleet-estimate.sh)
  [ -z "${CLUSTER_TM_MEMORY:-}" ] || echo "-D taskmanager.memory.process.size=$CLUSTER_TM_MEMORY"
  [ -z "${CLUSTER_TM_MANAGED:-}" ] || echo "-D taskmanager.memory.managed.size=$CLUSTER_TM_MANAGED"
}

log4j_config() {  # root level, extra lines: one log file per process, named by -Dlog.file
  cat <<EOF
rootLogger.level = $1
rootLogger.appenderRef.file.ref = file
appender.file.type = File
appender.file.name = file
appender.file.fileName = \${sys:log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
$2
EOF
}

write_conf() {
  mkdir -p "$dir/conf" "$dir/log" "$dir/pids" "$dir/tmp" "$dir/checkpoints" "$dir/savepoints"
  # the CLI reads its REST port from here (the processes get theirs as dynamic properties too)
  sed "s/^rest:\$/rest:\n  port: $rest_port/" "$here/flink-conf/config.yaml" > "$dir/conf/config.yaml"
  log4j_config INFO 'logger.kafka.name = org.apache.kafka
logger.kafka.level = WARN' > "$dir/conf/log4j.properties"
  log4j_config WARN '' > "$dir/conf/log4j-cli.properties"
}

# BashJavaUtils computes the JVM flags and memory settings flink-dist's scripts would use.
resource_params() {  # JM|TM -> two lines: JVM args, dynamic properties
  # shellcheck disable=SC2046
  java -cp "$lib/*" org.apache.flink.runtime.util.bash.BashJavaUtils "GET_$1_RESOURCE_PARAMS" \
      --configDir "$dir/conf" $(dynamic_properties | tr '\n' ' ') 2>/dev/null \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p'
}

pid_alive() { [ -f "$dir/pids/$1" ] && kill -0 "$(cat "$dir/pids/$1")" 2>/dev/null; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

rest() { curl -sf --max-time 5 "http://localhost:$rest_port$1"; }
rest_up() { rest /overview > /dev/null; }

start_process() {  # name JM|TM main-class
  local name="$1" kind="$2" main="$3" params jvm dyn
  params="$(resource_params "$kind")"
  [ -n "$params" ] || die "BashJavaUtils gave no $kind resource settings (see flink-conf/config.yaml)"
  jvm="$(echo "$params" | sed -n 1p)"
  dyn="$(echo "$params" | sed -n 2p)"
  # shellcheck disable=SC2086
  FLINK_PLUGINS_DIR="$plugins" nohup java $jvm $opens -XX:+UseSerialGC \
      -Dlog.file="$dir/log/$name.log" -Dlog4j.configurationFile="file:$dir/conf/log4j.properties" \
      -cp "$lib/*" "$main" --configDir "$dir/conf" $(dynamic_properties | tr '\n' ' ') $dyn \
      > "$dir/log/$name.out" 2>&1 < /dev/null &
  echo $! > "$dir/pids/$name"
}

wait_for() {  # seconds, description, command...
  local limit="$1" what="$2"; shift 2
  local deadline=$((SECONDS + limit))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || die "$what did not happen within ${limit}s (logs in $dir/log)"
    sleep 0.5
  done
}

# the ids of the TaskManagers the JobManager knows (a killed one stays until its heartbeat times out)
tm_ids() { rest /taskmanagers | grep -o '"id":"[^"]*"' | sort; }

# a TaskManager not in the list $1 registered; fails the wait at once if the new process died.
# Not "free slots": a running job takes a new TaskManager's slots as soon as it registers.
new_tm_registered() {
  pid_alive taskmanager || die "the TaskManager exited during start (logs in $dir/log)"
  [ -n "$(comm -13 <(echo "$1") <(tm_ids))" ]
}

start_tm() {
  pid_alive taskmanager && { log "TaskManager already running"; return; }
  local before
  before="$(tm_ids || true)"
  start_process taskmanager TM org.apache.flink.runtime.taskexecutor.TaskManagerRunner
  # registration takes seconds, a busy machine's JVM start much longer: wait while it lives
  wait_for 300 "TaskManager registration" new_tm_registered "$before"
  log "TaskManager up (pid $(cat "$dir/pids/taskmanager"))"
}

cmd_start() {
  ensure_lib
  ensure_jar
  if pid_alive jobmanager; then
    log "already running (REST http://localhost:$rest_port)"
    start_tm
    return
  fi
  port_open "$rest_port" && die "port $rest_port is taken (set CLUSTER_REST_PORT)"
  port_open "$rpc_port" && die "port $rpc_port is taken (set CLUSTER_RPC_PORT)"
  write_conf
  start_process jobmanager JM org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint
  wait_for 60 "JobManager start" rest_up
  log "JobManager up (pid $(cat "$dir/pids/jobmanager"), REST http://localhost:$rest_port)"
  start_tm
}

stop_process() {
  local name="$1" pid
  [ -f "$dir/pids/$name" ] || return 0
  pid="$(cat "$dir/pids/$name")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && { log "$name did not stop on TERM: kill -9"; kill -9 "$pid" 2>/dev/null || true; }
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$dir/pids/$name"
}

cmd_stop() {
  stop_process taskmanager
  stop_process jobmanager
  wait_for 30 "release of port $rest_port" bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$rest_port) 2>/dev/null"
  wait_for 30 "release of port $rpc_port" bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$rpc_port) 2>/dev/null"
  rm -rf "$dir/tmp"   # blobs and spill files; checkpoints and savepoints are kept
  log "stopped"
}

cli() {  # CliFrontend with this cluster's configuration
  # shellcheck disable=SC2086
  FLINK_CONF_DIR="$dir/conf" java $opens -Dlog.file="$dir/log/cli.log" \
      -Dlog4j.configurationFile="file:$dir/conf/log4j-cli.properties" \
      -cp "$lib/*" org.apache.flink.client.cli.CliFrontend "$@"
}

cmd_submit() {
  ensure_jar
  pid_alive jobmanager || die "not running: scripts/cluster-local.sh start"
  local from=()
  if [ "${1:-}" = "-s" ]; then from=(-s "$2"); shift 2; fi
  # -n: drop the state of operators the new build no longer has (--allowNonRestoredState)
  if [ "${1:-}" = "-n" ]; then from+=(--allowNonRestoredState); shift; fi
  local out
  out="$(cli run -d "${from[@]}" "$jar" stream "$@" 2>&1)" || { echo "$out" >&2; die "submit failed"; }
  local id
  id="$(echo "$out" | grep -o 'JobID [0-9a-f]\{32\}' | tail -1 | cut -d' ' -f2)"
  [ -n "$id" ] || { echo "$out" >&2; die "no job id in the CLI's answer"; }
  echo "$id"
}

cmd_savepoint() {
  [ -n "${1:-}" ] || die "usage: savepoint JOBID"
  local out path
  out="$(cli stop --savepointPath "file://$dir/savepoints" "$1" 2>&1)" || { echo "$out" >&2; die "stop-with-savepoint failed"; }
  path="$(echo "$out" | grep -o 'file:[^ ]*savepoint-[^ ]*' | tail -1)"
  [ -n "$path" ] || { echo "$out" >&2; die "no savepoint path in the CLI's answer"; }
  echo "$path"
}

# Starts and stops twice in a row, then checks nothing is left: no processes, ports or temp state.
cmd_check() {
  for round in 1 2; do
    cmd_start
    rest_up || die "check round $round: REST down after start"
    cmd_stop
  done
  local left
  left="$(pgrep -f "configDir $dir/conf" || true)"
  [ -z "$left" ] || die "check: processes left: $left"
  port_open "$rest_port" && die "check: port $rest_port still open"
  port_open "$rpc_port" && die "check: port $rpc_port still open"
  [ ! -e "$dir/tmp" ] || die "check: $dir/tmp left behind"
  [ -z "$(ls -A "$dir/pids")" ] || die "check: pid files left"
  echo "cluster-local: started and stopped twice; no processes, ports or temporary state left"
}

cmd_status() {
  local state=0
  for p in jobmanager taskmanager; do
    if pid_alive "$p"; then echo "$p: running (pid $(cat "$dir/pids/$p"))"; else echo "$p: stopped"; state=1; fi
  done
  if rest /overview >/dev/null; then echo "rest: http://localhost:$rest_port $(rest /overview)"; echo; else echo "rest: down"; fi
  return $state
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  submit) shift; cmd_submit "$@" ;;
  savepoint) shift; cmd_savepoint "$@" ;;
  cancel) shift; cli cancel "${1:?usage: cancel JOBID}" ;;
  jobs) rest /jobs/overview; echo ;;
  status) cmd_status ;;
  check) cmd_check ;;
  kill-tm) pid_alive taskmanager || die "no TaskManager"; kill -9 "$(cat "$dir/pids/taskmanager")"; rm -f "$dir/pids/taskmanager"; log "TaskManager killed (-9)" ;;
  start-tm) start_tm ;;
  *) sed -n '2,18p' "$0" >&2; exit 1 ;;
esac
