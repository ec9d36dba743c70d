package io.pflogstream.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pflogstream.report.DelaySection;
import io.pflogstream.summary.DeliveryDelays;
import io.pflogstream.summary.HostSummary;
import io.pflogstream.summary.Summary;
import io.pflogstream.summary.Summary.Connections;
import io.pflogstream.summary.Summary.DomainDelivery;
import io.pflogstream.summary.Summary.Traffic;
import io.pflogstream.syslog.CivilTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pflog.summary record: every table of the report for one host (or the fleet) and one hour,
 * day or run, with its revision. Lists are sorted (largest first, then by name) so equal summaries
 * give equal bytes. The schema is src/main/resources/schema/summary.schema.json.
 */
public final class SummaryJson {
    public static final String SCHEMA = "pflogstream.summary/1";
    private static final java.time.format.DateTimeFormatter WALL_CLOCK =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private SummaryJson() {}

    public static ObjectNode toJson(HostSummary h) {
        return toJson(h, h.granularity());
    }

    /** @param granularity "hour", "day", or "run" for a whole bounded input */
    public static ObjectNode toJson(HostSummary h, String granularity) {
        Summary s = h.summary();
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("schema", SCHEMA);
        root.put("host", h.host());
        root.put("granularity", granularity);
        root.put("start", wallClock(h.start()));
        root.put("end", wallClock(h.end()));
        root.put("revision", h.revision());

        ObjectNode totals = root.putObject("totals");
        totals.put("received", s.received);
        totals.put("delivered", s.delivered);
        totals.put("forwarded", s.forwarded);
        totals.put("deferred", s.deferredMessages);
        totals.put("deferrals", s.deferrals);
        totals.put("bounced", s.bounced);
        totals.put("rejected", s.rejected);
        totals.put("rejectWarnings", s.rejectWarnings);
        totals.put("held", s.held);
        totals.put("discarded", s.discarded);
        totals.put("bytesReceived", s.bytesReceived);
        totals.put("bytesDelivered", s.bytesDelivered);
        totals.put("senders", s.senderCount());
        totals.put("sendingDomains", s.sendingDomainCount());
        totals.put("recipients", s.recipientCount());
        totals.put("recipientDomains", s.deliveringDomainCount());
        if (s.isCut()) {
            ObjectNode cut = root.putObject("cut");
            cut.put("rowsKept", s.rowsKept);
            ObjectNode omitted = cut.putObject("omittedRows");
            new TreeMap<>(s.omittedRows).forEach(omitted::put);
        }

        ArrayNode perHour = root.putArray("perHour");
        for (int hour = 0; hour < 24; hour++) {
            ObjectNode row = perHour.addObject();
            row.put("hour", hour);
            counts(row, s.perHour, hour * 5);
        }
        ArrayNode perDay = root.putArray("perDay");
        new TreeMap<>(s.perDay).forEach((date, v) -> counts(perDay.addObject().put("date", isoDate(date)), v, 0));

        ArrayNode domains = root.putArray("recipientDomains");
        sorted(
                        s.recipientDomains,
                        Comparator.comparingLong((DomainDelivery v) -> v.sent).thenComparingLong(v -> v.bytes))
                .forEach(e -> {
                    DomainDelivery v = e.getValue();
                    ObjectNode row = domains.addObject()
                            .put("domain", e.getKey())
                            .put("sent", v.sent)
                            .put("bytes", v.bytes)
                            .put("defers", v.defers)
                            .put("avgDelay", v.sent > 0 ? v.delaySum.total() / v.sent : 0)
                            .put("maxDelay", v.maxDelay);
                    if (!v.delays.isEmpty()) {
                        row.set("delays", delays(v.delays));
                    }
                });
        if (!s.delays.isEmpty()) {
            ObjectNode delays = root.putObject("delays");
            delays.set("all", delays(s.delays));
            ArrayNode providers = delays.putArray("providers");
            new TreeMap<>(s.providerDelays)
                    .forEach((name, d) ->
                            providers.addObject().put("provider", name).setAll(delays(d)));
        }
        traffic(root.putArray("sendingDomains"), "domain", s.sendingDomains);
        traffic(root.putArray("senders"), "address", s.senders);
        traffic(root.putArray("recipients"), "address", s.recipients);
        ArrayNode noSize = root.putArray("messagesWithoutSize");
        new TreeMap<>(s.noMessageSize)
                .forEach((qid, p) -> noSize.addObject().put("queueId", qid).put("recipient", p.text()));

        detail(root.putArray("deferrals"), s.deferralDetail, "daemon", "reason");
        detail(root.putArray("bounces"), s.bounceDetail, "relay", "reason");
        detail(root.putArray("rejects"), s.rejectDetail, "stage", "reason", "subject");
        detail(root.putArray("rejectWarnings"), s.rejectWarningDetail, "stage", "reason", "subject");
        detail(root.putArray("holds"), s.holdDetail, "stage", "reason", "subject");
        detail(root.putArray("discards"), s.discardDetail, "stage", "reason", "subject");
        detail(root.putArray("smtpFailures"), s.smtpFailures, "reason", "host");
        detail(root.putArray("warnings"), s.warnings, "daemon", "text");
        detail(root.putArray("fatals"), s.fatals, "daemon", "text");
        detail(root.putArray("panics"), s.panics, "daemon", "text");
        detail(root.putArray("masterMessages"), s.masterMessages, "text");
        detail(root.putArray("postscreen"), s.postscreen, "verdict", "client");

        ObjectNode smtpd = root.putObject("smtpd");
        smtpd.put("connections", s.smtpdConnections);
        smtpd.put("seconds", s.smtpdSeconds);
        ArrayNode smtpdHours = smtpd.putArray("perHour");
        for (int hour = 0; hour < 24; hour++) {
            Connections c = s.smtpdPerHour[hour];
            if (c.count > 0) {
                smtpdHours
                        .addObject()
                        .put("hour", hour)
                        .put("connections", c.count)
                        .put("seconds", c.seconds)
                        .put("max", c.max);
            }
        }
        ArrayNode smtpdDomains = smtpd.putArray("perDomain");
        sorted(
                        s.smtpdPerDomain,
                        Comparator.comparingLong((Connections c) -> c.count).thenComparingLong(c -> c.seconds))
                .forEach(e -> smtpdDomains
                        .addObject()
                        .put("domain", e.getKey())
                        .put("connections", e.getValue().count)
                        .put("seconds", e.getValue().seconds)
                        .put("max", e.getValue().max));
        return root;
    }

