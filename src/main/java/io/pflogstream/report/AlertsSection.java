package io.pflogstream.report;

import io.pflogstream.alert.Alert;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text report's "Alerts" section ({@code --alerts}): one entry per incident, as it stood last,
 * in the order they began. pflogsumm has no such section; the default report stays pflogsumm's.
 */
public final class AlertsSection {
    private static final int SAMPLE_WIDTH = 100;

    private static final java.time.format.DateTimeFormatter WALL_CLOCK =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AlertsSection() {}

    /** The log's own wall clock (event times are its stamps read as UTC). */
    private static String wallClock(long millis) {
        return java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, java.time.ZoneOffset.UTC)
                .format(WALL_CLOCK);
    }

    public static String format(List<Alert> records) {
        Map<String, Alert> last = new LinkedHashMap<>();
        for (Alert a : records) {
            last.put(a.incidentId(), a); // records of an incident come in the order it lived
        }
        List<Alert> incidents = new ArrayList<>(last.values());
        incidents.sort(Comparator.comparingLong((Alert a) -> a.start)
                .thenComparing(a -> a.rule)
                .thenComparing(a -> a.key));
        StringBuilder out = new StringBuilder("\nAlerts\n------\n");
        if (incidents.isEmpty()) {
            return out.append(" none\n").toString();
        }
        for (Alert a : incidents) {
            String start = wallClock(a.start);
            String end = a.end > 0 ? wallClock(a.end) : "still open";
            if (a.end > 0 && end.startsWith(start.substring(0, 11))) {
                end = end.substring(11); // the same day: its time only
            }
            out.append(' ')
                    .append(start)
                    .append(" - ")
                    .append(end)
                    .append("  ")
                    .append(a.rule)
                    .append("  ")
                    .append(a.key)
                    .append("  ")
                    .append(a.count)
                    .append(a.count == 1 ? " line" : " lines")
                    .append(", hosts: ")
                    .append(String.join(" ", a.hosts))
                    .append('\n');
            boolean sasl = a.rule.startsWith("sasl.");
            if (!a.details.isEmpty() && !a.rule.equals("sasl.login-after-attack")) {
                out.append(sasl ? "   methods: " : "   ")
                        .append(String.join(", ", a.details))
                        .append('\n');
            }
            if (!a.subjects.isEmpty() && !a.rule.equals("sasl.login-after-attack")) {
                String label = sasl ? "users: " : a.rule.startsWith("queue.") ? "messages: " : "recipient domains: ";
                out.append("   ")
                        .append(label)
                        .append(String.join(", ", a.subjects))
                        .append('\n');
            }
            if (!a.addresses.isEmpty()) {
                out.append(sasl ? "   from: " : "   sending IPs: ")
                        .append(String.join(", ", a.addresses))
                        .append('\n');
            }
            if (a.sample != null) {
                String sample =
                        a.sample.length() > SAMPLE_WIDTH ? a.sample.substring(0, SAMPLE_WIDTH - 3) + "..." : a.sample;
                out.append("   ").append(sample).append('\n');
            }
            if (a.url != null) {
                out.append("   ").append(a.url).append('\n');
            }
        }
        return out.toString();
    }
}
