# Settings the scripts share; source it.
PFLOGSTREAM_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# flink-dist's --add-opens list, which Java 17 needs for Flink's reflection: one file for the
# scripts, the tests (pom.xml's surefire argLine) and the Docker image, read by the java launcher
PFLOGSTREAM_OPENS="@$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/java-opens.args"

# free_port FROM: the first port from FROM up whose port and the next (a broker's controller) are free
free_port() {
  local port="$1"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null; do
    port=$((port + 2))
  done
  echo "$port"
}

# ensure_jar: builds target/pflogstream.jar when it is missing or older than the sources
ensure_jar() {
  local jar="$PFLOGSTREAM_HOME/target/pflogstream.jar"
  if [ ! -f "$jar" ] || [ -n "$(find "$PFLOGSTREAM_HOME/src/main" "$PFLOGSTREAM_HOME/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    echo "pflogstream: building $jar (first use or sources changed)..." >&2
    (cd "$PFLOGSTREAM_HOME" && mvn -q -B -DskipTests package >&2) || { echo "pflogstream: build failed" >&2; return 1; }
  fi
}

# pflogstream_generate ARGS: the seeded log generator (`pflogstream generate`), the log on stdout
pflogstream_generate() {
  ensure_jar && java -cp "$PFLOGSTREAM_HOME/target/pflogstream.jar" io.pflogstream.cli.Main generate "$@"
}
