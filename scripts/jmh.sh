#!/usr/bin/env bash
# JMH benchmarks of the parse stage and the lifecycle operator, and the state footprint probe.
#   scripts/jmh.sh [JMH args, e.g. ParserBenchmark -f 1 -wi 2 -i 3]   runs JMH (default: all benchmarks)
#   scripts/jmh.sh --footprint [messagesPerDay days ttlHours report|stream|remember]
#   scripts/jmh.sh --cpu-time [passes]   the parse stage in lines per CPU-second of its thread
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test >&2
cp="target/test-classes:target/classes:$(cat target/test-classpath.txt)"
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
opens="$PFLOGSTREAM_OPENS"
if [ "${1:-}" = "--footprint" ]; then
  shift
  exec java -Xmx2g -XX:+UseSerialGC $opens -Dlog4j2.level=warn -cp "$cp" io.pflogstream.bench.StateFootprint "$@"
fi
if [ "${1:-}" = "--cpu-time" ]; then
  shift
  exec java -Xmx1g -XX:+UseSerialGC -Dlog4j2.level=warn -cp "$cp" io.pflogstream.bench.ParserCpuTime "$@"
fi
exec java $opens -cp "$cp" org.openjdk.jmh.Main "$@"
