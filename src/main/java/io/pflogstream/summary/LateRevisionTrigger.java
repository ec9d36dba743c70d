package io.pflogstream.summary;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires an event-time window when the watermark passes its end, as Flink's event-time trigger
 * does, but gathers the late elements that follow into one revision per {@code delay} of
 * processing time instead of one per element. A burst of late lines (a host catching up, a
 * shipper replaying a file) would otherwise re-emit the hour, and downstream re-merge and
 * re-publish the whole day, once for every line. A revision still pending when the allowed
 * lateness ends is fired by the window's cleanup timer, just before the window is dropped, so a
 * bounded job's end of input publishes it too.
 */
public final class LateRevisionTrigger extends Trigger<Object, TimeWindow> {
    /** The processing time the pending revision is due at; null when no late element waits. */
    private static final ValueStateDescriptor<Long> DUE = new ValueStateDescriptor<>("late-revision-due", Long.class);

    private final long delay;

    /** @param delayMillis 0 to fire for every late element */
    public LateRevisionTrigger(long delayMillis) {
        this.delay = delayMillis;
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx)
            throws Exception {
        if (window.maxTimestamp() > ctx.getCurrentWatermark()) {
            ctx.registerEventTimeTimer(window.maxTimestamp());
            return TriggerResult.CONTINUE;
        }
        if (delay == 0) {
            return TriggerResult.FIRE;
        }
        ValueState<Long> due = ctx.getPartitionedState(DUE);
        if (due.value() == null) {
            long at = ctx.getCurrentProcessingTime() + delay;
            due.update(at);
            ctx.registerProcessingTimeTimer(at); // timer "publish-late-revision"
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        ValueState<Long> due = ctx.getPartitionedState(DUE);
        if (due.value() == null || due.value() != time) {
            return TriggerResult.CONTINUE;
        }
        due.clear();
        return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        if (time == window.maxTimestamp()) {
            return TriggerResult.FIRE;
        }
        // the window's cleanup time (its end plus the allowed lateness): publish what still waits
        ValueState<Long> due = ctx.getPartitionedState(DUE);
        if (due.value() != null) {
            ctx.deleteProcessingTimeTimer(due.value());
            due.clear();
            return TriggerResult.FIRE;
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) throws Exception {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
        ValueState<Long> due = ctx.getPartitionedState(DUE);
        if (due.value() != null) {
            ctx.deleteProcessingTimeTimer(due.value());
            due.clear();
        }
    }

    @Override
    public String toString() {
        return "LateRevisionTrigger(" + delay + " ms)";
    }
}
