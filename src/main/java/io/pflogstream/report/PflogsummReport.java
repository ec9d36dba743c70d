package io.pflogstream.report;

import static io.pflogstream.report.PerlFormat.d;
import static io.pflogstream.report.PerlFormat.hms;
import static io.pflogstream.report.PerlFormat.intUnits;
import static io.pflogstream.report.PerlFormat.timeUnits;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.summary.HostOrder;
import io.pflogstream.summary.Summary;
import io.pflogstream.summary.Summary.Connections;
import io.pflogstream.summary.Summary.DomainDelivery;
import io.pflogstream.summary.Summary.Traffic;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints a {@link Summary} exactly as pflogsumm 1.1.5 prints its report: same headings, widths,
 * units, sort orders and quirks. Each method mirrors the Perl sub of the same name.
 */
public final class PflogsummReport {
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private final Summary s;
    private final ReportOptions o;
    private final StringBuilder out = new StringBuilder(1 << 14);
    /** pflogsumm's {@code $dayCnt}: day changes between consecutive lines, not distinct dates. */
    private final long dayCnt;

    private PflogsummReport(Summary summary, ReportOptions options, long dayCnt) {
        this.s = summary;
        this.o = options;
        this.dayCnt = dayCnt;
    }

    public static String format(Summary summary, ReportOptions options) {
        // pflogsumm divides by the day changes between consecutive lines; the corrected mode by
        // the days the log covers
        long days = options.print().exact() ? summary.dayChangeDates.size() : summary.dayChanges;
        return cut(
                new PflogsummReport(summary, options, days).render(),
                options.print().colWidth());
    }

