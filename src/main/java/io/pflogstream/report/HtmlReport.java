package io.pflogstream.report;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.summary.HostOrder;
import io.pflogstream.summary.Summary;
import io.pflogstream.summary.Summary.DomainDelivery;
import io.pflogstream.summary.Summary.Traffic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report as one self-contained HTML page: the same numbers and tables as the text report, plus
 * per-hour and per-day charts drawn as inline SVG. No script, no font or style sheet from the
 * network: it reads the same offline, in a mail client or a browser.
 */
public final class HtmlReport {
    private static final String[] COLUMNS = {"received", "delivered", "deferred", "bounced", "rejected"};
    private static final String[] COLOURS = {"#3b7dd8", "#2e9e5b", "#e0a526", "#c8553d", "#7a4fb3"};
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private final Summary s;
    private final ReportOptions o;
    private final StringBuilder out = new StringBuilder(1 << 15);

    private HtmlReport(Summary s, ReportOptions o) {
        this.s = s;
        this.o = o;
    }

    public static String format(Summary summary, ReportOptions options, String title) {
        return new HtmlReport(summary, options).render(title);
    }

    private String render(String title) {
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;color:#222}"
                        + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{padding:2px 10px;border-bottom:1px solid #ddd}"
                        + "td.n{text-align:right;font-variant-numeric:tabular-nums}h2{margin-top:1.5em}"
                        + ".legend span{display:inline-block;margin-right:1em}.sw{display:inline-block;width:10px;height:10px;margin-right:4px}"
                        + "</style></head><body>\n<h1>")
                .append(esc(title))
                .append("</h1>\n");
        grandTotals();
        hourly();
        daily();
        domainTable();
        trafficTable("Host/Domain Summary: Messages Received", s.sendingDomains, true);
        trafficTable("Senders by message count", s.senders, true);
        trafficTable("Recipients by message count", s.recipients, true);
        trafficTable("Senders by message size", s.senders, false);
        trafficTable("Recipients by message size", s.recipients, false);
        detail("message deferral detail", s.deferralDetail, "daemon", "reason");
        detail("message bounce detail (by relay)", s.bounceDetail, "relay", "reason");
        detail("message reject detail", s.rejectDetail, "stage", "reason", "client or address");
        detail("message reject warning detail", s.rejectWarningDetail, "stage", "reason", "client or address");
        detail("message hold detail", s.holdDetail, "stage", "reason", "client or address");
        detail("message discard detail", s.discardDetail, "stage", "reason", "client or address");
        detail("smtp delivery failures", s.smtpFailures, "reason", "host");
        detail("Warnings", s.warnings, "daemon", "warning");
        detail("Fatal Errors", s.fatals, "daemon", "message");
        detail("Panics", s.panics, "daemon", "message");
        detail("Master daemon messages", s.masterMessages, "message");
        if (o.print().delayPercentiles()) {
            delayTables();
        }
        out.append("</body></html>\n");
        return out.toString();
    }

    private void grandTotals() {
        out.append("<h2>Grand Totals</h2>\n<table>\n");
        row("received", s.received);
        row("delivered", s.delivered);
        row("forwarded", s.forwarded);
        row("deferred (" + s.deferrals + " deferrals)", s.deferredMessages);
        row("bounced", s.bounced);
        row("rejected", s.rejected);
        row("reject warnings", s.rejectWarnings);
        row("held", s.held);
        row("discarded", s.discarded);
        row("bytes received", s.bytesReceived);
        row("bytes delivered", s.bytesDelivered);
        row("senders", s.senderCount());
        row("sending hosts/domains", s.sendingDomainCount());
        row("recipients", s.recipientCount());
        row("recipient hosts/domains", s.deliveringDomainCount());
        out.append("</table>\n");
    }

    private void row(String label, long value) {
        out.append("<tr><td class=\"n\">")
                .append(value)
                .append("</td><td>")
                .append(esc(label))
                .append("</td></tr>\n");
    }

