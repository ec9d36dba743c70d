package io.pflogstream.bench;

import io.pflogstream.config.ReportOptions;
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
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Xmx1g",
            "-XX:+UseSerialGC",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED"
        })
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class LifecycleBenchmark {
    static final int EVENTS = 60_000;

    private List<MessageEvent> events;
    private List<MessageEvent> busyEvents;
    private KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact> harness;
    private KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact> reordering;

    @Setup(Level.Trial)
    public void load() {
        List<MessageEvent> all = BenchInput.messageEvents(BenchInput.lines(14_500, 7), BenchInput.compat());
        if (all.size() < EVENTS) {
            throw new IllegalStateException("generator gave " + all.size() + " message events");
        }
        events = all.subList(0, EVENTS);
        busyEvents = BenchInput.messageEvents(BenchInput.lines(100_000, 7), BenchInput.compat())
                .subList(0, EVENTS);
    }

    @Setup(Level.Invocation)
    public void freshOperator() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MessageLifecycleFunction(BenchInput.compat())),
                e -> e.origin().host() + ' ' + e.queueId(),
                Types.STRING);
        harness.open();
        reordering = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new MessageLifecycleFunction(ReportOptions.builder(BenchInput.TODAY)
                        .reorderByEventTime(true)
                        .forgetRemovedMessages(true)
                        .build())),
                e -> e.origin().host() + ' ' + e.queueId(),
                Types.STRING);
        reordering.open();
    }

    @TearDown(Level.Invocation)
    public void close() throws Exception {
        harness.close();
        reordering.close();
    }

    /**
     * The stream job's way: lines wait for the watermark (moved on every 100 lines) and are replayed
     * in event-time order; a message is forgotten at removed. Its input is busier (100,000 messages
     * a day) and the watermark 20 minutes behind, so about 1,400 messages wait at a time, as in the
     * bench's 3-host stream with its 5-minute bound.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public int stitchReordered() throws Exception {
        long newest = Long.MIN_VALUE;
        int n = 0;
        for (MessageEvent e : busyEvents) {
            reordering.processElement(new StreamRecord<>(e, e.origin().time()));
            newest = Math.max(newest, e.origin().time());
            if (++n % 100 == 0) {
                reordering.processWatermark(newest - 1_200_000);
            }
        }
        reordering.processWatermark(Long.MAX_VALUE);
        int facts = reordering.getOutput().size();
        reordering.getOutput().clear();
        return facts;
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