    /** --colwidth N: lines longer than N end in "..." at column N. */
    static String cut(String report, Integer width) {
        if (width == null || width < 4) {
            return report;
        }
        StringBuilder b = new StringBuilder(report.length());
        for (String line : report.split("\n", -1)) {
            b.append(line.length() > width ? line.substring(0, width - 3) + "..." : line)
                    .append('\n');
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }

    /** The report of one day's lines, as pflogsumm prints it for a log holding just that day. */
    public static String formatDay(Summary summary, ReportOptions options) {
        return cut(
                new PflogsummReport(summary, options, 1).render(),
                options.print().colWidth());
    }

    private String render() {
        LocalDate day = o.read().filterDate();
        if (o.read().dateFrom() != null) {
            out.append("Postfix log summaries for ")
                    .append(o.read().dateFrom())
                    .append(
                            o.read().dateTo().equals(o.read().dateFrom())
                                    ? ""
                                    : " to " + o.read().dateTo())
                    .append('\n');
        } else if (day != null) {
            out.append(String.format(
                    "Postfix log summaries for %s %2d\n", MONTHS[day.getMonthValue() - 1], day.getDayOfMonth()));
        }
        grandTotals();
        out.append('\n');
        if (o.print().problemsFirst()) {
            problemsReports();
        }
        if (dayCnt > 1) {
            perDaySummary();
        }
        perHourSummary();
        recipDomainSummary();
        sendingDomainSummary();
        if (o.print().smtpdStats()) {
            if (dayCnt > 1) {
                perDaySmtpd();
            }
            perHourSmtpd();
            domainSmtpdSummary();
        }
        if (o.print().postscreenStats()) {
            postscreen();
        }
        userData(s.senders, "Senders by message count", true);
        userData(s.recipients, "Recipients by message count", true);
        userData(s.senders, "Senders by message size", false);
        userData(s.recipients, "Recipients by message size", false);
        noMessageSize();
        if (!o.print().problemsFirst()) {
            problemsReports();
        }
        if (o.print().messageDetail()) {
            detailedMessageData();
        }
        if (o.print().delayPercentiles()) {
            out.append(DelaySection.text(s, o));
        }
        return out.toString();
    }

    private void grandTotals() {
        long total = s.delivered + s.rejected + s.discarded;
        long rejectedPct = total == 0 ? 0 : (long) (((double) s.rejected / total) * 100);
        long discardedPct = total == 0 ? 0 : (long) (((double) s.discarded / total) * 100);
        subsectTitle("Grand Totals");
        out.append("messages\n\n");
        line(intUnits(s.received) + "  received");
        line(intUnits(s.delivered) + "  delivered");
        line(intUnits(s.forwarded) + "  forwarded");
        out.append(' ').append(intUnits(s.deferredMessages)).append("  deferred");
        if (s.deferrals != 0) {
            out.append("  (").append(PerlFormat.intUnits(s.deferrals, 0)).append(" deferrals)");
        }
        out.append('\n');
        line(intUnits(s.bounced) + "  bounced");
        line(intUnits(s.rejected) + "  rejected (" + rejectedPct + "%)");
        line(intUnits(s.rejectWarnings) + "  reject warnings");
        line(intUnits(s.held) + "  held");
        line(intUnits(s.discarded) + "  discarded (" + discardedPct + "%)");
        out.append('\n');
        line(intUnits(s.bytesReceived) + "  bytes received");
        line(intUnits(s.bytesDelivered) + "  bytes delivered");
        line(intUnits(s.senderCount()) + "  senders");
        line(intUnits(s.sendingDomainCount()) + "  sending hosts/domains");
        line(intUnits(s.recipientCount()) + "  recipients");
        long recipientDomains = s.deliveringDomainCount();
        line(intUnits(recipientDomains) + "  recipient hosts/domains");
        if (o.print().smtpdStats()) {
            out.append("\nsmtpd\n\n");
            out.append("  ").append(intUnits(s.smtpdConnections)).append("  connections\n");
            out.append("  ").append(intUnits(s.smtpdDomainCount())).append("  hosts/domains\n");
            double avg = s.smtpdConnections > 0 ? ((double) s.smtpdSeconds / s.smtpdConnections) + .5 : 0;
            out.append("  ").append(d(avg, 6)).append("   avg. connect time (seconds)\n");
            out.append(' ').append(hms(s.smtpdSeconds)).append("  total connect time\n");
        }
    }

    private void line(String text) {
        out.append(' ').append(text).append('\n');
    }

    private void perDaySummary() {
        subsectTitle("Per-Day Traffic Summary");
        out.append("    date          received  delivered   deferred    bounced     rejected\n");
        out.append("    --------------------------------------------------------------------\n");
        TreeMap<Integer, long[]> days = new TreeMap<>(s.perDay);
        if (o.print().zeroFill()) {
            for (int date : new java.util.TreeSet<>(s.dayChangeDates)) {
                long[] row = days.computeIfAbsent(date, k -> new long[6]);
                row[5] = 5;
            }
        }
        for (Map.Entry<Integer, long[]> e : days.entrySet()) {
            out.append(dateLabel(e.getKey()));
            long[] row = e.getValue();
            for (int i = 0; i < row[5]; i++) {
                out.append("    ").append(intUnits(row[i]));
            }
            out.append('\n');
        }
    }

    private String dateLabel(int date) {
        int year = date / 10000;
        int month = date / 100 % 100;
        int day = date % 100;
        if (o.print().isoDateTime()) {
            return String.format("    %04d-%02d-%02d ", year, month, day);
        }
        return String.format("    %s %2d %d", MONTHS[month - 1], day, year);
    }

    private String hourLabel(int hour) {
        if (o.print().isoDateTime()) {
            return String.format("    %02d:00-%02d:00", hour, hour + 1);
        }
        return String.format("    %02d00-%02d00  ", hour, hour + 1);
    }

    private void perHourSummary() {
        subsectTitle("Per-Hour Traffic " + (dayCnt > 1 ? "Daily Average" : "Summary"));
        out.append("    time          received  delivered   deferred    bounced     rejected\n");
        out.append("    --------------------------------------------------------------------\n");
        for (int hour = 0; hour < 24; hour++) {
            out.append(hourLabel(hour));
            for (int col = 0; col < 5; col++) {
                double value = s.perHour[hour * 5 + col];
                if (o.print().exact() && dayCnt > 1) {
                    out.append("    ").append(PerlFormat.f1(value / dayCnt, 6)).append(' ');
                    continue;
                }
                if (dayCnt != 0) {
                    value = value / dayCnt + 0.5;
                }
                out.append("    ").append(intUnits(value));
            }
            out.append('\n');
        }
    }

    private void recipDomainSummary() {
        int cnt = s.limitOfCut(o.print().hostLimit());
        if (cnt == 0) {
            return;
        }
        subsectTitle("Host/Domain Summary: Message Delivery " + (cnt > 0 ? "(top " + cnt + ")" : ""));
        out.append(" sent cnt  bytes   defers   avg dly max dly host/domain\n");
        out.append(" -------- -------  -------  ------- ------- -----------\n");
        List<Map.Entry<String, DomainDelivery>> rows = new ArrayList<>(s.recipientDomains.entrySet());
        rows.sort(HostOrder.byCountThenSize(v -> v.sent, v -> v.bytes));
        for (Map.Entry<String, DomainDelivery> e : limit(rows, cnt)) {
            DomainDelivery v = e.getValue();
            double avg = v.sent > 0 ? v.delaySum.total() / v.sent : 0;
            out.append(' ')
                    .append(intUnits(v.sent))
                    .append("  ")
                    .append(intUnits(v.bytes))
                    .append("  ")
                    .append(intUnits(v.defers))
                    .append("  ")
                    .append(timeUnits(avg))
                    .append("  ")
                    .append(timeUnits(v.maxDelay))
                    .append("  ")
                    .append(e.getKey())
                    .append('\n');
        }
    }

    private void sendingDomainSummary() {
        int cnt = s.limitOfCut(o.print().hostLimit());
        if (cnt == 0) {
            return;
        }
        subsectTitle("Host/Domain Summary: Messages Received " + (cnt > 0 ? "(top " + cnt + ")" : ""));
        out.append(" msg cnt   bytes   host/domain\n");
        out.append(" -------- -------  -----------\n");
        List<Map.Entry<String, Traffic>> rows = new ArrayList<>(s.sendingDomains.entrySet());
        rows.sort(HostOrder.byCountThenSize(v -> v.count, v -> v.bytes));
        for (Map.Entry<String, Traffic> e : limit(rows, cnt)) {
            out.append(' ')
                    .append(intUnits(e.getValue().count))
                    .append("  ")
                    .append(intUnits(e.getValue().bytes))
                    .append("  ")
                    .append(e.getKey())
                    .append('\n');
        }
    }

    private void perDaySmtpd() {
        subsectTitle("Per-Day SMTPD Connection Summary");
        out.append("    date        connections    time conn.    avg./conn.   max. time\n");
        out.append("    --------------------------------------------------------------------\n");
        for (Map.Entry<Integer, Connections> e : new TreeMap<>(s.smtpdPerDay).entrySet()) {
            Connections c = e.getValue();
            double avg = (double) c.seconds / c.count + .5;
            out.append(dateLabel(e.getKey()))
                    .append("   ")
                    .append(intUnits(c.count))
                    .append("       ")
                    .append(hms(c.seconds))
                    .append("      ")
                    .append(d(avg, 6))
                    .append("s      ")
                    .append(d(c.max, 6))
                    .append("s\n");
        }
    }

    private void perHourSmtpd() {
        if (dayCnt > 1) {
            subsectTitle("Per-Hour SMTPD Connection Daily Average");
            out.append("    hour        connections    time conn.\n");
            out.append("    -------------------------------------\n");
        } else {
            subsectTitle("Per-Hour SMTPD Connection Summary");
            out.append("    hour        connections    time conn.    avg./conn.   max. time\n");
            out.append("    --------------------------------------------------------------------\n");
        }
        for (int hour = 0; hour < 24; hour++) {
            Connections c = s.smtpdPerHour[hour];
            if (c.count == 0) {
                continue;
            }
            long avg = (long) ((double) c.seconds / c.count + .5);
            double count = c.count;
            double seconds = c.seconds;
            if (dayCnt > 1) {
                count = count / dayCnt + .5;
                seconds = seconds / dayCnt + .5;
            }
            out.append(hourLabel(hour))
                    .append("   ")
                    .append(intUnits(count))
                    .append("       ")
                    .append(hms(seconds));
            if (dayCnt < 2) {
                out.append("      ")
                        .append(d(avg, 6))
                        .append("s      ")
                        .append(d(c.max, 6))
                        .append('s');
            }
            out.append('\n');
        }
    }

    private void domainSmtpdSummary() {
        int cnt = s.limitOfCut(o.print().hostLimit());
        if (cnt == 0) {
            return;
        }
        subsectTitle("Host/Domain Summary: SMTPD Connections " + (cnt > 0 ? "(top " + cnt + ")" : ""));
        out.append(" connections  time conn.  avg./conn.  max. time  host/domain\n");
        out.append(" -----------  ----------  ----------  ---------  -----------\n");
        List<Map.Entry<String, Connections>> rows = new ArrayList<>(s.smtpdPerDomain.entrySet());
        rows.sort(HostOrder.byCountThenSize(v -> v.count, v -> v.seconds));
        for (Map.Entry<String, Connections> e : limit(rows, cnt)) {
            Connections c = e.getValue();
            double avg = (double) c.seconds / c.count + .5;
            out.append("  ")
                    .append(intUnits(c.count))
                    .append("      ")
                    .append(hms(c.seconds))
                    .append("     ")
                    .append(d(avg, 6))
                    .append("s    ")
                    .append(d(c.max, 6))
                    .append("s   ")
                    .append(e.getKey())
                    .append('\n');
        }
    }

    private void userData(Map<String, Traffic> users, String title, boolean byCount) {
        int cnt = s.limitOfCut(o.print().userLimit());
        if (cnt == 0) {
            return;
        }
        String fullTitle = (cnt > 0 ? "top " + cnt + " " : "") + title;
        if (users.isEmpty()) {
            if (!o.print().quiet()) {
                out.append('\n').append(fullTitle).append(": none\n");
            }
            return;
        }
        out.append('\n')
                .append(fullTitle)
                .append('\n')
                .append("-".repeat(fullTitle.length()))
                .append('\n');
        List<Map.Entry<String, Traffic>> rows =
                HostOrder.sortByCountThenHost(users.entrySet(), v -> byCount ? v.count : v.bytes);
        for (Map.Entry<String, Traffic> e : limit(rows, cnt)) {
            long v = byCount ? e.getValue().count : e.getValue().bytes;
            out.append(' ').append(intUnits(v)).append("  ").append(e.getKey()).append('\n');
        }
    }

    /** --pscrn-stats: verdict counts; with --pscrn-detail N (or --detail) the top N clients of each. */
    private void postscreen() {
        int cnt = o.print().postscreenDetail();
        if (cnt == 0) {
            Map<String, Long> verdicts = new java.util.HashMap<>();
            s.postscreen.forEach((k, v) -> verdicts.merge(Summary.levels(k)[0], v, Long::sum));
            hashByCountValues(verdicts, "Postscreen", 0);
        } else {
            nestedHash(s.postscreen, "Postscreen", cnt);
        }
    }

    private void noMessageSize() {
        if (s.noMessageSize.isEmpty()) {
            return; // printed quietly: no "none" line
        }
        String title = "Messages with no size data";
        out.append('\n')
                .append(title)
                .append('\n')
                .append("-".repeat(title.length()))
                .append('\n');
        new TreeMap<>(s.noMessageSize)
                .forEach((qid, p) -> out.append(' ')
                        .append(qid)
                        .append("  ")
                        .append(p.text())
                        .append('\n'));
    }

    private void problemsReports() {
        if (o.print().deferralDetail() != 0) {
            nestedHash(s.deferralDetail, "message deferral detail", o.print().deferralDetail());
        }
        if (o.print().bounceDetail() != 0) {
            nestedHash(
                    s.bounceDetail,
                    "message bounce detail (by relay)",
                    o.print().bounceDetail());
        }
        if (o.print().rejectDetail() != 0) {
            nestedHash(s.rejectDetail, "message reject detail", o.print().rejectDetail());
            nestedHash(
                    s.rejectWarningDetail,
                    "message reject warning detail",
                    o.print().rejectDetail());
            nestedHash(s.holdDetail, "message hold detail", o.print().rejectDetail());
            nestedHash(s.discardDetail, "message discard detail", o.print().rejectDetail());
        }
        if (o.print().smtpDetail() != 0) {
            nestedHash(s.smtpFailures, "smtp delivery failures", o.print().smtpDetail());
        }
        if (o.print().smtpdWarningDetail() != 0) {
            nestedHash(s.warnings, "Warnings", o.print().smtpdWarningDetail());
        }
        nestedHash(s.fatals, "Fatal Errors", 0);
        nestedHash(s.panics, "Panics", 0);
        hashByCountValues(s.masterMessages, "Master daemon messages", 0);
    }

    /** {@code print_nested_hash}: keys are levels joined by {@link Summary#SEP}, counts at the leaves. */
    private void nestedHash(Map<String, Long> table, String title, int cnt) {
        if (table.isEmpty()) {
            if (!o.print().quiet()) {
                out.append('\n').append(title).append(": none\n");
            }
            return;
        }
        out.append('\n')
                .append(title)
                .append('\n')
                .append("-".repeat(title.length()))
                .append('\n');
        TreeMap<String, Object> tree = new TreeMap<>();
        table.forEach((key, count) -> insert(tree, Summary.levels(key), count));
        walkNestedHash(tree, cnt, 0);
    }

    @SuppressWarnings("unchecked")
    private static void insert(TreeMap<String, Object> tree, String[] path, long count) {
        TreeMap<String, Object> node = tree;
        for (int i = 0; i < path.length - 1; i++) {
            node = (TreeMap<String, Object>) node.computeIfAbsent(path[i], k -> new TreeMap<String, Object>());
        }
        node.merge(path[path.length - 1], count, (a, b) -> (Long) a + (Long) b);
    }

    @SuppressWarnings("unchecked")
    private void walkNestedHash(TreeMap<String, Object> node, int cnt, int level) {
        level += 2;
        String indents = " ".repeat(level);
        if (node.firstEntry().getValue() instanceof TreeMap) {
            for (Map.Entry<String, Object> e : node.entrySet()) {
                TreeMap<String, Object> child = (TreeMap<String, Object>) e.getValue();
                out.append(indents).append(e.getKey());
                if (!(child.firstEntry().getValue() instanceof TreeMap)) {
                    if (cnt > 0) {
                        out.append(" (top ").append(cnt).append(')');
                    }
                    long total = 0;
                    for (Object v : child.values()) {
                        total += (Long) v;
                    }
                    out.append(" (total: ").append(total).append(')');
                }
                out.append('\n');
                walkNestedHash(child, cnt, level);
            }
        } else {
            Map<String, Long> leaves = new java.util.HashMap<>();
            node.forEach((k, v) -> leaves.put(k, (Long) v));
            reallyPrintHashByCountValues(leaves, cnt, indents);
        }
    }

    private void hashByCountValues(Map<String, Long> table, String title, int cnt) {
        String fullTitle = (cnt != 0 ? "top " + cnt + " " : "") + title;
        if (table.isEmpty()) {
            if (!o.print().quiet()) {
                out.append('\n').append(fullTitle).append(": none\n");
            }
            return;
        }
        out.append('\n')
                .append(fullTitle)
                .append('\n')
                .append("-".repeat(fullTitle.length()))
                .append('\n');
        reallyPrintHashByCountValues(table, cnt, " ");
    }

    private void reallyPrintHashByCountValues(Map<String, Long> table, int cnt, String indents) {
        List<Map.Entry<String, Long>> rows = HostOrder.sortByCountThenHost(table.entrySet(), Long::longValue);
        for (Map.Entry<String, Long> e : limit(rows, cnt)) {
            out.append(indents)
                    .append(intUnits(e.getValue()))
                    .append("  ")
                    .append(e.getKey())
                    .append('\n');
        }
    }

    private void detailedMessageData() {
        String title = "Message detail";
        if (s.messageDetail.isEmpty()) {
            if (!o.print().quiet()) {
                out.append('\n').append(title).append(": none\n");
            }
            return;
        }
        out.append('\n')
                .append(title)
                .append('\n')
                .append("-".repeat(title.length()))
                .append('\n');
        // each message's lines in the order they were logged
        List<Summary.DetailLine> lines = new ArrayList<>(s.messageDetail);
        lines.sort(Comparator.comparingLong(Summary.DetailLine::seq));
        Map<String, List<String>> byMessage = new java.util.LinkedHashMap<>();
        lines.forEach(l ->
                byMessage.computeIfAbsent(l.queueId(), k -> new ArrayList<>()).add(l.text()));
        List<Map.Entry<String, List<String>>> messages = new ArrayList<>(byMessage.entrySet());
        messages.sort((a, b) -> HostOrder.byDomainThenUser(
                a.getKey(), a.getValue().get(0), b.getKey(), b.getValue().get(0)));
        for (Map.Entry<String, List<String>> m : messages) {
            List<String> items = m.getValue();
            out.append(' ').append(m.getKey()).append("  ").append(items.get(0)).append('\n');
            for (int i = 1; i < items.size(); i++) {
                out.append("   ").append(items.get(i)).append('\n');
            }
            out.append('\n');
        }
    }

    private void subsectTitle(String title) {
        out.append('\n')
                .append(title)
                .append('\n')
                .append("-".repeat(title.length()))
                .append('\n');
    }

    /** pflogsumm's {@code last if --$cnt == 0}: a positive limit cuts the list, 0 or -1 does not. */
    private static <T> List<T> limit(List<T> rows, int cnt) {
        return cnt > 0 && rows.size() > cnt ? rows.subList(0, cnt) : rows;
    }
}
