package io.pflogstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.pflogstream.io.Json;
import io.pflogstream.summary.DeliveryDelays;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delay percentiles of a log whose delays are known: every delivery's {@code delay=} and
 * {@code delays=} stages are drawn here (fixed seed), so the true percentiles are sorted values at
 * their ranks; the report's and the JSON record's must lie within the sketch's accuracy of them.
 */
class DelayPercentilesReportTest {
    private static final double[] QS = {0.50, 0.90, 0.95, 0.99};
    private static final String[] STAGE_FIELDS = {"total", "beforeQmgr", "inQmgr", "connSetup", "transmission"};

    /** Where the log's deliveries go: recipient domain → relay (and so provider). */
    private static final Map<String, String> RELAYS = new LinkedHashMap<>();

    static {
        RELAYS.put("gmail.com", "gmail-smtp-in.l.google.com[192.0.2.25]:25");
        RELAYS.put("outlook.com", "outlook-com.olc.protection.outlook.com[192.0.2.26]:25");
        RELAYS.put("small.example", "mx.small.example[192.0.2.27]:25");
    }

    /** Stages per delivery, by domain: [total, a, b, c, d]. */
    private final Map<String, List<double[]>> truth = new LinkedHashMap<>();

    private List<String> log() {
        Random r = new Random(42);
        truth.clear();
        List<String> lines = new ArrayList<>();
        List<String> domains = new ArrayList<>(RELAYS.keySet());
        for (int i = 0; i < 1500; i++) {
            String qid = String.format("%010X", 0xA00000L + i);
            String domain = domains.get(i % 3 == 0 ? 2 : r.nextInt(2));
            // Postfix prints two decimals below 10 s; the tail (a deferred message) is whole seconds
            double a = hundredths(r.nextDouble() * 0.2);
            double b = r.nextInt(20) == 0 ? 300 + r.nextInt(3000) : hundredths(r.nextDouble() * 0.05);
            double c = hundredths(domain.equals("small.example") ? 1 + r.nextGaussian() * 0.3 : 0.05);
            double d = hundredths(Math.exp(r.nextGaussian()) * 0.3);
            double total = hundredths(a + b + c + d);
            truth.computeIfAbsent(domain, k -> new ArrayList<>()).add(new double[] {total, a, b, c, d});
            int sec = i % 60;
            int min = (i / 60) % 60;
            String t = String.format("Dec  1 %02d:%02d:%02d mx1 ", 8 + i / 3600, min, sec);
            lines.add(t + "postfix/smtpd[100]: " + qid + ": client=client.example[192.0.2.1]");
            lines.add(t + "postfix/cleanup[101]: " + qid + ": message-id=<" + i + "@example.net>");
            lines.add(t + "postfix/qmgr[102]: " + qid + ": from=<a@example.net>, size=1000, nrcpt=1 (queue active)");
            lines.add(t + "postfix/smtp[103]: " + qid + ": to=<u" + i + "@" + domain + ">, relay=" + RELAYS.get(domain)
                    + ", delay=" + postfix(total) + ", delays=" + postfix(a) + "/" + postfix(b) + "/" + postfix(c)
                    + "/" + postfix(d) + ", dsn=2.0.0, status=sent (250 2.0.0 OK)");
            lines.add(t + "postfix/qmgr[102]: " + qid + ": removed");
        }
        return lines;
    }

    private static double hundredths(double v) {
        return Math.max(0, Math.round(v * 100) / 100.0);
    }

