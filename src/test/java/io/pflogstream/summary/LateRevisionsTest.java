package io.pflogstream.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Late lines within the allowed lateness revise their hour and the roll-ups above it: one revision
 * per {@code --late-revisions-every} of processing time, however many lines arrive, and a revision
 * still waiting when the lateness ends is published before the window is forgotten.
 */
class LateRevisionsTest {
    private static final long HOUR = HostSummary.HOUR;
    private static final long T0 = 1_795_000_000_000L / HOUR * HOUR; // an hour's start
    private static final long LATENESS = HOUR;
    private static final long DELAY = 5_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, HostFact, HostSummary> hourly(long delay)
            throws Exception {
        var builder = new WindowOperatorBuilder<HostFact, String, TimeWindow>(
                TumblingEventTimeWindows.of(Duration.ofHours(1)),
                new LateRevisionTrigger(delay),
                new ExecutionConfig(),
                TypeInformation.of(HostFact.class),
                HostFact::host,
                Types.STRING);
        builder.allowedLateness(Duration.ofMillis(LATENESS));
        OneInputStreamOperator<HostFact, HostSummary> operator =
                builder.aggregate(new SummaryAggregate(), new LabelWindow(), TypeInformation.of(Summary.class));
        var h = new KeyedOneInputStreamOperatorTestHarness<>(operator, HostFact::host, Types.STRING);
        h.setProcessingTime(0);
        h.open();
        return h;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, HostSummary, HostSummary> dayRollUp(long delay)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RollUpFunction(HostSummary.DAY, LATENESS, delay)),
                RollUpFunction.targetKey(HostSummary.DAY, false),
                Types.STRING);
        h.setProcessingTime(0);
        h.open();
        return h;
    }

    private static HostFact received(long t) {
        return new HostFact("mail", new ReportFact.MessageReceived(t));
    }

    private static HostSummary hourPart(long start, int revision, long received) {
        Summary s = new Summary();
        s.received = received;
        return new HostSummary("mail", start, start + HOUR, revision, s);
    }

    /** (revision, messages received) of each summary emitted so far. */
    private static List<List<Long>> emitted(KeyedOneInputStreamOperatorTestHarness<?, ?, HostSummary> h) {
        return h.extractOutputValues().stream()
                .map(s -> List.of((long) s.revision(), s.summary().received))
                .toList();
    }

    @Test
    void lateLinesWithinTheDelayMakeOneRevisionOfTheirHour() throws Exception {
        var h = hourly(DELAY);
        h.processElement(received(T0 + 10), T0 + 10);
        h.processWatermark(T0 + HOUR); // the hour closes: revision 1
        for (int i = 0; i < 50; i++) {
            h.processElement(received(T0 + 100 + i), T0 + 100 + i);
        }
        assertThat(emitted(h)).containsExactly(List.of(1L, 1L)); // nothing yet: the revision waits
        h.setProcessingTime(DELAY);
        assertThat(emitted(h)).containsExactly(List.of(1L, 1L), List.of(2L, 51L));

        h.processElement(received(T0 + 200), T0 + 200);
        h.setProcessingTime(2 * DELAY);
        assertThat(emitted(h)).containsExactly(List.of(1L, 1L), List.of(2L, 51L), List.of(3L, 52L));
        h.processWatermark(T0 + HOUR + LATENESS);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aRevisionStillWaitingWhenTheLatenessEndsIsPublishedBeforeTheHourIsForgotten() throws Exception {
        var h = hourly(DELAY);
        h.processElement(received(T0 + 10), T0 + 10);
        h.processWatermark(T0 + HOUR);
        h.processElement(received(T0 + 20), T0 + 20);
        h.processElement(received(T0 + 30), T0 + 30);
        h.processWatermark(Long.MAX_VALUE); // a bounded job's end of input, before the delay is up
        assertThat(emitted(h)).containsExactly(List.of(1L, 1L), List.of(2L, 3L));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
        h.close();
    }

    @Test
    void withoutADelayEveryLateLineRevisesItsHour() throws Exception {
        var h = hourly(0);
        h.processElement(received(T0 + 10), T0 + 10);
        h.processWatermark(T0 + HOUR);
        h.processElement(received(T0 + 20), T0 + 20);
        h.processElement(received(T0 + 30), T0 + 30);
        assertThat(emitted(h)).containsExactly(List.of(1L, 1L), List.of(2L, 2L), List.of(3L, 3L));
        h.close();
    }

    @Test
    void theDayGathersRevisedHoursIntoOneRevisionAndForgetsAfterTheLateness() throws Exception {
        long day = T0 / HostSummary.DAY * HostSummary.DAY;
        var h = dayRollUp(DELAY);
        h.processElement(hourPart(day, 1, 4), day + HOUR - 1);
        h.processElement(hourPart(day + HOUR, 1, 6), day + 2 * HOUR - 1);
        h.processWatermark(day + HostSummary.DAY - 1);
        assertThat(emitted(h)).containsExactly(List.of(1L, 10L));

        // both hours revised, one twice: one revision of the day with the latest of each
        h.processElement(hourPart(day, 2, 5), day + HOUR - 1);
        h.processElement(hourPart(day + HOUR, 2, 7), day + 2 * HOUR - 1);
        h.processElement(hourPart(day + HOUR, 3, 9), day + 2 * HOUR - 1);
        assertThat(emitted(h)).hasSize(1);
        h.setProcessingTime(DELAY);
        assertThat(emitted(h)).containsExactly(List.of(1L, 10L), List.of(2L, 14L));

        // one more that the lateness's end overtakes: published, then everything forgotten
        h.processElement(hourPart(day, 3, 8), day + HOUR - 1);
        h.processWatermark(day + HostSummary.DAY + LATENESS);
        assertThat(emitted(h)).containsExactly(List.of(1L, 10L), List.of(2L, 14L), List.of(3L, 17L));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
        h.close();
    }

    @Test
    void theFleetHourMergesEveryHostsHourAndForgetsAfterTheLateness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RollUpFunction(HOUR, LATENESS, DELAY)),
                RollUpFunction.targetKey(HOUR, true),
                Types.STRING);
        h.setProcessingTime(0);
        h.open();
        Summary mx = new Summary();
        mx.received = 7;
        h.processElement(hourPart(T0, 1, 4), T0 + HOUR - 1);
        h.processElement(new HostSummary("mx1", T0, T0 + HOUR, 1, mx), T0 + HOUR - 1);
        h.processWatermark(T0 + HOUR - 1);
        assertThat(h.extractOutputValues()).singleElement().satisfies(f -> {
            assertThat(f.host()).isEqualTo(HostSummary.FLEET);
            assertThat(f.summary().received).isEqualTo(11);
        });
        // one host's hour revised: the fleet's hour again, with the other host's as it was
        h.processElement(hourPart(T0, 2, 5), T0 + HOUR - 1);
        h.setProcessingTime(DELAY);
        assertThat(emitted(h)).containsExactly(List.of(1L, 11L), List.of(2L, 12L));
        h.processWatermark(T0 + HOUR + LATENESS);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
        h.close();
    }
}
