package io.pflogstream.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

/**
 * The operators that hold facts until the watermark must not tell the windows they are idle when
 * their input is: the windows would then close on the routing stage's watermark alone as soon as a
 * burst resumes (scripts/soak-test.sh lost the first hours of every day that way).
 */
class NeverIdleKeyedProcessOperatorTest {
    /** Holds each element until the watermark passes it, as the lifecycle does. */
    static final class HoldUntilWatermark extends KeyedProcessFunction<String, Long, Long> {
        @Override
        public void processElement(Long value, Context ctx, Collector<Long> out) {
            ctx.timerService().registerEventTimeTimer(value);
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Long> out) {
            out.collect(timestamp);
        }
    }

    @Test
    void anIdleInputLeavesTheOutputActiveAtItsWatermark() throws Exception {
        var plain = harness(new KeyedProcessOperator<>(new HoldUntilWatermark()));
        var neverIdle = harness(new NeverIdleKeyedProcessOperator<>(new HoldUntilWatermark()));
        for (var h : java.util.List.of(plain, neverIdle)) {
            h.processElement(1_000L, 1_000L);
            h.processWatermark(new Watermark(2_000L));
            h.processWatermarkStatus(WatermarkStatus.IDLE);
            h.processElement(5_000L, 5_000L); // the burst after the quiet spell
            h.processWatermarkStatus(WatermarkStatus.ACTIVE);
            h.processWatermark(new Watermark(6_000L));
        }
        // the plain operator tells the windows it is idle: they then ignore its channel
        assertThat(plain.getOutput()).contains(WatermarkStatus.IDLE);
        // this one never does; its facts and watermarks come out in order
        assertThat(neverIdle.getOutput()).doesNotContain(WatermarkStatus.IDLE);
        assertThat(neverIdle.extractOutputValues()).containsExactly(1_000L, 5_000L);
        assertThat(neverIdle.getOutput().stream().filter(o -> o instanceof Watermark))
                .containsExactly(new Watermark(2_000L), new Watermark(6_000L));
        plain.close();
        neverIdle.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Long, Long> harness(
            KeyedProcessOperator<String, Long, Long> operator) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(operator, v -> "k", Types.STRING);
        h.open();
        return h;
    }
}
