#!/usr/bin/env bash
# Runs every test. On a fresh Debian machine it first installs what the tests need: pflogsumm 1.1.5
# (the ground truth of the differential tests), libdate-calc-perl, faketime, chromium (for the
# HTML report's screenshot test) and docker-compose (to validate docker/); then it starts two
# real Kafka brokers (scripts/kafka-local.sh, on free ports, in temporary folders; the second with
# --secure, SASL_SSL only) for the streaming tests, runs `mvn test`, and stops the brokers again. Without arguments it then checks
# the local Flink cluster (scripts/cluster-local.sh check) and runs scripts/fault-test.sh; with
# arguments (e.g. -Dtest=GoldenReportsTest) it runs only `mvn test` with them. Every test must run:
# a skipped one (a missing pflogsumm, broker or ../shared) fails the run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
need=()
[ -x /usr/sbin/pflogsumm ] || need+=(pflogsumm)
perl -MDate::Calc -e1 >/dev/null 2>&1 || need+=(libdate-calc-perl)
command -v faketime >/dev/null 2>&1 || need+=(faketime)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)   # validates docker/docker-compose.yml (no engine needed)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >&2
  else
    echo "test.sh: please install ${need[*]} (apt-get install ${need[*]}); tests that need them will be skipped" >&2
  fi
fi

source scripts/lib/common.sh
brokers=()
stop_brokers() {
  for d in "${brokers[@]}"; do scripts/kafka-local.sh stop --dir "$d" >/dev/null 2>&1 || true; rm -rf "$d"; done
}
trap stop_brokers EXIT
if [ -z "${KAFKA_BOOTSTRAP:-}" ]; then
  port=$(free_port 19092)
  kafka_dir="$(mktemp -d -t pflogstream-kafka.XXXXXX)"; brokers+=("$kafka_dir")
  KAFKA_BOOTSTRAP="$(scripts/kafka-local.sh start --port "$port" --dir "$kafka_dir" | tail -1)"
  export KAFKA_BOOTSTRAP
  echo "test.sh: Kafka broker at $KAFKA_BOOTSTRAP" >&2
fi
if [ -z "${KAFKA_SECURE_BOOTSTRAP:-}" ]; then
  # a second broker that takes only SASL_SSL (SCRAM-SHA-512): SecureKafkaTest runs the job on it
  port=$(free_port 19192)
  KAFKA_SECURE_DIR="$(mktemp -d -t pflogstream-kafka-secure.XXXXXX)"; brokers+=("$KAFKA_SECURE_DIR")
  # INFO: the test checks that the broker's log of its configuration and of failed logins holds no password
  started="$(KAFKA_LOG_LEVEL=INFO scripts/kafka-local.sh start --secure --port "$port" --dir "$KAFKA_SECURE_DIR")"
  KAFKA_SECURE_PROPERTIES="$(echo "$started" | tail -2 | head -1)"
  KAFKA_SECURE_BOOTSTRAP="$(echo "$started" | tail -1)"
  export KAFKA_SECURE_BOOTSTRAP KAFKA_SECURE_PROPERTIES KAFKA_SECURE_DIR
  echo "test.sh: SASL_SSL Kafka broker at $KAFKA_SECURE_BOOTSTRAP" >&2
fi
# every test must run here: one that lacks its broker, pflogsumm or ../shared fails instead of
# skipping (src/test/java/io/pflogstream/Requires.java), and any skipped test fails the run
export PFLOGSTREAM_TESTS_REQUIRE_EVERYTHING=1
rm -rf target/surefire-reports   # the skip check below reads this run's reports only
mvn -B ${MAVEN_ARGS:-} test "$@"
# (../shared, the third-party samples, is read when present: its tests may skip only without it)
python3 - "$([ -d ../shared ] && echo present || echo absent)" <<'PY' || exit 1
import glob, sys, xml.etree.ElementTree as ET
shared_present = sys.argv[1] == "present"
skipped = []
for report in glob.glob("target/surefire-reports/TEST-*.xml"):
    for case in ET.parse(report).getroot().iter("testcase"):
        for s in case.iter("skipped"):
            reason = ((s.text or s.get("message") or "").strip().splitlines() or [""])[0]
            if shared_present or "../shared is not there" not in reason:
                skipped.append(f"{case.get('classname')}.{case.get('name')}: {reason}")
if skipped:
    print("test.sh: tests were skipped; every test must run here:", file=sys.stderr)
    print("\n".join(skipped[:20]), file=sys.stderr)
    sys.exit(1)
PY
[ -d ../shared ] || echo "test.sh: ../shared is not there: the tests on its samples and corpus did not run" >&2
stop_brokers; brokers=()   # the cluster and fault tests start their own, on free ports
if [ $# -eq 0 ]; then
  # the deployment files: compose must parse and resolve (there is no Docker engine to run it here)
  if command -v docker-compose >/dev/null 2>&1; then
    docker-compose -f docker/docker-compose.yml config -q && echo "test.sh: docker/docker-compose.yml is valid" >&2
  else
    echo "test.sh: docker-compose missing, docker/docker-compose.yml not validated" >&2
  fi
  if python3 -c 'import yaml' 2>/dev/null; then
    python3 -c 'import yaml; d = list(yaml.safe_load_all(open("docker/k8s/flinkdeployment.yaml")))[0]; assert d["kind"] == "FlinkDeployment" and d["spec"]["job"]["upgradeMode"] == "savepoint"' \
      || { echo "test.sh: docker/k8s/flinkdeployment.yaml is not a valid FlinkDeployment" >&2; exit 1; }
    echo "test.sh: docker/k8s/flinkdeployment.yaml parses" >&2
  fi
  # the cluster: real JobManager/TaskManager processes, then faults injected into a running job
  CLUSTER_DIR="$here/var/cluster-check" CLUSTER_REST_PORT=$(free_port 18081) CLUSTER_RPC_PORT=$(free_port 16123) \
    scripts/cluster-local.sh check
  # the job before the savepoint is the previous commit's build: its savepoint must restore with this one
  if git rev-parse -q --verify HEAD~1 > /dev/null 2>&1; then
    scripts/fault-test.sh --old-ref HEAD~1
  else
    scripts/fault-test.sh
  fi
  # twelve days through the unbounded job: state flat from day 10 on, every day report pflogsumm's
  scripts/soak-test.sh --days 12 --hosts 2 --messages-per-day 1500
fi
