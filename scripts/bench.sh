#!/usr/bin/env bash
# Side-by-side benchmark on this machine, one run, same generated input:
#   wc -l (the scan limit), Debian's pflogsumm, `pflogstream report`  -> wall, CPU, peak RSS, medians, ratios
#   a bare Kafka consumer (kafka-consumer-perf-test) vs `pflogstream stream --bounded` on the same topic
# and writes BENCHMARKS.md.
#   scripts/bench.sh [--lines 20000000] [--reps 3] [--stream-lines 2000000] [--skip-stream] [--skip-jmh]
# Inputs: a single-host file of --lines lines, a quarter of its traffic (memory must stay flat
# when the input grows 4x), and a 3-host file; the streaming part reads --stream-lines of the latter,
# then twice as many (the difference is the job's steady rate, start-up and warm-up taken out).
# Each part rewrites only its own section of BENCHMARKS.md (scripts/lib/replace-section.py);
# scripts/scale-bench.sh writes the cluster scaling section.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
lines=20000000; reps=3; stream=1; jmh=1; stream_lines=2000000
while [ $# -gt 0 ]; do
  case "$1" in
    --lines) lines="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --skip-stream) stream=""; shift ;;
    --skip-jmh) jmh=""; shift ;;
    --stream-lines) stream_lines="$2"; shift 2 ;;
    *) echo "usage: scripts/bench.sh [--lines N] [--reps R] [--stream-lines N] [--skip-stream] [--skip-jmh]" >&2; exit 1 ;;
  esac
done
command -v pflogsumm >/dev/null || [ -x /usr/sbin/pflogsumm ] || { echo "bench.sh: needs pflogsumm (apt-get install pflogsumm)" >&2; exit 1; }
work="$here/var/bench"; mkdir -p "$work"
source scripts/lib/common.sh
gen() { pflogstream_generate "$@"; }
# the first report after a build also records the class-data-sharing archive: not a measured run
gen --seed 9 --hosts 1 --days 1 --messages-per-day 200 --first-day 2026-11-20 > "$work/warm-up.log"
scripts/pflogstream report --today 2026-11-27 "$work/warm-up.log" > /dev/null

# about 6.9 lines per generated message (measured on the generator's output); the rate is for
# all hosts together, so both files get about the same number of lines
per_day=$(( lines * 10 / 69 / 7 ))
single="$work/single-${lines}.log"; fleet="$work/fleet-${lines}.log"
# a quarter of the single file's traffic over the same 7 days: memory must not grow with the input
quarter="$work/single-quarter-${lines}.log"
[ -s "$single" ] || gen --seed 1 --hosts 1 --days 7 --messages-per-day "$per_day" --first-day 2026-11-20 > "$single"
[ -s "$fleet" ] || gen --seed 2 --hosts 3 --days 7 --messages-per-day "$per_day" --first-day 2026-11-20 > "$fleet"
[ -s "$quarter" ] || gen --seed 1 --hosts 1 --days 7 --messages-per-day "$(( per_day / 4 ))" --first-day 2026-11-20 > "$quarter"