    private void hourly() {
        long[][] series = new long[5][24];
        for (int h = 0; h < 24; h++) {
            for (int c = 0; c < 5; c++) {
                series[c][h] = s.perHour[h * 5 + c];
            }
        }
        List<String> labels = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            labels.add(String.format("%02d", h));
        }
        out.append("<h2>Per-Hour Traffic</h2>\n");
        chart("per-hour", labels, series);
        out.append("<table><tr><th>hour</th>");
        for (String c : COLUMNS) out.append("<th>").append(c).append("</th>");
        out.append("</tr>\n");
        for (int h = 0; h < 24; h++) {
            out.append("<tr><td>")
                    .append(String.format("%02d:00-%02d:00", h, h + 1))
                    .append("</td>");
            for (int c = 0; c < 5; c++)
                out.append("<td class=\"n\">").append(series[c][h]).append("</td>");
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    private void daily() {
        TreeMap<Integer, long[]> days = new TreeMap<>(s.perDay);
        if (days.size() < 2) {
            return;
        }
        List<String> labels = new ArrayList<>();
        long[][] series = new long[5][days.size()];
        int i = 0;
        for (Map.Entry<Integer, long[]> e : days.entrySet()) {
            int d = e.getKey();
            labels.add(MONTHS[d / 100 % 100 - 1] + " " + d % 100);
            for (int c = 0; c < 5; c++) series[c][i] = e.getValue()[c];
            i++;
        }
        out.append("<h2>Per-Day Traffic</h2>\n");
        chart("per-day", labels, series);
    }

    /** Grouped bars, one colour per column, with a legend; sized to fit any count. */
    private void chart(String id, List<String> labels, long[][] series) {
        long max = 1;
        for (long[] column : series) for (long v : column) max = Math.max(max, v);
        int groups = labels.size();
        int width = 900;
        int height = 220;
        int left = 50;
        int bottom = 30;
        double group = (width - left - 10) / (double) groups;
        double bar = Math.max(1, group * 0.8 / series.length);
        out.append("<div class=\"legend\">");
        for (int c = 0; c < series.length; c++) {
            out.append("<span><i class=\"sw\" style=\"background:")
                    .append(COLOURS[c])
                    .append("\"></i>")
                    .append(COLUMNS[c])
                    .append("</span>");
        }
        out.append("</div>\n<svg id=\"")
                .append(id)
                .append("\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" role=\"img\" aria-label=\"")
                .append(id)
                .append(" chart\">\n");
        out.append("<line x1=\"")
                .append(left)
                .append("\" y1=\"")
                .append(height - bottom)
                .append("\" x2=\"")
                .append(width)
                .append("\" y2=\"")
                .append(height - bottom)
                .append("\" stroke=\"#888\"/>\n");
        out.append("<text x=\"4\" y=\"14\" font-size=\"11\">").append(max).append("</text>\n");
        for (int g = 0; g < groups; g++) {
            double x0 = left + g * group + group * 0.1;
            for (int c = 0; c < series.length; c++) {
                double h = (height - bottom - 20) * series[c][g] / (double) max;
                out.append(String.format(
                        java.util.Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %d</title></rect>\n",
                        x0 + c * bar,
                        height - bottom - h,
                        bar,
                        h,
                        COLOURS[c],
                        esc(labels.get(g)),
                        COLUMNS[c],
                        series[c][g]));
            }
            out.append(String.format(
                    java.util.Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>\n",
                    x0 + group * 0.4,
                    height - bottom + 14,
                    esc(labels.get(g))));
        }
        out.append("</svg>\n");
    }

    private void domainTable() {
        int limit = s.limitOfCut(o.print().hostLimit());
        if (limit == 0) return;
        out.append(
                "<h2>Host/Domain Summary: Message Delivery</h2>\n<table><tr><th>sent cnt</th><th>bytes</th><th>defers</th>"
                        + "<th>avg dly (s)</th><th>max dly (s)</th><th>host/domain</th></tr>\n");
        List<Map.Entry<String, DomainDelivery>> rows = new ArrayList<>(s.recipientDomains.entrySet());
        rows.sort(HostOrder.byCountThenSize(v -> v.sent, v -> v.bytes));
        for (Map.Entry<String, DomainDelivery> e : limit(rows, limit)) {
            DomainDelivery v = e.getValue();
            double avg = v.sent > 0 ? v.delaySum.total() / v.sent : 0;
            out.append("<tr><td class=\"n\">")
                    .append(v.sent)
                    .append("</td><td class=\"n\">")
                    .append(v.bytes)
                    .append("</td><td class=\"n\">")
                    .append(v.defers)
                    .append("</td><td class=\"n\">")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", avg))
                    .append("</td><td class=\"n\">")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", v.maxDelay))
                    .append("</td><td>")
                    .append(esc(e.getKey()))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    /** The delay percentiles in seconds, two decimals (the text report's units would not sort). */
    private void delayTables() {
        for (DelaySection.Table t : DelaySection.tables(s, o)) {
            if (t.rows().isEmpty()) continue;
            out.append("<h2>").append(esc(t.title())).append("</h2>\n<table><tr><th>count</th>");
            DelaySection.COLUMNS.forEach(c -> out.append("<th>").append(c).append(" (s)</th>"));
            out.append("<th>").append(esc(t.rowsAre())).append("</th></tr>\n");
            for (DelaySection.Row r : t.rows()) {
                out.append("<tr><td class=\"n\">").append(r.count()).append("</td>");
                for (double v : r.seconds()) {
                    out.append("<td class=\"n\">")
                            .append(Double.isNaN(v) ? "" : String.format(java.util.Locale.ROOT, "%.2f", v))
                            .append("</td>");
                }
                out.append("<td>").append(esc(r.name())).append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
    }

    private void trafficTable(String title, Map<String, Traffic> table, boolean byCount) {
        int limit = s.limitOfCut(
                title.startsWith("Host/") ? o.print().hostLimit() : o.print().userLimit());
        if (limit == 0 || table.isEmpty()) return;
        out.append("<h2>").append(esc(title)).append("</h2>\n<table>\n");
        List<Map.Entry<String, Traffic>> rows = byCount || title.startsWith("Host/")
                ? HostOrder.sortByCountThenHost(table.entrySet(), v -> byCount ? v.count : v.bytes)
                : HostOrder.sortByCountThenHost(table.entrySet(), v -> v.bytes);
        for (Map.Entry<String, Traffic> e : limit(rows, limit)) {
            out.append("<tr><td class=\"n\">")
                    .append(byCount ? e.getValue().count : e.getValue().bytes)
                    .append("</td><td>")
                    .append(esc(e.getKey()))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n");
    }

    private void detail(String title, Map<String, Long> table, String... levels) {
        if (table.isEmpty()) return;
        out.append("<h2>").append(esc(title)).append("</h2>\n<table><tr><th>count</th>");
        for (String l : levels) out.append("<th>").append(esc(l)).append("</th>");
        out.append("</tr>\n");
        List<Map.Entry<String, Long>> rows = new ArrayList<>(table.entrySet());
        rows.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Long> e : rows) {
            out.append("<tr><td class=\"n\">").append(e.getValue()).append("</td>");
            for (String part : Summary.levels(e.getKey())) {
                out.append("<td>").append(esc(part)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");
    }

    private static <T> List<T> limit(List<T> rows, int cnt) {
        return cnt > 0 && rows.size() > cnt ? rows.subList(0, cnt) : rows;
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
