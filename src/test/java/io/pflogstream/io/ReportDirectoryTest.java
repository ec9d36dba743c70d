package io.pflogstream.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.alert.Alert;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.report.FleetOverview;
import io.pflogstream.summary.HostSummary;
import io.pflogstream.summary.ReportFact;
import io.pflogstream.summary.Summary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.types.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report directory: day reports as text and HTML, and the fleet overview that links them. */
class ReportDirectoryTest {
    private static final ReportOptions OPTIONS = ReportOptions.builder(LocalDate.of(2026, 12, 2))
            .keepDelayPercentiles(true)
            .build();
    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

    /** A host's day: {@code received} messages, {@code delivered} of them delivered in hour 9 on. */
    static HostSummary day(String host, String date, int revision, int received, int delivered) {
        long start =
                LocalDate.parse(date).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        Summary s = new Summary();
        for (int i = 0; i < received; i++) {
            s.add(new ReportFact.MessageReceived(start + 9 * HostSummary.HOUR + i * 60_000L));
        }
        for (int i = 0; i < delivered; i++) {
            long t = start + 9 * HostSummary.HOUR + i * 60_000L + 1000;
            s.add(new ReportFact.RecipientDelivered(
                    t, i, "Q" + i, "u" + i + "@example.org", "example.org", 0.5 + i, 900, true, "", "0.1/0/0.2/0.2"));
        }
        return new HostSummary(host, start, start + HostSummary.DAY, revision, s);
    }

    static Alert alert(String rule, String key, String start, String end, int revision, String... hosts) {
        Alert a = new Alert();
        a.rule = rule;
        a.key = key;
        a.status = end == null ? (revision == 1 ? Alert.OPEN : Alert.UPDATE) : Alert.RESOLVED;
        a.start = java.time.LocalDateTime.parse(start).toInstant(ZoneOffset.UTC).toEpochMilli();
        a.end = end == null
                ? 0
                : java.time.LocalDateTime.parse(end).toInstant(ZoneOffset.UTC).toEpochMilli();
        a.time = end == null ? a.start : a.end;
        a.revision = revision;
        a.count = 10L * revision;
        a.hosts = new ArrayList<>(List.of(hosts));
        return a;
    }

    private static void write(ReportDirectory.Writer w, HostSummary h) {
        w.write(Either.Left(h), null);
    }

    private static void write(ReportDirectory.Writer w, Alert a) {
        w.write(Either.Right(a), null);
    }

    @Test
    void everyDayIsWrittenAsTextAndHtmlAndTheOverviewLinksThemWithTheDaysIncidents(@TempDir Path dir) throws Exception {
        ReportDirectory.Writer w = new ReportDirectory.Writer(dir, OPTIONS);
        for (String date : List.of("2026-11-30", "2026-12-01")) {
            write(w, day("mx1", date, 1, 30, 28));
            write(w, day("mx2", date, 1, 20, 19));
            write(w, day(HostSummary.FLEET, date, 1, 50, 47));
        }
        write(w, alert("provider.rate-limit", "google", "2026-12-01T10:00:00", null, 1, "mx1"));
        write(w, alert("provider.rate-limit", "google", "2026-12-01T10:00:00", "2026-12-01T11:20:00", 3, "mx1", "mx2"));
        write(w, alert("provider.rate-limit", "google", "2026-12-01T10:00:00", null, 2, "mx1", "mx2")); // late, older
        write(w, alert("host.silent", "mx2", "2026-11-30T22:10:00", null, 1, "mx2"));
        assertThat(dir.resolve("index.html")).doesNotExist(); // written at the checkpoint, not per day
        w.flush(false);

        String index = Files.readString(dir.resolve("index.html"));
        // self-contained, like the HTML report
        assertThat(index).doesNotContain("<script").doesNotContain("src=").doesNotContain("<link");
        // every link points at a file that is there: each host-day's text and HTML report
        List<String> links = new ArrayList<>();
        Matcher m = HREF.matcher(index);
        while (m.find()) {
            links.add(m.group(1));
        }
        assertThat(links).hasSize(12).contains("mx1/2026-12-01.txt", "fleet/2026-11-30.html");
        for (String link : links) {
            assertThat(dir.resolve(link)).exists();
        }
        // the text report is pflogsumm's; the HTML one its tables
        assertThat(Files.readString(dir.resolve("mx1/2026-12-01.txt"), StandardCharsets.ISO_8859_1))
                .contains("     30   received")
                .contains("     28   delivered");
        assertThat(Files.readString(dir.resolve("mx1/2026-12-01.html")))
                .contains("<td class=\"n\">30</td><td>received</td>")
                .contains("<h2>Delivery Delay Percentiles</h2>");
        assertThat(Files.readString(dir.resolve("mx1/2026-12-01.txt"), StandardCharsets.ISO_8859_1))
                .doesNotContain("Delivery Delay");
        // hosts × days: the fleet first, the newest day first; each cell's numbers and hours
        assertThat(index.indexOf("<th>fleet</th>")).isLessThan(index.indexOf("<th>mx1</th>"));
        assertThat(index.indexOf("<th>2026-12-01</th>")).isLessThan(index.indexOf("<th>2026-11-30</th>"));
        assertThat(index).contains("<div class=\"big n\">47</div>").contains("50 / 0 / 0 / 0");
        assertThat(index).contains("p95 delay"); // 28 delays of 0.5 s .. 27.5 s
        assertThat(index.split("<svg class=\"hours\"", -1)).hasSize(7);
        // the incidents as they stood last, under the day they began; the host involved is marked
        assertThat(index)
                .contains("<td>provider.rate-limit</td><td>google</td><td>mx1 mx2</td>"
                        + "<td class=\"n\">10:00:00</td><td class=\"n\">11:20:00</td><td class=\"n\">30</td>");
        assertThat(index)
                .contains("<td>host.silent</td><td>mx2</td><td>mx2</td><td class=\"n\">22:10:00</td>"
                        + "<td class=\"n\">still open</td>");
        assertThat(index.split("class=\"cell incident\"", -1))
                .hasSize(6); // fleet ×2, mx1 and mx2 on 12-01, mx2 on 11-30
    }