measure() {  # label, command...; prints "label wall cpu rss" per repetition
  local label="$1"; shift
  for _ in $(seq 1 "$reps"); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
    read -r wall user sys rss < "$work/time.txt"
    echo "$label $wall $(echo "$user + $sys" | bc) $rss"
  done
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

results="$work/results.txt"; : > "$results"
for input in "$quarter" "$single" "$fleet"; do
  name=$(basename "$input" .log)
  n=$(wc -l < "$input")
  measure "$name wc" wc -l "$input" >> "$results"
  measure "$name pflogsumm" env PERL_HASH_SEED=0 /usr/sbin/pflogsumm "$input" >> "$results"
  measure "$name pflogstream" scripts/pflogstream report --today 2026-11-27 "$input" >> "$results"
  echo "$name lines $n" >> "$results"
done

row() {  # input tool -> "median wall | median cpu | median rss MB"
  local w c r
  w=$(awk -v k="$1 $2" '$1" "$2==k {print $3}' "$results" | median)
  c=$(awk -v k="$1 $2" '$1" "$2==k {print $4}' "$results" | median)
  r=$(awk -v k="$1 $2" '$1" "$2==k {print $5}' "$results" | median)
  echo "$w $c $(( ${r%.*} / 1024 ))"
}

stream_rows=""
if [ -n "$stream" ]; then
  port=$(free_port 20000)
  bootstrap=$(scripts/kafka-local.sh start --port "$port" --dir "$work/kafka" | tail -1)
  trap 'scripts/kafka-local.sh stop --dir "$work/kafka" >/dev/null 2>&1 || true' EXIT
  # the topic, and one twice as long: the difference between the job's two runs is its steady
  # rate, with start-up and the JIT's warm-up (the same in both runs) taken out
  head -n "$stream_lines" "$fleet" > "$work/stream-input.log"
  head -n "$((2 * stream_lines))" "$fleet" > "$work/stream-input-2x.log"
  read_topic() {  # label file -> "records consumer_seconds job_seconds"
    local topic="bench.lines.$1.$(date +%s)" t0 consumer job records
    scripts/kafka-local.sh topic "$topic" 2 --port "$port" > /dev/null 2>&1
    java -cp "tools/kafka/libs/*" org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$bootstrap" --topic "$topic" \
      --producer-property batch.size=262144 --producer-property linger.ms=20 < "$2" > /dev/null
    records=$(wc -l < "$2")
    t0=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$work/cpu-consumer-$1.txt" \
      java -cp "tools/kafka/libs/*" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$bootstrap" --topic "$topic" \
      --messages "$records" --group "bench-$(date +%s)" > "$work/consumer-$1.txt" 2>&1
    consumer=$(echo "$(date +%s.%N) - $t0" | bc)
    t0=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$work/cpu-job-$1.txt" \
      scripts/pflogstream stream --bootstrap-servers "$bootstrap" --input-topic "$topic" --bounded --group-id "bench-job-$t0" \
      --transactional-id-prefix "bench-$t0" --summary-topic "bench.summary.$t0" --messages-topic "bench.messages.$t0" \
      --events-topic "bench.events.$t0" --deadletter-topic "bench.dl.$t0" --report-topic "bench.report.$t0" \
      --checkpoint-interval 5s > "$work/stream-$1.txt" 2>&1
    job=$(echo "$(date +%s.%N) - $t0" | bc)
    # the same job without the incident detectors: what they cost per record
    t0=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$work/cpu-quiet-$1.txt" \
      scripts/pflogstream stream --bootstrap-servers "$bootstrap" --input-topic "$topic" --bounded --group-id "bench-quiet-$t0" \
      --transactional-id-prefix "bench-$t0" --summary-topic "bench.summary.$t0" --messages-topic "bench.messages.$t0" \
      --events-topic "bench.events.$t0" --deadletter-topic "bench.dl.$t0" --report-topic "bench.report.$t0" \
      --checkpoint-interval 5s --no-alerts > "$work/stream-quiet-$1.txt" 2>&1
    echo "$records $consumer $job"
  }
  cpu_of() { awk '{print $1 + $2}' "$work/cpu-$1.txt"; }  # user + system CPU seconds of one run
  read -r records consumer job <<< "$(read_topic 1x "$work/stream-input.log")"
  read -r records2 consumer2 job2 <<< "$(read_topic 2x "$work/stream-input-2x.log")"
  extra=$((records2 - records))
  rate() {  # lines seconds -> lines per second, or n/a when the second run was not slower
    if [ "$(echo "$2 > 0" | bc)" = 1 ]; then echo "$(echo "$1 / $2" | bc) records/s"; else echo "n/a"; fi
  }
  # the bare consumer's own steady rate is what it reports itself (fetch.nMsg.sec: records over the
  # time it spent fetching, after joining its group); by difference, its 0.2 s would be mostly noise
  steady_consumer="$(tail -1 "$work/consumer-2x.txt" | awk -F', ' '{printf "%d", $10}') records/s"
  steady_job=$(rate "$extra" "$(echo "$job2 - $job" | bc)")
  steady_ratio=n/a
  if [ "$steady_consumer" != n/a ] && [ "$steady_job" != n/a ]; then
    steady_ratio=$(echo "scale=2; ${steady_job% *} / ${steady_consumer% *}" | bc)
  fi
  # CPU per record of the extra lines (start-up drops out): on a machine whose cores are all busy
  # (the job's threads, the broker), this, not the wall clock, is what bounds the rate
  per_record() { echo "scale=2; ($(cpu_of "$1-2x") - $(cpu_of "$1-1x")) * 1000000 / $extra" | bc; }
  cpu_job=$(per_record job); cpu_consumer=$(per_record consumer); cpu_quiet=$(per_record quiet)
  stream_rows="| bare consumer (kafka-consumer-perf-test) | $(printf %.1f "$consumer") s | $(echo "$records / $consumer" | bc) records/s | $(printf %.1f "$consumer2") s | $steady_consumer |
| \`pflogstream stream --bounded\` (exactly-once sinks) | $(printf %.1f "$job") s | $(echo "$records / $job" | bc) records/s | $(printf %.1f "$job2") s | $steady_job |
| ratio job / consumer | | $(echo "scale=2; $consumer / $job" | bc) | | $steady_ratio |"
  stream_cpu="CPU per record of the extra lines (user + system, whole process, second run minus first): the job
$cpu_job µs (all its threads: fetch, parse, shuffles, lifecycle, windows, sinks, checkpoints, GC, JIT), the
bare consumer $cpu_consumer µs. With the $(nproc) cores all busy, the job's rate cannot exceed $(nproc) cores / $cpu_job µs
= $(echo "$(nproc) * 1000000 / $cpu_job" | bc) records/s, the consumer's $(echo "$(nproc) * 1000000 / $cpu_consumer" | bc).
The incident detectors (pflog.alerts): the job $cpu_job µs with them, $cpu_quiet µs with \`--no-alerts\`,
$(echo "scale=1; ($cpu_job - $cpu_quiet) * 100 / $cpu_quiet" | bc)% more."
  echo "detectors: on=$cpu_job off=$cpu_quiet us/record" >&2
fi

{
  echo "Made by \`scripts/bench.sh --lines $lines --reps $reps\` on $(date -u +%Y-%m-%d): $(nproc) cores,"
  echo "$(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)."
  echo "Shared, noisy machine: compare the ratios, measured side by side in one run. $( [ "$reps" = 1 ] && echo "One run of each" || echo "Medians of $reps runs");"
  echo "wall time includes JVM and MiniCluster start for pflogstream."
  echo
  echo "| input | lines | tool | wall s | CPU s | peak RSS MB | wall vs pflogsumm |"
  echo "| --- | ---: | --- | ---: | ---: | ---: | ---: |"
  for input in "$quarter" "$single" "$fleet"; do
    name=$(basename "$input" .log)
    n=$(awk -v k="$name" '$1==k && $2=="lines" {print $3}' "$results")
    pw=$(row "$name" pflogsumm | cut -d' ' -f1)
    for tool in wc pflogsumm pflogstream; do
      read -r w c r <<< "$(row "$name" "$tool")"
      echo "| $name | $n | $tool | $w | $c | $r | $(echo "scale=2; $pw / $w" | bc)× |"
    done
  done
  if [ -n "$stream_rows" ]; then
    echo
    echo "Streaming: the first $(wc -l < "$work/stream-input.log") lines of the fleet file on a 2-partition topic, then"
    echo "the first $(wc -l < "$work/stream-input-2x.log") on another; each reader's time includes its JVM's start (and the"
    echo "MiniCluster's for pflogstream). Steady rate of the job = the extra lines of the second topic over the"
    echo "extra time they took (start-up and JIT warm-up, the same in both runs, drop out); of the bare consumer,"
    echo "its own fetch.nMsg.sec on the second topic (records over the time it spent fetching)."
    echo
    echo "| reader | time | throughput | time, 2× lines | steady rate |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    echo "$stream_rows"
    echo
    echo "$stream_cpu"
  fi
} > "$work/section.md"
scripts/lib/replace-section.py bench "$work/section.md"
cat "$work/section.md"

if [ -n "$jmh" ]; then
  # the parse stage, the lifecycle operator and the SIEM records alone, one core each, and the state per message
  scripts/jmh.sh ParserBenchmark LifecycleBenchmark SiemJsonBenchmark -wi 3 -i 5 -w 2s -r 3s -rf text -rff "$work/jmh.txt" > "$work/jmh.log" 2>&1 \
    || { tail -20 "$work/jmh.log" >&2; exit 1; }
  scripts/jmh.sh --cpu-time 60 > "$work/cpu-time.txt"
  scripts/jmh.sh --footprint 80000 7 144 report > "$work/footprint-report.txt" 2> /dev/null
  scripts/jmh.sh --footprint 80000 7 144 remember > "$work/footprint-remember.txt" 2> /dev/null
  {
    echo "## Parser, lifecycle operator, state"
    echo
    echo "Made by \`scripts/jmh.sh\` (JMH 1.37, one thread, 1 fork, 3×2 s warm-up, 5×3 s measured) on $(date -u +%Y-%m-%d);"
    echo "input: one generated day (seed 7). Ops are lines (parser), message events (lifecycle) or SIEM JSON records"
    echo "(one per message, one per security event)."
    echo
    echo '```'
    cat "$work/jmh.txt"
    echo '```'
    echo
    echo "The same parse stage timed by its thread's CPU time instead of the wall clock (which on this shared"
    echo "machine also counts the time the thread waits for a core): \`scripts/jmh.sh --cpu-time 60\`, 60 passes"
    echo "over the same 100,000 lines after 20 warm-up passes."
    echo
    echo '```'
    cat "$work/cpu-time.txt"
    echo '```'
    echo
    echo "State kept by the lifecycle operator over a generated 7-day run, 80,000 messages a day, TTL 6 days"
    echo "(\`scripts/jmh.sh --footprint 80000 7 144 report|remember\`; heap bytes per key = live heap after a full GC"
    echo "over keys in state, so small counts are noisy):"
    echo
    echo "Default (a message is forgotten at \`removed\`; what stays are messages that never logged it):"
    echo '```'
    cat "$work/footprint-report.txt"
    echo '```'
    echo "\`--remember-removed\` (pflogsumm's memory of every queue ID, until the TTL):"
    echo '```'
    cat "$work/footprint-remember.txt"
    echo '```'
  } > "$work/jmh-section.md"
  scripts/lib/replace-section.py jmh "$work/jmh-section.md"
fi