    /** As Postfix writes a delay: no trailing zeros ("0.1", "0", "312"). */
    private static String postfix(double v) {
        String s = String.format(Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static double[] column(List<double[]> rows, int stage) {
        return rows.stream().mapToDouble(x -> x[stage]).sorted().toArray();
    }

    /** The sketch's answer against the values at the ranks q·(n−1) rounds between. */
    private static void assertPercentiles(JsonNode stats, double[] sorted, String what) {
        assertThat(stats.get("count").asLong()).as(what).isEqualTo(sorted.length);
        for (int i = 0; i < QS.length; i++) {
            double rank = QS[i] * (sorted.length - 1);
            double low = sorted[(int) Math.floor(rank)] * (1 - DeliveryDelays.RELATIVE_ACCURACY) - 1e-4;
            double high = sorted[(int) Math.ceil(rank)] * (1 + DeliveryDelays.RELATIVE_ACCURACY) + 1e-4;
            assertThat(stats.get("p" + Math.round(QS[i] * 100)).asDouble())
                    .as("%s p%s", what, Math.round(QS[i] * 100))
                    .isBetween(low, high);
        }
        assertThat(stats.get("max").asDouble()).as(what).isCloseTo(sorted[sorted.length - 1], within(1e-9));
    }

    private String run(Path dir, String... args) throws Exception {
        Path file = dir.resolve("mail.log");
        Files.write(file, log(), StandardCharsets.ISO_8859_1);
        String[] all = Arrays.copyOf(args, args.length + 3);
        all[args.length] = "--today";
        all[args.length + 1] = "2026-12-02";
        all[args.length + 2] = file.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(
                all, new PrintStream(out, true), new PrintStream(err, true), new ByteArrayInputStream(new byte[0]));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theJsonRecordsPercentilesAreThoseOfTheLogsDelays(@TempDir Path dir) throws Exception {
        JsonNode json = Json.mapper().readTree(run(dir, "report", "--format", "json"));
        List<double[]> all = new ArrayList<>();
        truth.values().forEach(all::addAll);
        for (int s = 0; s < STAGE_FIELDS.length; s++) {
            assertPercentiles(json.at("/delays/all/" + STAGE_FIELDS[s]), column(all, s), "all " + STAGE_FIELDS[s]);
        }
        // providers: google's relay, microsoft's, and the rest
        Map<String, String> providerOf =
                Map.of("gmail.com", "google", "outlook.com", "microsoft", "small.example", "(other)");
        assertThat(json.at("/delays/providers"))
                .extracting(p -> p.get("provider").asText())
                .containsExactly("(other)", "google", "microsoft");
        for (JsonNode p : json.at("/delays/providers")) {
            String domain = providerOf.entrySet().stream()
                    .filter(e -> e.getValue().equals(p.get("provider").asText()))
                    .findFirst()
                    .orElseThrow()
                    .getKey();
            for (int s = 0; s < STAGE_FIELDS.length; s++) {
                assertPercentiles(p.get(STAGE_FIELDS[s]), column(truth.get(domain), s), domain + " " + STAGE_FIELDS[s]);
            }
        }
        for (JsonNode row : json.get("recipientDomains")) {
            String domain = row.get("domain").asText();
            assertPercentiles(row.at("/delays/total"), column(truth.get(domain), 0), domain);
        }
        assertThat(io.pflogstream.io.Schemas.summary().validate(json)).isEmpty();
    }

    @Test
    void theTextReportPrintsThemOnlyWhenAsked(@TempDir Path dir) throws Exception {
        String plain = run(dir, "report");
        assertThat(plain).doesNotContain("Delivery Delay");
        String report = run(dir, "report", "--delay-percentiles");
        assertThat(report).startsWith(plain.substring(0, plain.length() - 1));
        String section = report.substring(report.indexOf("\nDelivery Delay Percentiles\n"));
        assertThat(section.lines().toList())
                .contains("Delivery Delays by Provider", "Delivery Delays by Recipient Domain")
                .anyMatch(l -> l.startsWith("  1500 ") && l.endsWith("  Total"))
                .anyMatch(l -> l.endsWith("  Before qmgr"))
                .anyMatch(l -> l.startsWith("   500 ") && l.endsWith("  small.example"))
                .anyMatch(l -> l.endsWith("  google"));
        // the total's maximum: the largest delay= written, in pflogsumm's units
        double max = column(truth.values().stream().flatMap(List::stream).toList(), 0)[1499];
        String total =
                section.lines().filter(l -> l.endsWith("  Total")).findFirst().orElseThrow();
        assertThat(total).contains(String.format(Locale.ROOT, "%6.1f m", max / 60));
    }
}