    /** Each stage's deliveries, percentiles and maximum in seconds (a stage without values is left out). */
    public static ObjectNode delays(DeliveryDelays d) {
        ObjectNode into = Json.mapper().createObjectNode();
        for (DeliveryDelays.Stage stage : DeliveryDelays.Stage.values()) {
            if (d.count(stage) == 0) {
                continue;
            }
            DelaySection.Row r = DelaySection.row(stage.name(), d, stage);
            ObjectNode o = into.putObject(STAGE_FIELDS.get(stage)).put("count", r.count());
            for (int i = 0; i < r.seconds().length; i++) {
                // a sketch's value is a bin's midpoint: a tenth of a millisecond says all it knows
                o.put(DelaySection.COLUMNS.get(i), Math.round(r.seconds()[i] * 10_000) / 10_000.0);
            }
        }
        return into;
    }

    private static final java.util.Map<DeliveryDelays.Stage, String> STAGE_FIELDS = java.util.Map.of(
            DeliveryDelays.Stage.TOTAL, "total",
            DeliveryDelays.Stage.BEFORE_QMGR, "beforeQmgr",
            DeliveryDelays.Stage.IN_QMGR, "inQmgr",
            DeliveryDelays.Stage.CONN_SETUP, "connSetup",
            DeliveryDelays.Stage.TRANSMISSION, "transmission");

    public static byte[] toBytes(HostSummary h) {
        return Json.utf8(toJson(h));
    }

