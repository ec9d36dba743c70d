package io.pflogstream.bench;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.io.SiemJson;
import io.pflogstream.lifecycle.MessageLifecycleFunction;
import io.pflogstream.lifecycle.MessageRecord;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEventParser;
import io.pflogstream.syslog.EnvelopeResult;
import io.pflogstream.syslog.SyslogEnvelopeParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SIEM records per second: the stream job writes one JSON record per message (its lifecycle)
 * and one per reject, warning or other security-relevant line. Input: the lifecycle records
 * and security events of one generated day.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Xmx1g",
            "-XX:+UseSerialGC",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED"
        })
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class SiemJsonBenchmark {
    static final int RECORDS = 3_000;

    private List<MessageRecord> messages;
    private List<PostfixEvent> securityEvents;

    @Setup(Level.Trial)
    public void load() throws Exception {
        ReportOptions options =
                ReportOptions.builder(BenchInput.TODAY).lifecycleRecords(true).build();
        List<String> lines = BenchInput.lines(14_500, 7);
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MessageLifecycleFunction(options)),
                (PostfixEvent.MessageEvent e) -> e.origin().host() + ' ' + e.queueId(),
                Types.STRING);
        harness.open();
        for (PostfixEvent.MessageEvent e : BenchInput.messageEvents(lines, options)) {
            harness.processElement(new StreamRecord<>(e, e.origin().time()));
        }
        messages = new ArrayList<>();
        harness.getSideOutput(MessageLifecycleFunction.LIFECYCLE_RECORDS).forEach(r -> messages.add(r.getValue()));
        harness.close();

        SyslogEnvelopeParser envelopes = new SyslogEnvelopeParser(options.read());
        PostfixEventParser parser = new PostfixEventParser(options.read());
        securityEvents = new ArrayList<>();
        long seq = 0;
        for (String line : lines) {
            if (envelopes.parse(line, ++seq) instanceof EnvelopeResult.Postfix p) {
                PostfixEvent e = parser.parse(p.line());
                if (e instanceof PostfixEvent.PolicyDecision || e instanceof PostfixEvent.DaemonProblem) {
                    securityEvents.add(e);
                }
            }
        }
        if (messages.size() < RECORDS || securityEvents.size() < RECORDS) {
            throw new IllegalStateException(
                    messages.size() + " messages, " + securityEvents.size() + " security events");
        }
        messages = messages.subList(0, RECORDS);
        securityEvents = securityEvents.subList(0, RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long message() {
        return totalBytes(messages, SiemJson::message);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long securityEvent() {
        return totalBytes(securityEvents, SiemJson::securityEvent);
    }

    private static <T> long totalBytes(List<T> records, Function<T, byte[]> json) {
        long bytes = 0;
        for (T r : records) {
            bytes += json.apply(r).length;
        }
        return bytes;
    }
}
