package io.pflogstream.summary;

import io.pflogstream.syslog.CivilTime;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every number pflogsumm prints, for one host (or the fleet) over one stretch of time. Summaries of
 * adjacent hours merge into days and whole runs; nothing in here depends on the order facts
 * arrive in, except the delay sums, which {@link SequentialSum} replays in line order.
 */
public final class Summary implements Serializable {
    /** Joins the levels of a detail table's key (as pflogsumm's nested hashes nest them). */
    public static final char SEP = '\u0000';
    /** A NUL inside a level (a log line can hold one) is kept as this: above Latin-1, no log text has it. */
    private static final char ESCAPED_SEP = '\u0100';

    /** A detail table's key of two levels. */
    public static String key(String a, String b) {
        return escape(a) + SEP + escape(b);
    }

    /** A detail table's key of three levels. */
    public static String key(String a, String b, String c) {
        return escape(a) + SEP + escape(b) + SEP + escape(c);
    }

    /** The levels of a detail table's key, as the log wrote them. */
    public static String[] levels(String key) {
        String[] parts = key.split(String.valueOf(SEP), -1);
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].replace(ESCAPED_SEP, SEP);
        }
        return parts;
    }

    private static String escape(String level) {
        return level.indexOf(SEP) < 0 ? level : level.replace(SEP, ESCAPED_SEP);
    }

    public static final int RECEIVED = 0;
    public static final int DELIVERED = 1;
    public static final int DEFERRED = 2;
    public static final int BOUNCED = 3;
    public static final int REJECTED = 4;

    /** A sender's or recipient's count and bytes. */
    public static final class Traffic implements Serializable {
        public long count;
        public long bytes;

        void merge(Traffic o) {
            count += o.count;
            bytes += o.bytes;
        }
    }

    /** A recipient domain's row of "Host/Domain Summary: Message Delivery". */
    public static final class DomainDelivery implements Serializable {
        public long sent;
        public long bytes;
        public long defers;
        public final SequentialSum delaySum = new SequentialSum();
        /** pflogsumm's "max dly" starts undefined; a first value of 0 leaves it so. */
        public double maxDelay;
        /** The percentiles of the domain's delivery delays (empty unless they are kept). */
        public final DeliveryDelays delays = new DeliveryDelays();

        void noteDelay(double delay) {
            if (maxDelay == 0 || delay > maxDelay) {
                maxDelay = delay;
            }
        }

        void merge(DomainDelivery o) {
            sent += o.sent;
            bytes += o.bytes;
            defers += o.defers;
            delaySum.addAll(o.delaySum);
            delays.merge(o.delays);
            if (o.maxDelay > maxDelay) {
                maxDelay = o.maxDelay;
            }
        }
    }

    /** A connection table row: connections, total seconds, longest. */
    public static final class Connections implements Serializable {
        public long count;
        public long seconds;
        public long max;

        void add(long secs) {
            count++;
            seconds += secs;
            max = Math.max(max, secs);
        }

        void merge(Connections o) {
            count += o.count;
            seconds += o.seconds;
            max = Math.max(max, o.max);
        }
    }

    /** A line of text remembered with its input position (for "last wins" and line-ordered lists). */
    public record Positioned(long seq, String text) implements Serializable {}

    /** One {@code -e} detail line of a message. */
    public record DetailLine(String queueId, long seq, String text) implements Serializable {}

    /**
     * Set by the one summary that receives every delivery of a run in line order: its delay sums
     * are added up as they come instead of kept (see {@link SequentialSum#addInOrder}).
     */
    public transient boolean foldDelaysInLineOrder;

    public long received;
    public long delivered;
    public long forwarded;
    public long deferredMessages;
    public long deferrals;
    public long bounced;
    public long rejected;
    public long rejectWarnings;
    public long held;
    public long discarded;
    public long bytesReceived;
    public long bytesDelivered;

    public final Map<String, Traffic> senders = new HashMap<>();
    public final Map<String, Traffic> sendingDomains = new HashMap<>();
    public final Map<String, Traffic> recipients = new HashMap<>();
    public final Map<String, DomainDelivery> recipientDomains = new HashMap<>();

    /** Every delivery's delays, when their percentiles are kept (the report's "Total" table). */
    public final DeliveryDelays delays = new DeliveryDelays();
    /** Deliveries' delays by the provider they went to; {@link #NO_PROVIDER} for the rest. */
    public final Map<String, DeliveryDelays> providerDelays = new HashMap<>();

    /** The row of deliveries to no known provider (local mailboxes, smaller sites). */
    public static final String NO_PROVIDER = "(other)";

    /** [hour * 5 + column], columns RECEIVED..REJECTED. */
    public final long[] perHour = new long[24 * 5];
    /** yyyymmdd → the five columns; a day shows up once anything was counted on it. */
    public final Map<Integer, long[]> perDay = new HashMap<>();
    /** Days a day change happened on (the rows {@code --zero-fill} prints in full). */
    public final Set<Integer> dayChangeDates = new HashSet<>();

    public long dayChanges;

    /** Detail tables, keys joined with {@link #SEP}: deferrals daemon/reason, bounces relay/reason. */
    public final Map<String, Long> deferralDetail = new HashMap<>();

    public final Map<String, Long> bounceDetail = new HashMap<>();
    /** stage/reason/subject, one table per action. */
    public final Map<String, Long> rejectDetail = new HashMap<>();

    public final Map<String, Long> rejectWarningDetail = new HashMap<>();
    public final Map<String, Long> holdDetail = new HashMap<>();
    public final Map<String, Long> discardDetail = new HashMap<>();
    /** reason/host. */
    public final Map<String, Long> smtpFailures = new HashMap<>();
    /** daemon/text. */
    public final Map<String, Long> warnings = new HashMap<>();

    public final Map<String, Long> fatals = new HashMap<>();
    public final Map<String, Long> panics = new HashMap<>();
    public final Map<String, Long> masterMessages = new HashMap<>();
    /** verdict/client IP of postscreen. */
    public final Map<String, Long> postscreen = new HashMap<>();

    /** queue ID → the last recipient delivered without a known size. */
    public final Map<String, Positioned> noMessageSize = new HashMap<>();
    /** {@code -e} detail lines of every message, in no particular order. */
    public final List<DetailLine> messageDetail = new ArrayList<>();

    public long smtpdConnections;
    public long smtpdSeconds;
    public final Connections[] smtpdPerHour = new Connections[24];
    public final Map<Integer, Connections> smtpdPerDay = new HashMap<>();
    public final Map<String, Connections> smtpdPerDomain = new HashMap<>();

    /**
     * Rows {@link #keepTop} cut from a table, by table name ("senders", "recipients", ...): the
     * distinct counts the report prints are the rows kept plus these.
     */
    public final Map<String, Long> omittedRows = new HashMap<>();
    /** The rows per table and order {@link #keepTop} kept; 0 when nothing was ever cut. */
    public int rowsKept;
    /** Of the recipient domains cut, those that had a delivery ("recipient hosts/domains" counts only those). */
    public long omittedDeliveringDomains;

    public Summary() {
        for (int h = 0; h < 24; h++) {
            smtpdPerHour[h] = new Connections();
        }
    }

    public void add(ReportFact fact) {
        fact.applyTo(this);
    }

    // ---- what each fact moves -------------------------------------------------------------

    void received(long time) {
        received++;
        countHourAndDay(time, RECEIVED);
    }

    void senderCounted(String sender, String domain, long size) {
        Traffic d = sendingDomains.computeIfAbsent(domain, k -> new Traffic());
        d.count++;
        d.bytes += size;
        Traffic u = senders.computeIfAbsent(sender, k -> new Traffic());
        u.count++;
        u.bytes += size;
        bytesReceived += size;
    }

    void delivered(ReportFact.RecipientDelivered f) {
        DomainDelivery d = recipientDomains.computeIfAbsent(f.domain(), k -> new DomainDelivery());
        d.sent++;
        if (foldDelaysInLineOrder) {
            d.delaySum.addInOrder(f.seq(), f.delay());
        } else {
            d.delaySum.add(f.seq(), f.delay());
        }
        d.noteDelay(f.delay());
        if (f.provider() != null) {
            double[] values = DeliveryDelays.values(f.delay(), f.delays());
            d.delays.add(values);
            delays.add(values);
            providerDelays
                    .computeIfAbsent(f.provider().isEmpty() ? NO_PROVIDER : f.provider(), k -> new DeliveryDelays())
                    .add(values);
        }
        d.bytes += f.size();
        Traffic u = recipients.computeIfAbsent(f.recipient(), k -> new Traffic());
        u.count++;
        u.bytes += f.size();
        bytesDelivered += f.size();
        delivered++;
        countHourAndDay(f.time(), DELIVERED);
        if (f.size() == 0 && f.recordMissingSize()) {
            noMessageSize.merge(f.queueId(), new Positioned(f.seq(), f.recipient()), Summary::later);
        }
    }

    void forwarded() {
        forwarded++;
    }

    void deferred(ReportFact.RecipientDeferred f) {
        if (f.reason() != null) {
            increment(deferralDetail, key(f.daemon(), f.reason()));
        }
        countHourAndDay(f.time(), DEFERRED);
        deferrals++;
        if (f.firstForMessage()) {
            deferredMessages++;
        }
        DomainDelivery d = recipientDomains.computeIfAbsent(f.domain(), k -> new DomainDelivery());
        d.defers++;
        d.noteDelay(f.delay());
    }

    void bounced(ReportFact.RecipientBounced f) {
        if (f.reason() != null) {
            increment(bounceDetail, key(f.relay(), f.reason()));
        }
        countHourAndDay(f.time(), BOUNCED);
        bounced++;
    }

    void policy(ReportFact.PolicyApplied f) {
        String key = key(f.stage(), f.reason(), f.subject());
        switch (f.action()) {
            case REJECT -> {
                rejected++;
                increment(rejectDetail, key);
            }
            case REJECT_WARNING -> {
                rejectWarnings++;
                increment(rejectWarningDetail, key);
            }
            case HOLD -> {
                held++;
                increment(holdDetail, key);
            }
            case DISCARD -> {
                discarded++;
                increment(discardDetail, key);
            }
        }
        countHourAndDay(f.time(), REJECTED);
    }

    void problem(ReportFact.ProblemLogged f) {
        Map<String, Long> table = switch (f.severity()) {
            case WARNING -> warnings;
            case FATAL -> fatals;
            case PANIC -> panics;
        };
        increment(table, key(f.daemon(), f.text()));
    }

    void master(String text) {
        increment(masterMessages, text);
    }

    void postscreen(String verdict, String clientIp) {
        increment(postscreen, key(verdict, clientIp));
    }

    void smtpFailure(String reason, String host) {
        increment(smtpFailures, key(reason, host));
    }

    void smtpdSession(ReportFact.SmtpdSession f) {
        smtpdConnections++;
        smtpdSeconds += f.seconds();
        smtpdPerHour[CivilTime.hourOf(f.time())].add(f.seconds());
        smtpdPerDay
                .computeIfAbsent(CivilTime.dateKeyOf(f.time()), k -> new Connections())
                .add(f.seconds());
        smtpdPerDomain.computeIfAbsent(f.clientDomain(), k -> new Connections()).add(f.seconds());
    }

    void dayChanged(long time) {
        dayChanges++;
        dayChangeDates.add(CivilTime.dateKeyOf(time));
    }

    void messageDetail(ReportFact.MessageDetail f) {
        messageDetail.add(new DetailLine(f.queueId(), f.seq(), f.item()));
    }

    private void countHourAndDay(long time, int column) {
        perHour[CivilTime.hourOf(time) * 5 + column]++;
        long[] day = perDay.computeIfAbsent(CivilTime.dateKeyOf(time), k -> new long[6]);
        day[column]++;
        // pflogsumm prints a day's row only up to the last column it ever touched
        day[5] = Math.max(day[5], column + 1);
    }

    // ---- distinct counts, whole or cut ------------------------------------------------------

    public long senderCount() {
        return senders.size() + omitted(SENDERS);
    }

    public long sendingDomainCount() {
        return sendingDomains.size() + omitted(SENDING_DOMAINS);
    }

    public long recipientCount() {
        return recipients.size() + omitted(RECIPIENTS);
    }

    /** Recipient domains that had a delivery (a domain with deferrals only is not counted). */
    public long deliveringDomainCount() {
        return deliveringRows() + omittedDeliveringDomains;
    }

    public long smtpdDomainCount() {
        return smtpdPerDomain.size() + omitted(SMTPD_DOMAINS);
    }

    /** The recipient domains kept that had a delivery. */
    private long deliveringRows() {
        return recipientDomains.values().stream().filter(v -> v.sent > 0).count();
    }

    /** Whether {@link #keepTop} cut any row: the report then prints its tables as "top N". */
    public boolean isCut() {
        return !omittedRows.isEmpty();
    }

    /**
     * A report's row limit for a table of this summary: a cut summary holds only the top
     * {@link #rowsKept} rows for certain, so a table is printed as pflogsumm's "top N" of them.
     *
     * @param asked pflogsumm's limit: positive cuts, 0 hides the table, negative prints all
     */
    public int limitOfCut(int asked) {
        if (rowsKept == 0 || asked == 0 || (asked > 0 && asked <= rowsKept)) {
            return asked;
        }
        return rowsKept;
    }

    private long omitted(String table) {
        return omittedRows.getOrDefault(table, 0L);
    }

    // ---- cutting tables to their top rows ---------------------------------------------------

    static final String SENDERS = "senders";
    static final String SENDING_DOMAINS = "sendingDomains";
    static final String RECIPIENTS = "recipients";
    static final String RECIPIENT_DOMAINS = "recipientDomains";
    static final String SMTPD_DOMAINS = "smtpdPerDomain";
    static final String MESSAGES_WITHOUT_SIZE = "messagesWithoutSize";

    /** The level every detail table's row of cut rows has: its count is theirs added up. */
    public static final String OTHER_ROWS = "(other rows)";

    /**
     * Keeps each table's {@code limit} largest rows in every order the report prints it in (a
     * sender among the top by count or among the top by bytes stays), and counts the rest in
     * {@link #omittedRows}; a detail table's cut rows become one row {@link #OTHER_ROWS} holding their
     * count, so its totals stay whole. Totals, per-hour and per-day counters are untouched, and so
     * is the {@code -e} message detail, which only the batch report keeps.
     *
     * <p>Cutting commutes with merging summaries whose rows are disjoint (the fleet's shards): the
     * top rows of the merge are among the top rows of the parts, and the omitted counts add up. So
     * each shard cuts before the merge, which then holds at most shards × limit rows per table.
     *
     * @param limit rows kept per table and order; 0 keeps everything
     * @return this summary
     */
    public Summary keepTop(int limit) {
        if (limit <= 0) {
            return this;
        }
        cut(SENDERS, senders, limit, byNumber(t -> t.count), byNumber(t -> t.bytes));
        cut(RECIPIENTS, recipients, limit, byNumber(t -> t.count), byNumber(t -> t.bytes));
        cut(SENDING_DOMAINS, sendingDomains, limit, sorter(HostOrder.byCountThenSize(t -> t.count, t -> t.bytes)));
        long deliveringBefore = deliveringRows();
        cut(RECIPIENT_DOMAINS, recipientDomains, limit, sorter(HostOrder.byCountThenSize(d -> d.sent, d -> d.bytes)));
        omittedDeliveringDomains += deliveringBefore - deliveringRows();
        cut(SMTPD_DOMAINS, smtpdPerDomain, limit, sorter(HostOrder.byCountThenSize(c -> c.count, c -> c.seconds)));
        cut(MESSAGES_WITHOUT_SIZE, noMessageSize, limit, sorter(Map.Entry.comparingByKey()));
        cutDetail("deferralDetail", deferralDetail, limit, 2);
        cutDetail("bounceDetail", bounceDetail, limit, 2);
        cutDetail("rejectDetail", rejectDetail, limit, 3);
        cutDetail("rejectWarningDetail", rejectWarningDetail, limit, 3);
        cutDetail("holdDetail", holdDetail, limit, 3);
        cutDetail("discardDetail", discardDetail, limit, 3);
        cutDetail("smtpFailures", smtpFailures, limit, 2);
        cutDetail("warnings", warnings, limit, 2);
        cutDetail("fatals", fatals, limit, 2);
        cutDetail("panics", panics, limit, 2);
        cutDetail("masterMessages", masterMessages, limit, 1);
        cutDetail("postscreen", postscreen, limit, 2);
        if (isCut()) {
            rowsKept = rowsKept == 0 ? limit : Math.min(rowsKept, limit);
        }
        return this;
    }

    /** One order a table is printed in: its rows, sorted. */
    private interface Order<V> {
        List<Map.Entry<String, V>> sort(Map<String, V> table);
    }

    private static <V> Order<V> sorter(Comparator<Map.Entry<String, V>> comparator) {
        return table -> {
            List<Map.Entry<String, V>> rows = new ArrayList<>(table.entrySet());
            rows.sort(comparator);
            return rows;
        };
    }

    /** "by message count" and "by message size": each key normalised once per sort. */
    private static Order<Traffic> byNumber(java.util.function.ToLongFunction<Traffic> number) {
        return table -> HostOrder.sortByCountThenHost(table.entrySet(), number);
    }

    @SafeVarargs
    private <V> void cut(String name, Map<String, V> table, int limit, Order<V>... orders) {
        if (table.size() <= limit) {
            return;
        }
        Set<String> kept = new HashSet<>();
        for (Order<V> order : orders) {
            order.sort(table).subList(0, limit).forEach(e -> kept.add(e.getKey()));
        }
        int before = table.size();
        table.keySet().retainAll(kept);
        omittedRows.merge(name, (long) (before - table.size()), Long::sum);
    }

    private void cutDetail(String name, Map<String, Long> table, int limit, int levels) {
        String other = otherRowKey(levels);
        Long carried = table.remove(other);
        if (table.size() > limit) {
            List<Map.Entry<String, Long>> rows = HostOrder.sortByCountThenHost(table.entrySet(), Long::longValue);
            long cutCount = 0;
            for (Map.Entry<String, Long> e : rows.subList(limit, rows.size())) {
                cutCount += e.getValue();
            }
            int before = table.size();
            Set<String> kept = new HashSet<>();
            rows.subList(0, limit).forEach(e -> kept.add(e.getKey()));
            table.keySet().retainAll(kept);
            omittedRows.merge(name, (long) (before - table.size()), Long::sum);
            carried = (carried == null ? 0 : carried) + cutCount;
        }
        if (carried != null) {
            table.put(other, carried);
        }
    }

    private static String otherRowKey(int levels) {
        return String.join(String.valueOf(SEP), java.util.Collections.nCopies(levels, OTHER_ROWS));
    }

    // ---- merging ----------------------------------------------------------------------------

    /** Adds {@code o} into this summary; {@code o} is left as it was. */
    public Summary merge(Summary o) {
        mergeCounters(o);
        mergeTraffic(senders, o.senders);
        mergeTraffic(sendingDomains, o.sendingDomains);
        mergeTraffic(recipients, o.recipients);
        o.recipientDomains.forEach((k, v) ->
                recipientDomains.computeIfAbsent(k, x -> new DomainDelivery()).merge(v));
        o.providerDelays.forEach((k, v) ->
                providerDelays.computeIfAbsent(k, x -> new DeliveryDelays()).merge(v));
        mergeCounts(deferralDetail, o.deferralDetail);
        mergeCounts(bounceDetail, o.bounceDetail);
        mergeCounts(rejectDetail, o.rejectDetail);
        mergeCounts(rejectWarningDetail, o.rejectWarningDetail);
        mergeCounts(holdDetail, o.holdDetail);
        mergeCounts(discardDetail, o.discardDetail);
        mergeCounts(smtpFailures, o.smtpFailures);
        mergeCounts(warnings, o.warnings);
        mergeCounts(fatals, o.fatals);
        mergeCounts(panics, o.panics);
        mergeCounts(masterMessages, o.masterMessages);
        mergeCounts(postscreen, o.postscreen);
        o.noMessageSize.forEach((k, v) -> noMessageSize.merge(k, v, Summary::later));
        messageDetail.addAll(o.messageDetail);
        o.smtpdPerDomain.forEach((k, v) ->
                smtpdPerDomain.computeIfAbsent(k, x -> new Connections()).merge(v));
        return this;
    }

    /** Adds {@code o}'s counters that are not keyed by a row: totals, per hour, per day, connections. */
    private Summary mergeCounters(Summary o) {
        received += o.received;
        delivered += o.delivered;
        forwarded += o.forwarded;
        deferredMessages += o.deferredMessages;
        deferrals += o.deferrals;
        bounced += o.bounced;
        rejected += o.rejected;
        rejectWarnings += o.rejectWarnings;
        held += o.held;
        discarded += o.discarded;
        bytesReceived += o.bytesReceived;
        bytesDelivered += o.bytesDelivered;
        delays.merge(o.delays);
        for (int i = 0; i < perHour.length; i++) {
            perHour[i] += o.perHour[i];
        }
        o.perDay.forEach((k, v) -> {
            long[] mine = perDay.computeIfAbsent(k, x -> new long[6]);
            for (int i = 0; i < 5; i++) mine[i] += v[i];
            mine[5] = Math.max(mine[5], v[5]);
        });
        dayChangeDates.addAll(o.dayChangeDates);
        dayChanges += o.dayChanges;
        // distinct rows cut from disjoint parts (the fleet's shards) add up
        mergeCounts(omittedRows, o.omittedRows);
        if (o.rowsKept > 0) {
            rowsKept = rowsKept == 0 ? o.rowsKept : Math.min(rowsKept, o.rowsKept);
        }
        omittedDeliveringDomains += o.omittedDeliveringDomains;
        smtpdConnections += o.smtpdConnections;
        smtpdSeconds += o.smtpdSeconds;
        for (int h = 0; h < 24; h++) {
            smtpdPerHour[h].merge(o.smtpdPerHour[h]);
        }
        o.smtpdPerDay.forEach(
                (k, v) -> smtpdPerDay.computeIfAbsent(k, x -> new Connections()).merge(v));
        return this;
    }

    // ---- sharding ---------------------------------------------------------------------------

    /**
     * The rows of every table whose key hashes to {@code shard} of {@code shards}, with the totals
     * and the per-hour, per-day and connection counters in shard 0 only: merging all the shards of
     * a summary gives it back, and each row of a fleet's table lives in one shard of every part.
     */
    public Summary slice(int shard, int shards) {
        Summary s = new Summary();
        if (shard == 0) {
            s.mergeCounters(this);
        }
        sliceRows(senders, s.senders, shard, shards);
        sliceRows(sendingDomains, s.sendingDomains, shard, shards);
        sliceRows(recipients, s.recipients, shard, shards);
        sliceRows(recipientDomains, s.recipientDomains, shard, shards);
        sliceRows(providerDelays, s.providerDelays, shard, shards);
        sliceRows(deferralDetail, s.deferralDetail, shard, shards);
        sliceRows(bounceDetail, s.bounceDetail, shard, shards);
        sliceRows(rejectDetail, s.rejectDetail, shard, shards);
        sliceRows(rejectWarningDetail, s.rejectWarningDetail, shard, shards);
        sliceRows(holdDetail, s.holdDetail, shard, shards);
        sliceRows(discardDetail, s.discardDetail, shard, shards);
        sliceRows(smtpFailures, s.smtpFailures, shard, shards);
        sliceRows(warnings, s.warnings, shard, shards);
        sliceRows(fatals, s.fatals, shard, shards);
        sliceRows(panics, s.panics, shard, shards);
        sliceRows(masterMessages, s.masterMessages, shard, shards);
        sliceRows(postscreen, s.postscreen, shard, shards);
        sliceRows(noMessageSize, s.noMessageSize, shard, shards);
        sliceRows(smtpdPerDomain, s.smtpdPerDomain, shard, shards);
        for (DetailLine d : messageDetail) {
            if (shardOf(d.queueId(), shards) == shard) {
                s.messageDetail.add(d);
            }
        }
        return s;
    }

    /** The shard of {@code shards} a row key belongs to (String.hashCode is fixed by the JLS). */
    public static int shardOf(String rowKey, int shards) {
        return Math.floorMod(rowKey.hashCode(), shards);
    }

    /** Shares the row values: a slice is read (merged into another summary), never added to. */
    private static <V> void sliceRows(Map<String, V> from, Map<String, V> into, int shard, int shards) {
        from.forEach((k, v) -> {
            if (shardOf(k, shards) == shard) {
                into.put(k, v);
            }
        });
    }

    private static Positioned later(Positioned a, Positioned b) {
        return a.seq() >= b.seq() ? a : b;
    }

    private static void increment(Map<String, Long> map, String key) {
        map.merge(key, 1L, Long::sum);
    }

    private static void mergeCounts(Map<String, Long> into, Map<String, Long> from) {
        from.forEach((k, v) -> into.merge(k, v, Long::sum));
    }

    private static void mergeTraffic(Map<String, Traffic> into, Map<String, Traffic> from) {
        from.forEach((k, v) -> into.computeIfAbsent(k, x -> new Traffic()).merge(v));
    }
}
