package io.pflogstream.report;

import io.pflogstream.summary.DeliveryDelays;
import io.pflogstream.summary.HostSummary;
import io.pflogstream.summary.Summary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fleet overview ({@code index.html} beside the stream job's day reports): hosts × days, each
 * cell a day's key numbers, a 24-bar chart of its hours and links to its text and HTML reports;
 * then each day's incidents. Static and self-contained like the HTML report: inline CSS and SVG,
 * no script, nothing fetched.
 */
public final class FleetOverview {
    /** Days shown: the newest this many (older day reports stay in their folders). */
    public static final int DAYS_SHOWN = 31;

    static final String RECEIVED_COLOUR = "#3b7dd8";
    static final String DELIVERED_COLOUR = "#2e9e5b";
    static final String INCIDENT_COLOUR = "#d9534f";

    private FleetOverview() {}

    /**
     * The folder of a host's day reports: its name with what a file name cannot safely hold
     * replaced by "_" ("mx1" stays "mx1"). A host name comes from the log (or a shipper's field):
     * "../x" or "a/b" must not reach outside the report folder, nor a name start a hidden file.
     */
    public static String folderOf(String host) {
        String safe = host.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.startsWith(".")) {
            safe = "_" + safe.substring(1);
        }
        if (safe.isEmpty()) {
            safe = "_";
        }
        return safe.length() > 200 ? safe.substring(0, 200) : safe;
    }

    /**
     * A host's day as the overview shows it. A Jackson-friendly value: the report directory keeps
     * the overview's data as JSON to rebuild it after a restart.
     *
     * @param p95Delay the 95th percentile of {@code delay=} in seconds, or -1 when not kept
     */
    public record Day(
            int revision,
            long received,
            long delivered,
            long deferred,
            long bounced,
            long rejected,
            long held,
            long discarded,
            long bytesDelivered,
            double p95Delay,
            long[] receivedPerHour,
            long[] deliveredPerHour) {
        public static Day of(HostSummary h) {
            Summary s = h.summary();
            long[] in = new long[24];
            long[] out = new long[24];
            for (int hour = 0; hour < 24; hour++) {
                in[hour] = s.perHour[hour * 5 + Summary.RECEIVED];
                out[hour] = s.perHour[hour * 5 + Summary.DELIVERED];
            }
            double p95 = s.delays.count() > 0 ? s.delays.quantile(DeliveryDelays.Stage.TOTAL, 0.95) : -1;
            return new Day(
                    h.revision(),
                    s.received,
                    s.delivered,
                    s.deferredMessages,
                    s.bounced,
                    s.rejected,
                    s.held,
                    s.discarded,
                    s.bytesDelivered,
                    p95,
                    in,
                    out);
        }
    }

    /** An incident as it stood last: its identity, state and reach. */
    public record Incident(
            String rule,
            String key,
            String status,
            String start,
            String end,
            List<String> hosts,
            long count,
            int revision) {
        public String id() {
            return rule + '|' + key + '|' + start;
        }
    }

    /**
     * The page.
     *
     * @param days host → date (YYYY-MM-DD) → its day
     * @param incidents the incidents, each as it stood last
     */
    public static String html(Map<String, Map<String, Day>> days, List<Incident> incidents) {
        TreeSet<String> dates = new TreeSet<>(Comparator.reverseOrder());
        days.values().forEach(d -> dates.addAll(d.keySet()));
        List<String> shown = new ArrayList<>(dates).subList(0, Math.min(DAYS_SHOWN, dates.size()));
        List<String> hosts = new ArrayList<>(new TreeSet<>(days.keySet()));
        if (hosts.remove(HostSummary.FLEET)) {
            hosts.add(0, HostSummary.FLEET);
        }
        // day → incidents that began on it, in the order they began
        Map<String, List<Incident>> byDay = new TreeMap<>(Comparator.reverseOrder());
        for (Incident i : incidents) {
            byDay.computeIfAbsent(i.start().substring(0, 10), k -> new ArrayList<>())
                    .add(i);
        }
        byDay.values().forEach(l -> l.sort(Comparator.comparing(Incident::start).thenComparing(Incident::rule)));

        StringBuilder out = new StringBuilder(4096);
        out.append(
                "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Mail fleet overview</title>\n"
                        + "<style>body{font-family:sans-serif;margin:2em;color:#222}"
                        + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{padding:4px 8px;border:1px solid #ddd;vertical-align:top}"
                        + "th{background:#f4f4f4;text-align:left}td.cell{min-width:9em;font-size:12px}.big{font-size:16px;font-weight:bold}"
                        + "td.incident{box-shadow:inset 4px 0 0 " + INCIDENT_COLOUR
                        + "}.n{font-variant-numeric:tabular-nums}"
                        + ".muted{color:#888}.legend span{display:inline-block;margin-right:1em}"
                        + ".sw{display:inline-block;width:10px;height:10px;margin-right:4px}"
                        + "</style></head><body>\n<h1>Mail fleet overview</h1>\n");
        if (shown.isEmpty()) {
            return out.append("<p>No day has closed yet.</p>\n</body></html>\n").toString();
        }
        out.append("<p>")
                .append(hosts.size() - (hosts.contains(HostSummary.FLEET) ? 1 : 0))
                .append(" hosts, ")
                .append(shown.size() == dates.size() ? "" : "the newest ")
                .append(shown.size())
                .append(shown.size() == 1 ? " day" : " days")
                .append(" (")
                .append(shown.get(shown.size() - 1))
                .append(shown.size() == 1 ? "" : " to " + shown.get(0))
                .append("). Each cell: messages delivered, then received / deferred / bounced / rejected,"
                        + " the 95th percentile of the delivery delay, the day's hours and its reports.</p>\n")
                .append("<p class=\"legend\"><span><i class=\"sw\" style=\"background:")
                .append(RECEIVED_COLOUR)
                .append("\"></i>received per hour</span><span><i class=\"sw\" style=\"background:")
                .append(DELIVERED_COLOUR)
                .append("\"></i>delivered per hour</span><span><i class=\"sw\" style=\"background:")
                .append(INCIDENT_COLOUR)
                .append("\"></i>an incident involving the host began that day</span></p>\n");

        out.append("<table id=\"hosts-by-day\"><tr><th>host</th>");
        shown.forEach(d -> out.append("<th>").append(d).append("</th>"));
        out.append("</tr>\n");
        for (String host : hosts) {
            out.append("<tr><th>").append(HtmlReport.esc(host)).append("</th>");
            Map<String, Day> mine = days.getOrDefault(host, Map.of());
            for (String date : shown) {
                Day d = mine.get(date);
                if (d == null) {
                    out.append("<td class=\"cell muted\">no report</td>");
                    continue;
                }
                boolean incident = byDay.getOrDefault(date, List.of()).stream()
                        .anyMatch(
                                i -> host.equals(HostSummary.FLEET) || i.hosts().contains(host));
                cell(out, host, date, d, incident);
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n");

        out.append("<h2>Incidents</h2>\n");
        boolean any = false;
        for (String date : shown) {
            List<Incident> list = byDay.get(date);
            if (list == null) {
                continue;
            }
            any = true;
            out.append("<h3>")
                    .append(date)
                    .append("</h3>\n<table><tr><th>rule</th><th>key</th><th>hosts</th>"
                            + "<th>began</th><th>ended</th><th>lines</th></tr>\n");
            for (Incident i : list) {
                out.append("<tr><td>")
                        .append(HtmlReport.esc(i.rule()))
                        .append("</td><td>")
                        .append(HtmlReport.esc(i.key()))
                        .append("</td><td>")
                        .append(HtmlReport.esc(String.join(" ", i.hosts())))
                        .append("</td><td class=\"n\">")
                        .append(i.start().substring(11))
                        .append("</td><td class=\"n\">")
                        .append(i.end() == null ? "still open" : ended(i))
                        .append("</td><td class=\"n\">")
                        .append(i.count())
                        .append("</td></tr>\n");
            }
            out.append("</table>\n");
        }
        if (!any) {
            out.append("<p>None in these days.</p>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    private static String ended(Incident i) {
        return i.end().startsWith(i.start().substring(0, 10))
                ? i.end().substring(11)
                : i.end().replace('T', ' ');
    }

    private static void cell(StringBuilder out, String host, String date, Day d, boolean incident) {
        String base = folderOf(host) + "/" + date;
        out.append("<td class=\"cell")
                .append(incident ? " incident" : "")
                .append("\">")
                .append("<div class=\"big n\">")
                .append(d.delivered())
                .append("</div><div class=\"n\" title=\"received / deferred / bounced / rejected\">")
                .append(d.received())
                .append(" / ")
                .append(d.deferred())
                .append(" / ")
                .append(d.bounced())
                .append(" / ")
                .append(d.rejected())
                .append("</div>");
        if (d.p95Delay() >= 0) {
            out.append("<div class=\"n\">p95 delay ")
                    .append(DelaySection.seconds(d.p95Delay()).trim())
                    .append("</div>");
        }
        hours(out, d);
        out.append("<div><a href=\"")
                .append(base)
                .append(".html\">html</a> <a href=\"")
                .append(base)
                .append(".txt\">text</a>")
                .append(d.revision() > 1 ? " <span class=\"muted\">rev " + d.revision() + "</span>" : "")
                .append("</div></td>");
    }

    /** 24 pairs of bars, received and delivered, scaled to the day's busiest hour. */
    private static void hours(StringBuilder out, Day d) {
        long peak = 1;
        for (int h = 0; h < 24; h++) {
            peak = Math.max(peak, Math.max(d.receivedPerHour()[h], d.deliveredPerHour()[h]));
        }
        int height = 24;
        out.append("<svg class=\"hours\" width=\"120\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 120 ")
                .append(height)
                .append("\" role=\"img\" aria-label=\"messages per hour\">");
        for (int h = 0; h < 24; h++) {
            bar(out, h * 5, d.receivedPerHour()[h], peak, height, RECEIVED_COLOUR);
            bar(out, h * 5 + 2, d.deliveredPerHour()[h], peak, height, DELIVERED_COLOUR);
        }
        out.append("</svg>");
    }

    private static void bar(StringBuilder out, int x, long value, long peak, int height, String colour) {
        if (value == 0) {
            return;
        }
        double h = Math.max(1, (double) value * height / peak);
        out.append("<rect x=\"")
                .append(x)
                .append("\" y=\"")
                .append(String.format(Locale.ROOT, "%.1f", height - h))
                .append("\" width=\"2\" height=\"")
                .append(String.format(Locale.ROOT, "%.1f", h))
                .append("\" fill=\"")
                .append(colour)
                .append("\"/>");
    }
}
