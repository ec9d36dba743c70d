package io.pflogstream.lifecycle;

import io.pflogstream.alert.AlertSettings;
import io.pflogstream.alert.ReplyRules;
import io.pflogstream.alert.Signal;
import io.pflogstream.alert.Tallies;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.lifecycle.MessageStage.Step;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEvent.Delivery;
import io.pflogstream.postfix.PostfixEvent.MessageEvent;
import io.pflogstream.postfix.PostfixEvent.QueueEntry;
import io.pflogstream.postfix.PostfixEvent.Received;
import io.pflogstream.summary.HostFact;
import io.pflogstream.summary.HostTagger;
import io.pflogstream.summary.ReportFact;
import io.pflogstream.syslog.CivilTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.event.WatermarkEvent;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.LatencyMarker;
import org.apache.flink.streaming.runtime.streamrecord.RecordAttributes;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Stitches one message's lines, keyed by (host, queue ID), and emits what the report counts, each
 * fact stamped with the line that caused it.
 *
 * <p>Leak cases, and what happens to them:
 * <ul>
 *   <li>No {@code removed} line (log cut, message still queued): the cleanup timer clears the key
 *       {@code messageTtl} after its last line.
 *   <li>Lines after {@code removed}: in pflogsumm compatibility mode (the default) the size and
 *       deferral flag outlive {@code removed} (pflogsumm never forgets a queue ID): until the
 *       timer, or packed in {@link RemovedMessages} in a run without timers; with
 *       {@code forgetRemovedMessages} the key is cleared at {@code removed}.
 *   <li>Queue-ID reuse: a new {@code client=} starts a new lifecycle; in compatibility mode the
 *       remembered size still suppresses the second {@code from=} line, exactly as pflogsumm does.
 *   <li>Daemons out of order (delivery logged before qmgr's {@code from=}): counted without a size,
 *       and listed under "Messages with no size data", like pflogsumm.
 * </ul>
 */
public class MessageLifecycleFunction extends KeyedProcessFunction<String, MessageEvent, HostFact> {
    static final String CLEANUP_TIMER = "expire-idle-message";
    /** Lines ahead of the watermark wait for the end of their step of event time (see releaseTime). */
    static final long RELEASE_STEP_MILLIS = 10_000;
    /** One record per message that logged {@code removed}, when lifecycle records are on. */
    public static final OutputTag<MessageRecord> LIFECYCLE_RECORDS = new OutputTag<>("lifecycle-records") {};
    /** Delivery attempts per host and sender domain, for the rate detectors, when they run. */
    public static final OutputTag<Signal> ATTEMPT_TALLIES = new OutputTag<>("attempt-tallies") {};

    private static final java.util.regex.Pattern LOOPBACK_CLIENT =
            java.util.regex.Pattern.compile("\\[(127\\.\\d+\\.\\d+\\.\\d+|::1)\\]$");

    private final ReportOptions options;
    private final boolean expireIdle;
    /** The rate detectors' settings, or null when none run. */
    private final AlertSettings rates;

    private final ReplyRules providers;
    /** Attempts counted since the last watermark or barrier (not state: see {@link Tallies}). */
    private transient Tallies tallies;

    private transient ValueState<MessageState> state;

    /** Each message's lifecycle so far, keyed by "host queue-ID". */
    static final ValueStateDescriptor<MessageState> MESSAGE_STATE =
            new ValueStateDescriptor<>("message", MessageState.class);
    /** Streaming only: lines waiting for the watermark, by release time, to be replayed in order. */
    private transient MapState<Long, List<MessageEvent>> pending;

    private transient Counter anomalies;
    /** Per MTA: its messages in this subtask that are received or queued and not yet removed. */
    private transient MtaGroups<long[]> inFlight;
    /** A run without checkpoints or timers that never forgets: pflogsumm's memory, packed (else null). */
    private transient RemovedMessages removedMessages;

    public MessageLifecycleFunction(ReportOptions options) {
        this(options, true);
    }

    /**
     * @param expireIdle clean up messages idle for the TTL; off when event time does not advance
     *     before the input ends (a bounded run without watermarks), where the timers could only
     *     fire after the last line and would cost a heap operation per message for nothing
     */
    public MessageLifecycleFunction(ReportOptions options, boolean expireIdle) {
        this(options, expireIdle, null);
    }

    /** @param rates the rate detectors' settings: delivery attempts are counted for them; null: none */
    public MessageLifecycleFunction(ReportOptions options, boolean expireIdle, AlertSettings rates) {
        // the built-in providers are read only when the delay percentiles need them
        this(options, expireIdle, rates, options.pipeline().delayPercentiles() ? ReplyRules.defaults() : null);
    }

    /**
     * @param rates the rate detectors' settings: delivery attempts are counted for them; null: none
     * @param providers tells the provider of each delivery, for the delay percentiles per provider
     *     (used only when they are kept)
     */
    public MessageLifecycleFunction(
            ReportOptions options, boolean expireIdle, AlertSettings rates, ReplyRules providers) {
        this.options = options;
        this.expireIdle = expireIdle;
        this.rates = rates;
        this.providers = options.pipeline().delayPercentiles() ? providers : null;
    }

    /** The provider a delivery went to, "" for none. */
    private String providerOf(Delivery d) {
        String p = providers.providerOf(d.relay(), d.recipientDomain());
        return p == null ? "" : p;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(MESSAGE_STATE);
        pending = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "pending", Types.LONG, new ListTypeInfo<>(TypeInformation.of(MessageEvent.class))));
        anomalies = getRuntimeContext().getMetricGroup().counter("lifecycleAnomalies");
        inFlight = new MtaGroups<>(getRuntimeContext().getMetricGroup(), g -> {
            long[] n = new long[1];
            g.gauge("inFlight", () -> n[0]);
            return n;
        });
        removedMessages = !expireIdle && !options.pipeline().forgetRemovedMessages() ? new RemovedMessages() : null;
        tallies = rates == null ? null : new Tallies(rates);
    }

    @Override
    public void processElement(MessageEvent event, Context ctx, Collector<HostFact> facts) throws Exception {
        if (options.pipeline().reorderByEventTime()) {
            long releaseAt = releaseTime(event.origin().time());
            if (releaseAt > ctx.timerService().currentWatermark()) {
                List<MessageEvent> waiting = pending.get(releaseAt);
                if (waiting == null) {
                    waiting = new ArrayList<>(4);
                    ctx.timerService().registerEventTimeTimer(releaseAt);
                }
                waiting.add(event);
                pending.put(releaseAt, waiting);
                return;
            }
        }
        store(ctx, apply(state.value(), event, ctx, facts), event.origin().time());
    }

    /**
     * When a line waiting for the watermark is replayed: at the end of its step of
     * {@link #RELEASE_STEP_MILLIS}. A message's lines, seconds apart, then share a timer and a
     * release instead of having one each (the timers were a fifth of this operator's time). A step
     * ends within its hour (an hour is a whole number of steps), so the hour's window still gets
     * every fact before the watermark that closes it.
     */
    static long releaseTime(long eventTime) {
        return Math.floorDiv(eventTime, RELEASE_STEP_MILLIS) * RELEASE_STEP_MILLIS + RELEASE_STEP_MILLIS - 1;
    }

    /**
     * Replays the buffered lines of one step (or, from a savepoint of an earlier version, of one
     * second) in event-time order. Daemons of one second can arrive in any order across
     * partitions, so within a second they go in lifecycle order (client=, message-id, qmgr,
     * deliveries, removed), arrival order breaking ties.
     */
    private void release(long releaseAt, Context ctx, Collector<HostFact> facts) throws Exception {
        List<MessageEvent> waiting = pending.get(releaseAt);
        if (waiting == null) {
            return;
        }
        pending.remove(releaseAt);
        waiting.sort(REPLAY_ORDER);
        // the state is read and stored, and its cleanup timer set, once for the step's lines: a
        // message received, delivered and removed within one step never needs a cleanup timer
        MessageState s = state.value();
        for (MessageEvent e : waiting) {
            s = apply(s, e, ctx, facts);
        }
        store(ctx, s, waiting.get(waiting.size() - 1).origin().time());
    }

    private static final Comparator<MessageEvent> REPLAY_ORDER = Comparator.comparingLong(
                    (MessageEvent e) -> e.origin().time())
            .thenComparingInt(MessageLifecycleFunction::lifecycleRank);

    static int lifecycleRank(MessageEvent e) {
        if (e instanceof Received) return 0;
        if (e instanceof PostfixEvent.MessageIdSeen) return 1;
        if (e instanceof QueueEntry) return 2;
        if (e instanceof Delivery) return 3;
        if (e instanceof PostfixEvent.Expired) return 4;
        if (e instanceof PostfixEvent.Reinjected) return 0;
        return 5;
    }

    /**
     * One line's step of the message's lifecycle, on the state as the lines before it left it.
     *
     * @return the state to keep, or null when the message was forgotten (its state cleared)
     */
    private MessageState apply(MessageState stored, MessageEvent event, Context ctx, Collector<HostFact> facts)
            throws Exception {
        boolean wasInFlight = stored != null && inFlight(stored.getStage());
        MessageState after = step(stored, event, ctx, facts);
        boolean isInFlight = after != null && inFlight(after.getStage());
        if (wasInFlight != isInFlight) {
            inFlight.of(event.origin().host())[0] += isInFlight ? 1 : -1;
        }
        return after;
    }

    /** A message counts in flight from its first client=, pickup, qmgr or delivery line until removed. */
    static boolean inFlight(MessageStage stage) {
        return stage != null && stage != MessageStage.REMOVED;
    }

    /** A host's messages in flight in this subtask (tests). */
    long inFlight(String host) {
        return inFlight.of(host)[0];
    }

    /** The state a message in this subtask's restored state holds, counted in flight when it is. */
    void countRestored(String key, MessageState s) {
        if (s != null && inFlight(s.getStage())) {
            inFlight.of(key.substring(0, key.indexOf(' ')))[0]++;
        }
    }

    private MessageState step(MessageState stored, MessageEvent event, Context ctx, Collector<HostFact> facts)
            throws Exception {
        Collector<ReportFact> out = new HostTagger(facts).on(event.origin().host());
        MessageState s = stored != null ? stored : remembered(event);
        long time = event.origin().time();
        if (s.getFirstSeen() == 0) {
            s.setFirstSeen(time);
        }
        if (options.pipeline().daysStandAlone()) {
            startDay(s, CivilTime.dateKeyOf(time));
        }
        if (event instanceof PostfixEvent.Reinjected) {
            s.setReinjected(true);
        } else if (event instanceof Received r) {
            onReceived(s, r, ctx, out);
        } else if (event instanceof QueueEntry q) {
            onQueueEntry(s, q, out);
        } else if (event instanceof Delivery d) {
            onDelivery(s, d, out);
        } else if (event instanceof PostfixEvent.MessageIdSeen m) {
            if (options.pipeline().lifecycleRecords()) {
                s.setMessageId(m.messageId());
            }
        } else if (event instanceof PostfixEvent.Removed) {
            s.setStage(MessageStage.transition(s.getStage(), Step.REMOVE));
            if (options.pipeline().lifecycleRecords()) {
                ctx.output(LIFECYCLE_RECORDS, record(event, s));
            }
            if (options.pipeline().forgetRemovedMessages()) {
                cleanUp(ctx, s);
                return null;
            }
            keepOnlyWhatPflogsummRemembers(s);
            if (removedMessages != null && packable(s)) {
                removedMessages.put(event.origin().host(), event.queueId(), s.getSize(), s.isDeferralCounted());
                cleanUp(ctx, s);
                return null;
            }
        }
        return s;
    }

    /** A new key's state: what pflogsumm still knows of the queue ID if it was removed before, else empty. */
    private MessageState remembered(MessageEvent event) {
        if (removedMessages != null) {
            MessageState s = removedMessages.take(event.origin().host(), event.queueId());
            if (s != null) {
                s.setStage(MessageStage.REMOVED);
                return s;
            }
        }
        return new MessageState();
    }

    /**
     * Whether all pflogsumm remembers of a removed message is its size and deferral flag: its
     * client too, until a from= line counts the sender, but no from= line is read while the size is
     * known (a reused ID's client stays in pflogsumm's memory without effect).
     */
    private static boolean packable(MessageState s) {
        return (s.getReceivedFrom() == null || s.getSize() != 0)
                && s.getPendingReceivedAt() == 0
                && !s.isReinjected()
                && s.getDay() == 0;
    }

    /** A bounded input ended: what was kept for lines to come can go before the run's summary is collected. */
    void endOfInput() {
        removedMessages = null;
    }

    /**
     * Runs the function like {@code process()} does, and tells it when a bounded input ends: the
     * report's memory of removed queue IDs then goes before its summary is serialized (the run's
     * peak of memory).
     */
    public static final class Operator extends NeverIdleKeyedProcessOperator<String, MessageEvent, HostFact>
            implements BoundedOneInput {
        public Operator(MessageLifecycleFunction function) {
            super(function);
        }

        @Override
        protected void setup(
                org.apache.flink.streaming.runtime.tasks.StreamTask<?, ?> task,
                org.apache.flink.streaming.api.graph.StreamConfig config,
                Output<StreamRecord<HostFact>> output) {
            // the attempts counted while the watermark's timers fired go before the watermark
            super.setup(task, config, new TalliesBeforeWatermarks(output, this));
        }

        @Override
        public void open() throws Exception {
            super.open();
            // a restored subtask's messages in flight: counted once from its state, then kept up
            MessageLifecycleFunction f = (MessageLifecycleFunction) userFunction;
            org.apache.flink.runtime.state.KeyedStateBackend<String> backend = getKeyedStateBackend();
            backend.applyToAllKeys(
                    org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                    org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE,
                    MESSAGE_STATE,
                    (key, st) -> f.countRestored(key, st.value()));
        }

        @Override
        public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
            super.prepareSnapshotPreBarrier(checkpointId);
            passOnTallies(Long.MAX_VALUE); // before the barrier: in this checkpoint, not lost to a restart
        }

        @Override
        public void endInput() {
            passOnTallies(Long.MAX_VALUE);
            ((MessageLifecycleFunction) userFunction).endOfInput();
        }

        void passOnTallies(long upTo) {
            Tallies t = ((MessageLifecycleFunction) userFunction).tallies;
            if (t != null) {
                t.passOnUpTo(upTo, tally -> output.collect(ATTEMPT_TALLIES, new StreamRecord<>(tally, tally.time())));
            }
        }
    }

    /** The operator's output, passing on the tallies a watermark closes before the watermark itself. */
    private static final class TalliesBeforeWatermarks implements Output<StreamRecord<HostFact>> {
        private final Output<StreamRecord<HostFact>> out;
        private final Operator operator;

        TalliesBeforeWatermarks(Output<StreamRecord<HostFact>> out, Operator operator) {
            this.out = out;
            this.operator = operator;
        }

        @Override
        public void emitWatermark(Watermark mark) {
            operator.passOnTallies(mark.getTimestamp());
            out.emitWatermark(mark);
        }

        @Override
        public void emitWatermarkStatus(WatermarkStatus status) {
            out.emitWatermarkStatus(status);
        }

        @Override
        public <X> void collect(OutputTag<X> tag, StreamRecord<X> record) {
            out.collect(tag, record);
        }

        @Override
        public void emitLatencyMarker(LatencyMarker marker) {
            out.emitLatencyMarker(marker);
        }

        @Override
        public void emitRecordAttributes(RecordAttributes attributes) {
            out.emitRecordAttributes(attributes);
        }

        @Override
        public void emitWatermark(WatermarkEvent event) {
            out.emitWatermark(event);
        }

        @Override
        public void collect(StreamRecord<HostFact> record) {
            out.collect(record);
        }

        @Override
        public void close() {
            out.close();
        }
    }

    /** How many removed queue IDs a run that never forgets keeps packed (tests). */
    int packedRemovedMessages() {
        return removedMessages == null ? 0 : removedMessages.size();
    }

    /** Keeps the state the latest line (at eventTime) left, with its cleanup timer; null: nothing to keep. */
    private void store(Context ctx, MessageState s, long eventTime) throws Exception {
        if (s != null) {
            scheduleCleanup(ctx, s, eventTime);
            state.update(s);
        }
    }

    private void onReceived(MessageState s, Received r, Context ctx, Collector<ReportFact> out) {
        if (tallies != null && r.saslUser() != null && !r.saslUser().isEmpty()) {
            tallies.submission(r.origin().host(), r.saslUser(), r.origin().time());
        }
        s.setStage(MessageStage.transition(s.getStage(), Step.RECEIVE));
        s.setReceivedFrom(r.source());
        if (options.print().exact()
                && r.client() != null
                && LOOPBACK_CLIENT.matcher(r.client()).find()) {
            // counted when the watermark passes this line, unless a filter hand-off names it first
            s.setPendingReceivedAt(r.origin().time());
            ctx.timerService().registerEventTimeTimer(r.origin().time());
            if (options.pipeline().lifecycleRecords()) {
                s.setClient(r.client());
                s.setSaslUser(r.saslUser());
            }
            return;
        }
        if (options.pipeline().lifecycleRecords()) {
            s.setClient(r.client() != null ? r.client() : r.source());
            s.setSaslUser(r.saslUser());
        }
        out.collect(new ReportFact.MessageReceived(r.origin().time()));
    }

    private void onQueueEntry(MessageState s, QueueEntry q, Collector<ReportFact> out) {
        if (s.getSize() != 0) {
            return; // pflogsumm: "avoid double-counting!" (qmgr logs from= again after a requeue)
        }
        if (MessageStage.isAnomalous(s.getStage(), Step.ENQUEUE)) {
            anomalies.inc();
        }
        s.setStage(MessageStage.transition(s.getStage(), Step.ENQUEUE));
        s.setSize(q.size());
        if (options.pipeline().lifecycleRecords() || tallies != null) {
            s.setSender(q.sender());
        }
        if (options.pipeline().lifecycleRecords()) {
            s.setRecipientCount(q.recipients());
        }
        long time = q.origin().time();
        if (options.print().messageDetail()) {
            out.collect(new ReportFact.MessageDetail(time, q.origin().seq(), q.queueId(), q.sender()));
        }
        String from = s.getReceivedFrom();
        // pflogsumm's if($rcvdMsg{$qid}): Perl's truth, so a client it could not read ("" for
        // undef) or one named "0" counts no sender
        if (from != null && !from.isEmpty() && !from.equals("0")) {
            if (s.getPendingReceivedAt() != 0) {
                s.setPendingSender(q.sender());
                s.setPendingSenderDomain(senderDomain(q.sender(), from));
                s.setPendingSize(q.size());
            } else {
                out.collect(new ReportFact.SenderCounted(time, q.sender(), senderDomain(q.sender(), from), q.size()));
            }
            s.setReceivedFrom(null);
        }
    }

    /** The address's domain, or null (the null sender of a bounce, a sender not logged). */
    private static String domainOf(String sender) {
        int at = sender == null ? -1 : sender.lastIndexOf('@');
        return at > 0 && at < sender.length() - 1 ? sender.substring(at + 1).toLowerCase(java.util.Locale.ROOT) : null;
    }

    /** The sender's domain, or when it has none, the client (or the address itself for pickup). */
    private static String senderDomain(String sender, String receivedFrom) {
        int at = sender.indexOf('@');
        if (at > 0 && at < sender.length() - 1) {
            return sender.substring(at + 1);
        }
        return receivedFrom.equals(Received.PICKUP) ? sender : receivedFrom;
    }

    private void onDelivery(MessageState s, Delivery d, Collector<ReportFact> out) {
        if (MessageStage.isAnomalous(s.getStage(), Step.DELIVER)) {
            anomalies.inc();
        }
        s.setStage(MessageStage.transition(s.getStage(), Step.DELIVER));
        if (options.pipeline().lifecycleRecords()) {
            noteOutcome(s, d);
        }
        long time = d.origin().time();
        long seq = d.origin().seq();
        if (tallies != null && d.status() != io.pflogstream.postfix.DeliveryStatus.OTHER && d.filterHandOff() == null) {
            tallies.attempt(
                    d.origin().host(),
                    domainOf(s.getSender()),
                    time,
                    switch (d.status()) {
                        case DEFERRED -> Tallies.Outcome.DEFERRED;
                        case BOUNCED -> Tallies.Outcome.BOUNCED;
                        default -> Tallies.Outcome.DELIVERED;
                    });
        }
        switch (d.status()) {
            case SENT -> {
                if (options.print().exact() && d.filterHandOff() != null) {
                    return; // handed to a content filter: delivered once, when the filtered copy is
                }
                if (d.forwarded()) {
                    out.collect(new ReportFact.RecipientForwarded(time));
                    return;
                }
                out.collect(new ReportFact.RecipientDelivered(
                        time,
                        seq,
                        d.queueId(),
                        d.recipient(),
                        d.recipientDomain(),
                        d.delay(),
                        s.getSize(),
                        !options.print().noNoMsgSize(),
                        providers == null ? null : providerOf(d),
                        providers == null ? null : d.delays()));
                if (options.print().messageDetail()) {
                    if (s.getSize() == 0) {
                        out.collect(new ReportFact.MessageDetail(time, seq, d.queueId(), "(sender not in log)"));
                    }
                    out.collect(new ReportFact.MessageDetail(time, seq, d.queueId(), d.recipient()));
                }
            }
            case DEFERRED -> {
                out.collect(new ReportFact.RecipientDeferred(
                        time, d.origin().daemon(), d.reason(), d.recipientDomain(), d.delay(), !s.isDeferralCounted()));
                s.setDeferralCounted(true);
            }
            case BOUNCED -> out.collect(new ReportFact.RecipientBounced(time, d.relay(), d.reason()));
            case OTHER -> {}
        }
    }

    /**
     * The cleanup timer goes to the next full hour after TTL: a message's lines, seconds apart,
     * then share one timer instead of deleting and registering one each (a heap operation per line).
     */
    private void scheduleCleanup(Context ctx, MessageState s, long eventTime) {
        if (!expireIdle) {
            return;
        }
        long at = s.getStage() == MessageStage.REMOVED && options.pipeline().daysStandAlone()
                // what pflogsumm remembers of a removed message means nothing on the next day
                ? startOfNextDay(eventTime)
                        + options.pipeline().allowedLateness().toMillis()
                : ceilToHour(eventTime + options.pipeline().messageTtl().toMillis());
        if (at != s.getCleanupAt()) {
            if (s.getCleanupAt() != 0) {
                ctx.timerService().deleteEventTimeTimer(s.getCleanupAt());
            }
            ctx.timerService().registerEventTimeTimer(at);
            s.setCleanupAt(at);
        }
    }

    static long startOfNextDay(long millis) {
        return Math.floorDiv(millis, 86_400_000L) * 86_400_000L + 86_400_000L;
    }

    static long ceilToHour(long millis) {
        return Math.floorDiv(millis + 3_599_999L, 3_600_000L) * 3_600_000L;
    }

    private void cleanUp(Context ctx, MessageState s) {
        if (s.getCleanupAt() != 0) {
            ctx.timerService().deleteEventTimeTimer(s.getCleanupAt());
        }
        state.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<HostFact> out) throws Exception {
        release(timestamp, ctx, out);
        MessageState s = state.value();
        if (s != null && s.getPendingReceivedAt() == timestamp) {
            settleReceived(
                    s,
                    new HostTagger(out)
                            .on(ctx.getCurrentKey()
                                    .substring(0, ctx.getCurrentKey().indexOf(' '))));
            state.update(s);
        }
        if (s != null && s.getCleanupAt() == timestamp) {
            state.clear(); // timer "expire-idle-message": nothing was logged for messageTtl
            if (inFlight(s.getStage())) {
                String key = ctx.getCurrentKey();
                inFlight.of(key.substring(0, key.indexOf(' ')))[0]--;
            }
        }
    }

    /** Counts a held loopback message as received, unless it turned out to be a filter's re-injection. */
    private static void settleReceived(MessageState s, Collector<ReportFact> out) {
        long at = s.getPendingReceivedAt();
        s.setPendingReceivedAt(0);
        if (!s.isReinjected()) {
            out.collect(new ReportFact.MessageReceived(at));
            if (s.getPendingSender() != null) {
                out.collect(new ReportFact.SenderCounted(
                        at, s.getPendingSender(), s.getPendingSenderDomain(), s.getPendingSize()));
            }
        }
        s.setPendingSender(null);
        s.setPendingSenderDomain(null);
    }

    /**
     * pflogsumm's way (the default; {@code --exact} forgets): after {@code removed} pflogsumm still
     * knows the queue ID's size, deferral flag and (when no {@code from=} came) its client, and so
     * does this state until the cleanup timer (the end of the day when days stand alone), or, in a
     * run without timers, the packed {@link RemovedMessages}; the rest goes.
     */
    private static void keepOnlyWhatPflogsummRemembers(MessageState s) {
        s.setMessageId(null);
        s.setSender(null);
        s.setClient(null);
        s.setSaslUser(null);
        s.setRecipients(null);
        s.setFirstSeen(0);
    }

    /** A new day forgets what pflogsumm, given only that day's lines, could not know. */
    private static void startDay(MessageState s, int day) {
        if (s.getDay() != day) {
            s.setDay(day);
            s.setReceivedFrom(null);
            s.setSize(0);
            s.setDeferralCounted(false);
        }
    }

    /** Keeps each recipient's latest attempt, counting attempts (deferrals before the final status). */
    private static void noteOutcome(MessageState s, Delivery d) {
        if (s.getRecipients() == null) {
            s.setRecipients(new ArrayList<>());
        }
        RecipientOutcome o = null;
        for (RecipientOutcome r : s.getRecipients()) {
            if (r.getRecipient().equals(d.recipient())) {
                o = r;
            }
        }
        if (o == null) {
            o = new RecipientOutcome();
            o.setRecipient(d.recipient());
            s.getRecipients().add(o);
        }
        o.setOrigRecipient(d.origRecipient());
        o.setRelay(d.relay());
        o.setStatus(d.forwarded() ? "forwarded" : d.status().name().toLowerCase(java.util.Locale.ROOT));
        o.setDsn(d.dsn());
        o.setDelay(d.delay());
        o.setDelays(d.delays());
        o.setResponse(d.response());
        o.setTime(d.origin().time());
        o.setAttempts(o.getAttempts() + 1);
    }

    private static MessageRecord record(MessageEvent removed, MessageState s) {
        List<RecipientOutcome> recipients = s.getRecipients() == null ? List.of() : List.copyOf(s.getRecipients());
        return new MessageRecord(
                removed.origin().host(),
                removed.queueId(),
                s.getMessageId(),
                s.getClient(),
                s.getSaslUser(),
                s.getSender(),
                s.getSize(),
                s.getRecipientCount(),
                s.getFirstSeen() == 0 ? removed.origin().time() : s.getFirstSeen(),
                removed.origin().time(),
                recipients);
    }
}
