package io.pflogstream.summary;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Folds every fact one subtask produces into a single summary and emits it when the bounded
 * input ends: the report command's whole-run total without windows. The summary is plain
 * operator memory, not Flink state (report runs take no checkpoints and do not restart).
 */
public final class PartialRunTotal extends AbstractStreamOperator<HostSummary>
        implements OneInputStreamOperator<HostFact, HostSummary>, BoundedOneInput {
    private transient Summary summary;
    private transient long first;
    private transient long last;

    @Override
    public void open() throws Exception {
        super.open();
        summary = new Summary();
        // the report's message facts come from one lifecycle subtask, in line order
        summary.foldDelaysInLineOrder = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks() == 1;
        first = Long.MAX_VALUE;
        last = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<HostFact> element) {
        ReportFact fact = element.getValue().fact();
        summary.add(fact);
        first = Math.min(first, fact.time());
        last = Math.max(last, fact.time());
    }

    @Override
    public void endInput() {
        if (first <= last) {
            // the hours the facts fall in, as the hourly windows would have labelled them
            long start = Math.floorDiv(first, HostSummary.HOUR) * HostSummary.HOUR;
            long end = Math.floorDiv(last, HostSummary.HOUR) * HostSummary.HOUR + HostSummary.HOUR;
            output.collect(new StreamRecord<>(new HostSummary(HostSummary.FLEET, start, end, 1, summary)));
        }
    }
}
