package io.pflogstream.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.postfix.DeliveryStatus;
import io.pflogstream.postfix.Origin;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEvent.MessageEvent;
import io.pflogstream.summary.HostFact;
import io.pflogstream.summary.ReportFact;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class MessageLifecycleFunctionTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long SECOND = 1000;
    private static final Duration TTL = Duration.ofDays(6);
    private static final String QID = "B807B16004A";

    private long seq;

    private Origin at(long time, String daemon) {
        return new Origin("mail", ++seq, time, daemon);
    }

    private MessageEvent client(long t) {
        return new PostfixEvent.Received(at(t, "smtpd"), QID, "example.com", "app.example.com[127.0.0.2]", null);
    }

    private MessageEvent queued(long t, long size) {
        return new PostfixEvent.QueueEntry(at(t, "qmgr"), QID, "billing@example.com", size, 1);
    }

    private MessageEvent delivered(long t, DeliveryStatus status) {
        return new PostfixEvent.Delivery(
                at(t, "smtp"),
                QID,
                "tom@partner.example",
                null,
                "mx.partner.example[1.2.3.4]:25",
                0.5,
                "2.0.0",
                status,
                false,
                status == DeliveryStatus.SENT ? null : "later",
                "0.1/0/0.2/0.2",
                "250 ok");
    }

    private MessageEvent removed(long t) {
        return new PostfixEvent.Removed(at(t, "qmgr"), QID);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact> harness(ReportOptions options)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new MessageLifecycleFunction(options)),
                        e -> e.origin().host() + ' ' + e.queueId(),
                        Types.STRING);
        h.open();
        return h;
    }

    private static ReportOptions compat() {
        // pflogsumm never forgets a queue ID: these tests check that memory, and its cleanup timer
        return ReportOptions.builder(LocalDate.of(2026, 11, 27))
                .messageTtl(TTL)
                .forgetRemovedMessages(false)
                .build();
    }

    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact> h, MessageEvent... events)
            throws Exception {
        for (MessageEvent e : events) {
            h.processElement(e, e.origin().time());
        }
    }

    private static List<ReportFact> facts(KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact> h) {
        return h.extractOutputValues().stream().map(HostFact::fact).toList();
    }

    @Test
    void aWholeLifecycleIsCountedAndItsStateIsGoneAfterTheCleanupTimer() throws Exception {
        var h = harness(compat());
        feed(
                h,
                client(T0),
                queued(T0 + SECOND, 23221),
                delivered(T0 + 2 * SECOND, DeliveryStatus.SENT),
                removed(T0 + 3 * SECOND));

        List<ReportFact> facts = facts(h);
        assertThat(facts).hasSize(3);
        assertThat(facts.get(0)).isEqualTo(new ReportFact.MessageReceived(T0));
        assertThat(facts.get(1))
                .isEqualTo(new ReportFact.SenderCounted(T0 + SECOND, "billing@example.com", "example.com", 23221));
        assertThat(facts.get(2)).isInstanceOf(ReportFact.RecipientDelivered.class);
        assertThat(((ReportFact.RecipientDelivered) facts.get(2)).size()).isEqualTo(23221);
        assertThat(h.extractOutputValues()).allSatisfy(f -> assertThat(f.host()).isEqualTo("mail"));

        // compatibility: like pflogsumm, the queue ID is remembered after "removed" ...
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        // ... until the named cleanup timer: TTL after the last line, at the next full hour
        long expiry = MessageLifecycleFunction.ceilToHour(T0 + 3 * SECOND + TTL.toMillis());
        assertThat(expiry).isBetween(T0 + 3 * SECOND + TTL.toMillis(), T0 + 3 * SECOND + TTL.toMillis() + 3_600_000L);
        h.processWatermark(expiry - 1);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.processWatermark(expiry);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void linesAheadOfTheWatermarkAreReplayedInEventTimeOrderAtTheEndOfTheirStep() throws Exception {
        var h = harness(ReportOptions.builder(LocalDate.of(2026, 11, 27))
                .reorderByEventTime(true)
                .forgetRemovedMessages(true)
                .lifecycleRecords(true)
                .build());
        long step = MessageLifecycleFunction.releaseTime(T0);
        assertThat(step).isEqualTo(T0 + MessageLifecycleFunction.RELEASE_STEP_MILLIS - 1); // T0 starts a step
        // one message's lines, arriving backwards within one step: one timer for all of them
        feed(
                h,
                removed(T0 + 4 * SECOND),
                delivered(T0 + 3 * SECOND, DeliveryStatus.SENT),
                delivered(T0 + 2 * SECOND, DeliveryStatus.DEFERRED),
                queued(T0 + SECOND, 700),
                client(T0));
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        h.processWatermark(step - 1);
        assertThat(facts(h)).isEmpty();
        h.processWatermark(step);
        assertThat(facts(h))
                .extracting(f -> f.getClass().getSimpleName())
                .containsExactly("MessageReceived", "SenderCounted", "RecipientDeferred", "RecipientDelivered");
        assertThat(h.getSideOutput(MessageLifecycleFunction.LIFECYCLE_RECORDS))
                .singleElement()
                .satisfies(r -> assertThat(r.getValue().size()).isEqualTo(700));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();

        // a line behind the watermark but in a step not yet released waits with that step, in time
        // order; a line whose step was released is applied at once
        h.getOutput().clear();
        long next = T0 + 20 * SECOND;
        feed(h, queued(next + 5 * SECOND, 900));
        h.processWatermark(next + 6 * SECOND);
        feed(h, client(next + 4 * SECOND));
        assertThat(facts(h)).isEmpty();
        h.processWatermark(MessageLifecycleFunction.releaseTime(next));
        assertThat(facts(h))
                .extracting(f -> f.getClass().getSimpleName())
                .containsExactly("MessageReceived", "SenderCounted");
        feed(h, delivered(next + 7 * SECOND, DeliveryStatus.SENT), removed(next + 8 * SECOND));
        assertThat(facts(h)).hasSize(3);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aMessageSpanningStepsHasOneCleanupTimerFromTheLastLineReleased() throws Exception {
        // a TTL that puts the step's first line just before a full hour and its last just after
        Duration ttl = TTL.plusSeconds(3198);
        assertThat(Math.floorMod(T0 + ttl.toMillis(), 3_600_000L)).isEqualTo(3_598_000L);
        var h = harness(ReportOptions.builder(LocalDate.of(2026, 11, 27))
                .reorderByEventTime(true)
                .messageTtl(ttl)
                .forgetRemovedMessages(true)
                .build());
        feed(h, queued(T0 + 5 * SECOND, 700), client(T0));
        h.processWatermark(MessageLifecycleFunction.releaseTime(T0));
        assertThat(facts(h))
                .extracting(f -> f.getClass().getSimpleName())
                .containsExactly("MessageReceived", "SenderCounted");
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        assertThat(h.numEventTimeTimers()).isEqualTo(1); // the cleanup timer, and nothing else

        // it follows the latest line, T0 + 5 s, so it is an hour after the first line's would be
        long expiry = MessageLifecycleFunction.ceilToHour(T0 + 5 * SECOND + ttl.toMillis());
        assertThat(expiry).isEqualTo(MessageLifecycleFunction.ceilToHour(T0 + ttl.toMillis()) + 3_600_000L);
        h.processWatermark(expiry - 1);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.processWatermark(expiry);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();

        // lines in two steps: between them only the cleanup timer and the second step's release wait
        h.getOutput().clear();
        long later = expiry + 60 * SECOND;
        feed(h, client(later), queued(later + SECOND, 800));
        h.processWatermark(MessageLifecycleFunction.releaseTime(later));
        feed(h, removed(later + 21 * SECOND), delivered(later + 20 * SECOND, DeliveryStatus.SENT));
        assertThat(h.numEventTimeTimers()).isEqualTo(2);
        h.processWatermark(MessageLifecycleFunction.releaseTime(later + 20 * SECOND));
        assertThat(facts(h))
                .extracting(f -> f.getClass().getSimpleName())
                .containsExactly("MessageReceived", "SenderCounted", "RecipientDelivered");
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void forgettingRemovedMessagesClearsStateAndTimerAtRemoved() throws Exception {
        var h = harness(ReportOptions.builder(LocalDate.of(2026, 11, 27))
                .forgetRemovedMessages(true)
                .build());
        feed(h, client(T0), queued(T0 + SECOND, 500), delivered(T0 + 2 * SECOND, DeliveryStatus.SENT));
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        feed(h, removed(T0 + 3 * SECOND));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aMessageThatNeverLogsRemovedDoesNotLeak() throws Exception {
        var h = harness(compat());
        feed(h, client(T0), queued(T0 + SECOND, 500), delivered(T0 + 2 * SECOND, DeliveryStatus.DEFERRED));
        h.processWatermark(MessageLifecycleFunction.ceilToHour(T0 + 2 * SECOND + TTL.toMillis()));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void eachLineMovesTheCleanupTimerInsteadOfAddingOne() throws Exception {
        var h = harness(compat());
        feed(h, client(T0), queued(T0 + SECOND, 500));
        for (int i = 0; i < 5; i++) {
            feed(h, delivered(T0 + (10 + i) * 3_600_000L, DeliveryStatus.DEFERRED));
        }
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        h.close();
    }

    @Test
    void aDeferredMessageCountsOnceHoweverManyDeferrals() throws Exception {
        var h = harness(compat());
        feed(
                h,
                client(T0),
                queued(T0 + SECOND, 500),
                delivered(T0 + 2 * SECOND, DeliveryStatus.DEFERRED),
                delivered(T0 + 3 * SECOND, DeliveryStatus.DEFERRED));
        List<Boolean> firsts = facts(h).stream()
                .filter(f -> f instanceof ReportFact.RecipientDeferred)
                .map(f -> ((ReportFact.RecipientDeferred) f).firstForMessage())
                .toList();
        assertThat(firsts).containsExactly(true, false);
        h.close();
    }

    @Test
    void aReusedQueueIdIsCountedAsPflogsummDoesInCompatibilityMode() throws Exception {
        var h = harness(compat());
        feed(
                h,
                client(T0),
                queued(T0 + SECOND, 500),
                removed(T0 + 2 * SECOND),
                client(T0 + 60 * SECOND),
                queued(T0 + 61 * SECOND, 900),
                delivered(T0 + 62 * SECOND, DeliveryStatus.SENT));
        // the second message is received, but its from= line is skipped and the first size reused
        assertThat(facts(h).stream().filter(f -> f instanceof ReportFact.MessageReceived))
                .hasSize(2);
        assertThat(facts(h).stream().filter(f -> f instanceof ReportFact.SenderCounted))
                .hasSize(1);
        assertThat(facts(h).stream()
                        .filter(f -> f instanceof ReportFact.RecipientDelivered)
                        .map(f -> ((ReportFact.RecipientDelivered) f).size()))
                .containsExactly(500L);
        h.close();
    }

    @Test
    void aDeliveryBeforeTheQueueEntryHasNoSize() throws Exception {
        var h = harness(compat());
        feed(h, delivered(T0, DeliveryStatus.SENT));
        ReportFact.RecipientDelivered d = (ReportFact.RecipientDelivered) facts(h).get(0);
        assertThat(d.size()).isZero();
        assertThat(d.recordMissingSize()).isTrue();
        h.close();
    }

    @Test
    void stateSurvivesASnapshotAndRestore() throws Exception {
        var h = harness(compat());
        feed(h, client(T0), queued(T0 + SECOND, 4242));
        OperatorSubtaskState snapshot = h.snapshot(1L, T0 + SECOND);
        h.close();

        var restored = new KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact>(
                new KeyedProcessOperator<>(new MessageLifecycleFunction(compat())),
                e -> e.origin().host() + ' ' + e.queueId(),
                Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        assertThat(restored.numKeyedStateEntries()).isEqualTo(1);
        assertThat(restored.numEventTimeTimers()).isEqualTo(1);
        feed(restored, delivered(T0 + 2 * SECOND, DeliveryStatus.SENT));
        ReportFact.RecipientDelivered d =
                (ReportFact.RecipientDelivered) facts(restored).get(0);
        assertThat(d.size()).isEqualTo(4242);
        restored.processWatermark(Long.MAX_VALUE);
        assertThat(restored.numKeyedStateEntries()).isZero();
        assertThat(restored.numEventTimeTimers()).isZero();
        restored.close();
    }

    /**
     * The gauge {@code mta_inFlight}: a host's messages from their first line until removed or
     * expired; a restored subtask counts its messages again from its state.
     */
    @Test
    void messagesInFlightAreCountedPerHostAndCountedAgainAfterARestore() throws Exception {
        var f = new MessageLifecycleFunction(compat(), true);
        var h = new KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact>(
                new MessageLifecycleFunction.Operator(f), e -> e.origin().host() + ' ' + e.queueId(), Types.STRING);
        h.open();
        feed(h, client(T0), queued(T0 + SECOND, 100));
        Origin mx2 = new Origin("mx2", ++seq, T0, "qmgr");
        h.processElement(new PostfixEvent.QueueEntry(mx2, "C1", "a@example.com", 10, 1), T0);
        h.processElement(new PostfixEvent.QueueEntry(mx2, "C2", "a@example.com", 10, 1), T0);
        h.processElement(new PostfixEvent.Removed(mx2, "C1"), T0 + SECOND);
        assertThat(f.inFlight("mail")).isEqualTo(1);
        assertThat(f.inFlight("mx2")).isEqualTo(1);
        OperatorSubtaskState snapshot = h.snapshot(1L, T0 + SECOND);
        h.close();

        var g = new MessageLifecycleFunction(compat(), true);
        var restored = new KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact>(
                new MessageLifecycleFunction.Operator(g), e -> e.origin().host() + ' ' + e.queueId(), Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        assertThat(restored.numKeyedStateEntries()).isEqualTo(3); // C1 is remembered, removed
        assertThat(g.inFlight("mail")).isEqualTo(1);
        assertThat(g.inFlight("mx2")).isEqualTo(1);
        feed(restored, delivered(T0 + 2 * SECOND, DeliveryStatus.SENT), removed(T0 + 3 * SECOND));
        assertThat(g.inFlight("mail")).isZero();
        // mx2's C2 never logs again: it leaves the count when its state expires
        restored.processWatermark(Long.MAX_VALUE);
        assertThat(g.inFlight("mx2")).isZero();
        assertThat(restored.numKeyedStateEntries()).isZero();
        restored.close();
    }

    /** The report's way: no timers, no checkpoints; pflogsumm's memory of removed queue IDs is packed. */
    private static KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact> reportHarness(
            MessageLifecycleFunction f) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<String, MessageEvent, HostFact>(
                new MessageLifecycleFunction.Operator(f), e -> e.origin().host() + ' ' + e.queueId(), Types.STRING);
        h.open();
        return h;
    }

    @Test
    void theReportPacksWhatPflogsummRemembersOfARemovedQueueIdAndTakesItBackWhenTheIdIsReused() throws Exception {
        var f = new MessageLifecycleFunction(ReportOptions.defaults(LocalDate.of(2026, 11, 27)), false);
        var h = reportHarness(f);
        feed(
                h,
                client(T0),
                queued(T0 + SECOND, 500),
                delivered(T0 + 2 * SECOND, DeliveryStatus.DEFERRED),
                removed(T0 + 3 * SECOND));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(f.packedRemovedMessages()).isEqualTo(1);

        feed(
                h,
                client(T0 + 60 * SECOND),
                queued(T0 + 61 * SECOND, 900),
                delivered(T0 + 62 * SECOND, DeliveryStatus.DEFERRED),
                delivered(T0 + 63 * SECOND, DeliveryStatus.SENT));
        assertThat(f.packedRemovedMessages()).isZero();
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        // as pflogsumm: the second from= is skipped, the first size delivered, the deferral already counted
        assertThat(facts(h).stream().filter(x -> x instanceof ReportFact.SenderCounted))
                .hasSize(1);
        assertThat(facts(h).stream()
                        .filter(x -> x instanceof ReportFact.RecipientDelivered)
                        .map(x -> ((ReportFact.RecipientDelivered) x).size()))
                .containsExactly(500L);
        assertThat(facts(h).stream()
                        .filter(x -> x instanceof ReportFact.RecipientDeferred)
                        .map(x -> ((ReportFact.RecipientDeferred) x).firstForMessage()))
                .containsExactly(true, false);

        feed(h, removed(T0 + 64 * SECOND));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(f.packedRemovedMessages()).isEqualTo(1);
        h.endInput();
        assertThat(f.packedRemovedMessages()).isZero(); // let go before the run's summary is collected
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void theCorrectedModeForgetsAtRemoved() throws Exception {
        var f = new MessageLifecycleFunction(
                ReportOptions.builder(LocalDate.of(2026, 11, 27)).exact(true).build(), false);
        var h = reportHarness(f);
        // not a loopback client: the corrected mode holds those back to tell a content filter's hop
        MessageEvent first =
                new PostfixEvent.Received(at(T0, "smtpd"), QID, "example.com", "mx.example.com[192.0.2.7]", null);
        MessageEvent second = new PostfixEvent.Received(
                at(T0 + 60 * SECOND, "smtpd"), QID, "example.com", "mx.example.com[192.0.2.7]", null);
        feed(
                h,
                first,
                queued(T0 + SECOND, 500),
                removed(T0 + 2 * SECOND),
                second,
                queued(T0 + 61 * SECOND, 900),
                delivered(T0 + 62 * SECOND, DeliveryStatus.SENT));
        assertThat(f.packedRemovedMessages()).isZero();
        assertThat(facts(h).stream().filter(x -> x instanceof ReportFact.SenderCounted))
                .hasSize(2);
        assertThat(facts(h).stream()
                        .filter(x -> x instanceof ReportFact.RecipientDelivered)
                        .map(x -> ((ReportFact.RecipientDelivered) x).size()))
                .containsExactly(900L);
        h.close();
    }

    @Test
    void whenDaysStandAloneARemovedMessageIsRememberedUntilTheEndOfItsDayAndTheLateness() throws Exception {
        var lateness = java.time.Duration.ofHours(1);
        var h = harness(ReportOptions.builder(LocalDate.of(2026, 11, 27))
                .daysStandAlone(true)
                .allowedLateness(lateness)
                .build());
        feed(h, client(T0), queued(T0 + SECOND, 500), removed(T0 + 2 * SECOND));
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        long end = MessageLifecycleFunction.startOfNextDay(T0) + lateness.toMillis();
        assertThat(end - T0).isLessThanOrEqualTo(86_400_000L + lateness.toMillis());
        h.processWatermark(end - 1);
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.processWatermark(end);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }
}
