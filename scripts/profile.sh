#!/usr/bin/env bash
# Where the report's time goes: runs `pflogstream report` on a log under Java Flight Recorder and
# splits the CPU samples of the job's threads by what they were doing; writes the "profile"
# section of BENCHMARKS.md.
#   scripts/profile.sh [LOG]     (default: the bench's single-host file, else a generated one)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
source scripts/lib/common.sh
work="$here/var/profile"; mkdir -p "$work"
log="${1:-}"
if [ -z "$log" ]; then
  log=$(ls -S var/bench/single-[0-9]*.log 2>/dev/null | head -1 || true)
  if [ -z "$log" ]; then
    log="$work/input.log"
    pflogstream_generate --seed 1 --hosts 1 --days 7 --messages-per-day 82000 --first-day 2026-11-20 > "$log"
  fi
fi
lines=$(wc -l < "$log")
scripts/pflogstream report --today 2026-11-27 "$log" > /dev/null   # a build, and the CDS archive, before measuring

# CPU seconds per thread, read from /proc while a plain run goes on: unlike JFR's samples this
# counts the JIT compilers and the garbage collector too
scripts/pflogstream report --today 2026-11-27 "$log" > /dev/null &
runner=$!
pid=""
while [ -z "$pid" ] && kill -0 "$runner" 2>/dev/null; do pid=$(pgrep -f "^java .*pflogstream.jar report" | head -1 || true); sleep 0.1; done
: > "$work/threads.txt"
while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
  for t in /proc/"$pid"/task/*; do
    echo "$(basename "$t")|$(cat "$t/comm" 2>/dev/null)|$(awk '{print $14 + $15}' "$t/stat" 2>/dev/null)"
  done >> "$work/threads.txt" 2>/dev/null || true
  sleep 0.2
done
wait "$runner"

rm -f "$work/report.jfr"
PFLOGSTREAM_JAVA_OPTS="-Xmx1g -XX:+UseSerialGC -XX:StartFlightRecording=filename=$work/report.jfr,settings=profile" \
  scripts/pflogstream report --today 2026-11-27 "$log" > /dev/null 2> "$work/stderr.txt"
jfr print --stack-depth 300 --events jdk.ExecutionSample "$work/report.jfr" > "$work/samples.txt"
python3 - "$work/samples.txt" "$log" "$lines" "$work/threads.txt" > "$work/section.md" <<'PY'
import collections, re, sys
samples, log, lines, threads = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
events = open(samples).read().split("jdk.ExecutionSample")
by_thread, by_kind, by_code = collections.Counter(), collections.Counter(), collections.Counter()
total = 0
for e in events:
    frames = re.findall(r"^\s+([\w$.<>]+)\(", e, re.M)
    m = re.search(r'sampledThread = "([^"]*)"', e)
    if not frames or not m:
        continue
    thread = m.group(1)
    if thread == "main" or "pekko" in thread or "jobmanager" in thread or "flink-" in thread:
        kind = "start-up and coordination (JVM, MiniCluster, job submission)"
        by_kind[kind] += 1
        total += 1
        continue
    total += 1
    stage = re.sub(r" \(\d+/\d+\).*", "", thread)
    by_thread[stage] += 1
    near = frames[:6]  # what the thread was doing, not the whole call chain above it
    nearby = " ".join(near)
    project = next((i for i, f in enumerate(frames) if f.startswith("io.pflogstream")), 99)
    if "regex" in frames[0]:
        kind = "regular expressions (the parser's remaining patterns)"
    elif any(x in nearby for x in ("Serializer", "serde.", "StringValue", "DataOutputView", "DataInputView")):
        kind = "serializing records between operators"
    elif any(x in nearby for x in ("network", "RecordWriter", "BufferBuilder", "BufferConsumer")):
        kind = "Flink's network stack (buffers, record writers)"
    elif project <= 2 and frames[project].startswith("io.pflogstream.syslog"):
        kind = "syslog envelope"
    elif project <= 2 and frames[project].startswith("io.pflogstream.postfix"):
        kind = "Postfix message parser (hand scanners)"
    elif project <= 2 and frames[project].startswith("io.pflogstream.summary"):
        kind = "summary counting"
    elif project <= 2 and frames[project].startswith(("io.pflogstream.lifecycle", "io.pflogstream.topology")):
        kind = "routing and the lifecycle state machine"
    elif any(x in nearby for x in ("state.heap", "Timer", "StateTable", "StateMap")):
        kind = "keyed state and timers"
    elif any(x in nearby for x in ("ParsedBlocks", "Newlines", "BufferedReader", "Inflater", "readLine", "FileInputStream")):
        kind = "reading the file"
    else:
        kind = "other (Flink operator plumbing, JDK)"
    by_kind[kind] += 1
    first = next((f for f in frames if f.startswith("io.pflogstream")), None)
    if first:
        by_code[first.replace("io.pflogstream.", "")] += 1
print("## Where the time goes\n")
print("Made by `scripts/profile.sh` (Java Flight Recorder, `settings=profile`) on `%s` (%s lines): %d CPU samples"
      % (log.split("/")[-1], lines, total))
print("of all threads, split by what the sampled stack was doing.\n")
print("| share | what |\n| ---: | --- |")
for k, v in by_kind.most_common():
    print("| %d%% | %s |" % (round(100 * v / total), k))
print("\nBy thread (JFR samples of the job's threads: the parse workers cut and parse blocks; the task")
print("thread runs the rest, source → route → lifecycle and sessions → summaries, chained):\n")
print("| samples | thread |\n| ---: | --- |")
for k, v in by_thread.most_common(6):
    print("| %d | %s |" % (v, k))
peak = {}
for row in open(threads):
    tid, name, ticks = (row.rstrip("\n").split("|") + ["", "", ""])[:3]
    if ticks:
        peak[(tid, name)] = max(peak.get((tid, name), 0), int(float(ticks)))
cpu = collections.Counter()
for (tid, name), ticks in peak.items():
    cpu[re.sub(r"\d+$", "", name).strip()] += ticks / 100.0
print("\nCPU seconds by thread, read from /proc during a run without the recorder (names cut to 15")
print("characters by the kernel; includes what JFR does not sample: JIT compilers, GC in the VM thread):\n")
print("| CPU s | thread |\n| ---: | --- |")
for k, v in cpu.most_common(8):
    print("| %.1f | %s |" % (v, k))
print("\nInnermost project method on the stack (top 10):\n")
print("| samples | method |\n| ---: | --- |")
for k, v in by_code.most_common(10):
    print("| %d | `%s` |" % (v, k))
PY
scripts/lib/replace-section.py profile "$work/section.md"
cat "$work/section.md"
