package io.pflogstream.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.alert.Alert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's "Alerts" section: one entry per incident, as it stood last, oldest first. */
class AlertsSectionTest {
    private static final long T0 = 1_796_119_200_000L; // 2026-12-01T10:00:00

    private static Alert record(
            String rule, String key, String status, long start, long end, long count, int revision) {
        Alert a = new Alert();
        a.rule = rule;
        a.key = key;
        a.status = status;
        a.start = start;
        a.end = end;
        a.time = end > 0 ? end : start;
        a.count = count;
        a.revision = revision;
        a.hosts = List.of("mx1", "mx2");
        return a;
    }

    @Test
    void eachIncidentOnceAsItStoodLastOldestFirst() {
        Alert open = record("provider.rate-limit", "google", Alert.OPEN, T0, 0, 10, 1);
        open.details = List.of("google.rate-limit");
        open.subjects = List.of("gmail.com");
        open.addresses = List.of("203.0.113.5");
        open.sample = "421 4.7.28 " + "x".repeat(200);
        open.url = "https://support.google.com/mail/?p=UnsolicitedRateLimitError";
        Alert resolved = record("provider.rate-limit", "google", Alert.RESOLVED, T0, T0 + 45 * 60_000, 12, 2);
        resolved.details = open.details;
        resolved.subjects = open.subjects;
        resolved.addresses = open.addresses;
        resolved.sample = open.sample;
        resolved.url = open.url;
        Alert attack = record("sasl.brute-force", "198.51.100.66", Alert.OPEN, T0 - 3_600_000, 0, 15, 1);
        attack.details = List.of("LOGIN");
        attack.subjects = List.of("admin", "test");
        attack.addresses = List.of("198.51.100.66");

        String text = AlertsSection.format(List.of(attack, open, resolved));
        assertThat(text)
                .isEqualTo("\nAlerts\n------\n"
                        + " 2026-12-01 09:00:00 - still open  sasl.brute-force  198.51.100.66  15 lines, hosts: mx1 mx2\n"
                        + "   methods: LOGIN\n"
                        + "   users: admin, test\n"
                        + "   from: 198.51.100.66\n"
                        + " 2026-12-01 10:00:00 - 10:45:00  provider.rate-limit  google  12 lines, hosts: mx1 mx2\n"
                        + "   google.rate-limit\n"
                        + "   recipient domains: gmail.com\n"
                        + "   sending IPs: 203.0.113.5\n"
                        + "   421 4.7.28 " + "x".repeat(86) + "...\n"
                        + "   https://support.google.com/mail/?p=UnsolicitedRateLimitError\n");
        assertThat(AlertsSection.format(List.of())).isEqualTo("\nAlerts\n------\n none\n");
    }
}