    @Test
    void aRevisionReplacesItsDayAndAnOlderOneReplayedAfterARestartDoesNot(@TempDir Path dir) throws Exception {
        ReportDirectory.Writer w = new ReportDirectory.Writer(dir, OPTIONS);
        write(w, day("mx1", "2026-12-01", 1, 30, 28));
        write(w, day("mx1", "2026-12-01", 2, 31, 29)); // a late line revised the day
        w.flush(true);
        assertThat(Files.readString(dir.resolve("mx1/2026-12-01.txt"), StandardCharsets.ISO_8859_1))
                .contains("     31   received");

        // a new writer on the folder (a restart) reads the overview back and gets a replay
        ReportDirectory.Writer again = new ReportDirectory.Writer(dir, OPTIONS);
        write(again, day("mx1", "2026-12-01", 1, 30, 28));
        write(again, day("mx2", "2026-12-01", 1, 5, 5));
        again.flush(true);
        assertThat(Files.readString(dir.resolve("mx1/2026-12-01.txt"), StandardCharsets.ISO_8859_1))
                .contains("     31   received");
        String index = Files.readString(dir.resolve("index.html"));
        assertThat(index).contains("<th>mx1</th>").contains("<th>mx2</th>").contains("<div class=\"big n\">29</div>");
        assertThat(index).contains("rev 2");
    }

    @Test
    void theOverviewShowsTheNewestDaysAndForgetsOlderOnesButNotTheirReports(@TempDir Path dir) throws Exception {
        ReportDirectory.Writer w = new ReportDirectory.Writer(dir, OPTIONS);
        LocalDate first = LocalDate.of(2026, 10, 1);
        for (int d = 0; d < 40; d++) {
            write(w, day("mx1", first.plusDays(d).toString(), 1, 3, 3));
        }
        write(w, alert("host.silent", "mx1", "2026-10-02T10:00:00", "2026-10-02T11:00:00", 2, "mx1"));
        write(w, alert("host.silent", "mx1", "2026-11-09T10:00:00", null, 1, "mx1"));
        w.flush(true);
        String index = Files.readString(dir.resolve("index.html"));
        assertThat(index.split("<th>2026-", -1)).hasSize(FleetOverview.DAYS_SHOWN + 1);
        assertThat(index)
                .contains("<th>2026-11-09</th>")
                .contains("<th>2026-10-10</th>")
                .doesNotContain("2026-10-09");
        assertThat(index).contains("<h3>2026-11-09</h3>").doesNotContain("2026-10-02");
        try (Stream<Path> files = Files.list(dir.resolve("mx1"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".txt"))).hasSize(40);
        }
        assertThat(Files.readString(dir.resolve(ReportDirectory.INDEX_DATA))).doesNotContain("2026-10-09");
    }

    @Test
    void aHostNameFromTheLogCannotReachOutsideTheFolder(@TempDir Path root) throws Exception {
        Path dir = root.resolve("reports");
        ReportDirectory.Writer w = new ReportDirectory.Writer(dir, OPTIONS);
        for (String host : List.of("../escaped", "a/b", ".hidden", "mx1")) {
            write(w, day(host, "2026-12-01", 1, 3, 3));
        }
        w.flush(true);
        try (Stream<Path> all = Files.walk(root)) {
            assertThat(all.filter(Files::isRegularFile)
                            .map(p -> dir.relativize(p).toString()))
                    .allSatisfy(p -> assertThat(p).doesNotStartWith(".."))
                    .contains(
                            "_._escaped/2026-12-01.txt",
                            "a_b/2026-12-01.html",
                            "_hidden/2026-12-01.txt",
                            "mx1/2026-12-01.txt");
        }
        String index = Files.readString(dir.resolve("index.html"));
        assertThat(index)
                .contains("href=\"a_b/2026-12-01.txt\"")
                .contains("<th>a/b</th>")
                .contains("<th>../escaped</th>");
        Matcher m = HREF.matcher(index);
        while (m.find()) {
            assertThat(dir.resolve(m.group(1))).exists();
        }
    }

    @Test
    void anUnreadableIndexDataStartsTheOverviewOverInsteadOfFailing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ReportDirectory.INDEX_DATA), "{\"days\": [truncated");
        ReportDirectory.Writer w = new ReportDirectory.Writer(dir, OPTIONS);
        write(w, day("mx1", "2026-12-01", 1, 3, 3));
        w.flush(true);
        assertThat(Files.readString(dir.resolve("index.html"))).contains("<th>mx1</th>");
        assertThat(Files.readString(dir.resolve(ReportDirectory.INDEX_DATA))).contains("\"mx1\"");
    }
}
