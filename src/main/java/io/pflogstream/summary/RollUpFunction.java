package io.pflogstream.summary;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Rolls finer summaries up into a coarser window (hours into a day, hosts into the fleet) without
 * re-reading events. It keeps the latest revision of each part, emits revision 1 when the
 * watermark passes the window's end, and a new revision when parts are revised within the allowed
 * lateness: one for all the revisions that arrive within {@code revisionDelay} of processing time
 * (timer "publish-late-revision"; 0 emits one per revised part), since each emission re-merges the
 * whole window. The named timer "forget-closed-window" publishes a revision still waiting and
 * clears the window after the lateness.
 */
public class RollUpFunction extends KeyedProcessFunction<String, HostSummary, HostSummary> {
    private final long size;
    private final long allowedLateness;
    private final long revisionDelay;
    private final int rowLimit;

    private transient MapState<String, Summary> parts;
    private transient ValueState<Integer> revision;
    /** The processing time a waiting revision is due at; null when none waits. */
    private transient ValueState<Long> revisionDue;

    /**
     * @param size the target window's length (an hour or a day); the key names the target:
     *     "target|windowStart", and the part's own name (host, or "host#shard") tells parts apart
     */
    public RollUpFunction(long size, long allowedLateness, long revisionDelay) {
        this(size, allowedLateness, revisionDelay, 0);
    }

    /**
     * @param rowLimit each table of what is published is cut to its top rows ({@link Summary#keepTop});
     *     0 publishes every row
     */
    public RollUpFunction(long size, long allowedLateness, long revisionDelay, int rowLimit) {
        this.size = size;
        this.allowedLateness = allowedLateness;
        this.revisionDelay = revisionDelay;
        this.rowLimit = rowLimit;
    }

    /**
     * The key of the target window a part belongs to: "target|windowStart"; the target is the part's
     * host, or with {@code fleet} {@link HostSummary#FLEET}.
     */
    public static KeySelector<HostSummary, String> targetKey(long size, boolean fleet) {
        return h -> (fleet ? HostSummary.FLEET : h.host()) + '|' + Math.floorDiv(h.start(), size) * size;
    }

    @Override
    public void open(OpenContext openContext) {
        parts = getRuntimeContext().getMapState(new MapStateDescriptor<>("parts", String.class, Summary.class));
        revision = getRuntimeContext().getState(new ValueStateDescriptor<>("revision", Integer.class));
        revisionDue = getRuntimeContext().getState(new ValueStateDescriptor<>("revision-due", Long.class));
    }

    @Override
    public void processElement(HostSummary part, Context ctx, Collector<HostSummary> out) throws Exception {
        parts.put(part.host() + '@' + part.start(), part.summary());
        Integer emitted = revision.value();
        if (emitted == null) {
            revision.update(0);
            long end = windowStart(ctx.getCurrentKey()) + size;
            ctx.timerService().registerEventTimeTimer(end - 1);
            ctx.timerService().registerEventTimeTimer(end - 1 + allowedLateness + 1);
        } else if (emitted > 0) {
            if (revisionDelay == 0) {
                emit(ctx.getCurrentKey(), emitted + 1, out);
            } else if (revisionDue.value() == null) {
                long due = ctx.timerService().currentProcessingTime() + revisionDelay;
                revisionDue.update(due);
                ctx.timerService().registerProcessingTimeTimer(due);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HostSummary> out) throws Exception {
        Integer emitted = revision.value();
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (emitted != null && revisionDue.value() != null && revisionDue.value() == timestamp) {
                revisionDue.clear();
                emit(ctx.getCurrentKey(), emitted + 1, out);
            }
            return;
        }
        long end = windowStart(ctx.getCurrentKey()) + size;
        if (timestamp == end - 1) {
            emit(ctx.getCurrentKey(), 1, out);
        }
        if (timestamp == end + allowedLateness) {
            Long due = revisionDue.value(); // timer "forget-closed-window"
            if (due != null) {
                ctx.timerService().deleteProcessingTimeTimer(due);
                emit(ctx.getCurrentKey(), revision.value() + 1, out);
            }
            parts.clear();
            revision.clear();
            revisionDue.clear();
        }
    }

    private void emit(String key, int rev, Collector<HostSummary> out) throws Exception {
        Summary merged = new Summary();
        for (Summary s : parts.values()) {
            merged.merge(s);
        }
        merged.keepTop(rowLimit);
        revision.update(rev);
        long start = windowStart(key);
        out.collect(new HostSummary(key.substring(0, key.lastIndexOf('|')), start, start + size, rev, merged));
    }

    private static long windowStart(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
    }
}
