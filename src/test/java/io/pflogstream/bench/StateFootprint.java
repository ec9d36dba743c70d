package io.pflogstream.bench;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.generate.LogGenerator;
import io.pflogstream.lifecycle.MessageLifecycleFunction;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEvent.MessageEvent;
import io.pflogstream.postfix.PostfixEventParser;
import io.pflogstream.summary.HostFact;
import io.pflogstream.syslog.EnvelopeResult;
import io.pflogstream.syslog.SyslogEnvelopeParser;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.storage.JobManagerCheckpointStorage;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * How much the lifecycle operator keeps per message, over a generated multi-day run: keys in
 * state, heap bytes per key (live heap after a full GC, minus the empty operator's), and
 * checkpointed bytes per key. The watermark follows the lines, so cleanup timers fire as they
 * would in the job; the numbers should level off once the oldest messages expire.
 *
 * <pre>java -cp test-classes:classes:deps io.pflogstream.bench.StateFootprint [messagesPerDay] [days] [ttlHours] [report|stream|remember]</pre>
 */
public final class StateFootprint {
    public static void main(String[] args) throws Exception {
        int perDay = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Duration ttl = Duration.ofHours(args.length > 2 ? Long.parseLong(args[2]) : 144);
        String mode = args.length > 3 ? args[3] : "report";
        // report: the batch default; stream: plus lifecycle records (the Kafka job);
        // remember: --remember-removed, pflogsumm's memory of every queue ID until the timer
        ReportOptions options = ReportOptions.builder(BenchInput.TODAY)
                .messageTtl(ttl)
                .lifecycleRecords(mode.equals("stream"))
                .forgetRemovedMessages(!mode.equals("remember"))
                .build();

        var harness = new KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact>(
                new KeyedProcessOperator<>(new MessageLifecycleFunction(options)),
                e -> e.origin().host() + ' ' + e.queueId(),
                Types.STRING);
        harness.setCheckpointStorage(new JobManagerCheckpointStorage(Integer.MAX_VALUE)); // snapshots only measured
        harness.open();
        long baseline = liveHeap();
        System.out.printf("mode=%s messagesPerDay=%d days=%d ttl=%dh%n", mode, perDay, days, ttl.toHours());
        System.out.println("day  keys_in_state  heap_MB  heap_B/key  checkpoint_B/key");

        SyslogEnvelopeParser envelopes = new SyslogEnvelopeParser(options.read());
        PostfixEventParser parser = new PostfixEventParser(options.read());
        long[] seq = {0};
        long[] lastDay = {-1};
        Writer feed = new LineWriter(line -> {
            if (envelopes.parse(line, ++seq[0]) instanceof EnvelopeResult.Postfix p
                    && parser.parse(p.line()) instanceof PostfixEvent.MessageEvent m) {
                long t = m.origin().time();
                long day = t / 86_400_000L;
                if (lastDay[0] >= 0 && day != lastDay[0]) {
                    report(harness, lastDay[0], baseline);
                }
                lastDay[0] = day;
                harness.processWatermark(new Watermark(t - 1));
                harness.processElement(new StreamRecord<>(m, t));
                dropOutputs(harness);
            }
        });
        new LogGenerator(new LogGenerator.Spec(11, 1, days, perDay, LocalDate.of(2026, 11, 20), false, false), feed)
                .run();
        report(harness, lastDay[0], baseline);
        harness.close();
    }

    private static void report(
            KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact> harness, long day, long baseline)
            throws Exception {
        dropOutputs(harness);
        int keys = harness.numKeyedStateEntries();
        long heap = liveHeap() - baseline;
        OperatorSubtaskState snapshot = harness.snapshot(day, day);
        long checkpointed = snapshot.getStateSize();
        System.out.printf(
                "%3s  %13d  %7.1f  %10d  %16d%n",
                LocalDate.ofEpochDay(day).getDayOfMonth(),
                keys,
                heap / 1e6,
                keys == 0 ? 0 : heap / keys,
                keys == 0 ? 0 : checkpointed / keys);
    }

    /** The harness keeps what the operator emits; the job would have sent it on. */
    private static void dropOutputs(KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact> harness) {
        harness.getOutput().clear();
        var records = harness.getSideOutput(MessageLifecycleFunction.LIFECYCLE_RECORDS);
        if (records != null) {
            records.clear();
        }
    }

    private static long liveHeap() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private interface LineConsumer {
        void accept(String line) throws Exception;
    }

    /** Hands each complete line written to it to a consumer, so gigabytes stream through. */
    private static final class LineWriter extends Writer {
        private final LineConsumer lines;
        private final StringBuilder partial = new StringBuilder();

        LineWriter(LineConsumer lines) {
            this.lines = lines;
        }

        @Override
        public void write(char[] buf, int off, int len) throws java.io.IOException {
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    try {
                        lines.accept(partial.toString());
                    } catch (Exception e) {
                        throw new java.io.IOException(e);
                    }
                    partial.setLength(0);
                } else {
                    partial.append(buf[i]);
                }
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