    /**
     * The record, whole if it fits a record; otherwise with its tables cut to their top
     * rows ({@link Summary#keepTop}), as many as fit: a host with a day of a million recipients
     * still gets its summary on the topic, with exact totals, instead of a record the broker refuses.
     */
    public static byte[] toBytesWithin(HostSummary h, RecordLimit limit) {
        byte[] whole = toBytes(h);
        if (limit.fits(whole)) {
            return whole;
        }
        for (int rows = FIRST_CUT; rows >= 1; rows /= 2) {
            byte[] cut = toBytes(cutCopy(h, rows));
            if (limit.fits(cut)) {
                return cut;
            }
        }
        return whole; // not even the totals fit: the sink's size check sends it to the dead letters
    }

    /** The first row limit tried when a record is too large; halved until it fits. */
    public static final int FIRST_CUT = 4096;

    /** A copy of the summary with its tables cut; the original (a published value) is left alone. */
    public static HostSummary cutCopy(HostSummary h, int rows) {
        return new HostSummary(
                h.host(),
                h.start(),
                h.end(),
                h.revision(),
                new Summary().merge(h.summary()).keepTop(rows));
    }

    private static void counts(ObjectNode row, long[] values, int offset) {
        row.put("received", values[offset + Summary.RECEIVED]);
        row.put("delivered", values[offset + Summary.DELIVERED]);
        row.put("deferred", values[offset + Summary.DEFERRED]);
        row.put("bounced", values[offset + Summary.BOUNCED]);
        row.put("rejected", values[offset + Summary.REJECTED]);
    }

    private static void traffic(ArrayNode array, String name, Map<String, Traffic> table) {
        sorted(table, Comparator.comparingLong((Traffic t) -> t.count).thenComparingLong(t -> t.bytes))
                .forEach(e -> array.addObject()
                        .put(name, e.getKey())
                        .put("messages", e.getValue().count)
                        .put("bytes", e.getValue().bytes));
    }

    private static void detail(ArrayNode array, Map<String, Long> table, String... levels) {
        List<Map.Entry<String, Long>> rows = new ArrayList<>(table.entrySet());
        rows.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Long> e : rows) {
            ObjectNode row = array.addObject();
            String[] parts = Summary.levels(e.getKey());
            for (int i = 0; i < levels.length; i++) {
                row.put(levels[i], i < parts.length ? parts[i] : "");
            }
            row.put("count", e.getValue());
        }
    }

    private static <V> List<Map.Entry<String, V>> sorted(Map<String, V> table, Comparator<V> size) {
        List<Map.Entry<String, V>> rows = new ArrayList<>(table.entrySet());
        rows.sort(Map.Entry.<String, V>comparingByValue(size).reversed().thenComparing(Map.Entry.comparingByKey()));
        return rows;
    }

    /** yyyy-MM-ddTHH:mm:ss of a UTC instant; the SIEM records write two or more per message. */
    public static String wallClock(long millis) {
        int date = CivilTime.dateKeyOf(millis);
        int year = date / 10000;
        if (year < 1000 || year > 9999) {
            // the pattern's own rendering of such years (sign, width)
            return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC)
                    .format(WALL_CLOCK);
        }
        int month = date / 100 % 100;
        int day = date % 100;
        int hour = CivilTime.hourOf(millis);
        int secondOfHour = (int) (Math.floorMod(millis, 3_600_000L) / 1000);
        byte[] text = {
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            '-',
            digit(month / 10),
            digit(month),
            '-',
            digit(day / 10),
            digit(day),
            'T',
            digit(hour / 10),
            digit(hour),
            ':',
            digit(secondOfHour / 600),
            digit(secondOfHour / 60),
            ':',
            digit(secondOfHour % 60 / 10),
            digit(secondOfHour % 60)
        };
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte digit(int n) {
        return (byte) ('0' + n % 10);
    }

    static String isoDate(int yyyymmdd) {
        return String.format("%04d-%02d-%02d", yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    }
}
