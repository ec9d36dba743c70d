package io.pflogstream.bench;

import io.pflogstream.lifecycle.MessageLifecycleFunction;
import io.pflogstream.postfix.PostfixEvent.MessageEvent;
import io.pflogstream.summary.HostFact;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Message events per second through the lifecycle operator (keyed by host and queue ID, heap
 * state, cleanup timers), driven by Flink's operator harness without the network stack: the
 * operator's own cost. Each invocation is a fresh operator fed one generated day of events.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseSerialGC", "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class LifecycleBenchmark {
    static final int EVENTS = 60_000;

    private List<MessageEvent> events;
    private KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact> harness;

    @Setup(Level.Trial)
    public void load() {
        List<MessageEvent> all = BenchInput.messageEvents(BenchInput.lines(14_500, 7), BenchInput.compat());
        if (all.size() < EVENTS) {
            throw new IllegalStateException("generator gave " + all.size() + " message events");
        }
        events = all.subList(0, EVENTS);
    }

    @Setup(Level.Invocation)
    public void freshOperator() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MessageLifecycleFunction(BenchInput.compat())),
                e -> e.origin().host() + ' ' + e.queueId(), Types.STRING);
        harness.open();
    }

    @TearDown(Level.Invocation)
    public void close() throws Exception {
        harness.close();
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int stitch() throws Exception {
        for (MessageEvent e : events) {
            harness.processElement(new StreamRecord<>(e, e.origin().time()));
        }
        int facts = harness.getOutput().size();
        harness.getOutput().clear();
        return facts;
    }
}
