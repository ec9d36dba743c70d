package io.pflogstream.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.Requires;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.generate.LogGenerator;
import io.pflogstream.golden.ReportHarness;
import io.pflogstream.job.ReportRunner;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a person sees it: rendered by headless Chromium (Debian's, installed by
 * scripts/test.sh), with the network shut, then the screenshot is checked for the drawn charts.
 */
@Tag(Requires.CHROMIUM)
class HtmlReportScreenshotTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    @Test
    void theReportRendersOfflineWithItsChartsDrawn(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("three-days.log");
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.ISO_8859_1)) {
            new LogGenerator(new LogGenerator.Spec(8, 2, 3, 900, LocalDate.of(2026, 11, 20), false, false), w).run();
        }
        ReportOptions options = ReportOptions.defaults(LocalDate.of(2026, 11, 27));
        ReportRunner.Result result = ReportHarness.run(List.of(log), options);
        String html = HtmlReport.format(result.summary(), options, "Postfix log summary");

        // self-contained: nothing to fetch
        assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("<link");
        assertThat(html)
                .contains("<svg id=\"per-hour\"")
                .contains("<svg id=\"per-day\"")
                .contains("<td class=\"n\">" + result.summary().received + "</td><td>received</td>");

        Path chromium = Path.of("/usr/bin/chromium");
        Requires.that(Files.isExecutable(chromium), "chromium is not installed (scripts/test.sh installs it)");
        Path page = dir.resolve("report.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        Path png = dir.resolve("report.png");
        Process p = new ProcessBuilder(
                        chromium.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + dir.resolve("profile"),
                        "--window-size=1000,1200",
                        "--screenshot=" + png,
                        page.toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(png).exists();

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        // the per-hour chart's received (blue) and delivered (green) bars are on the first screen
        assertThat(pixels(image, 0x3b7dd8)).isGreaterThan(500);
        assertThat(pixels(image, 0x2e9e5b)).isGreaterThan(500);
    }

    private static int pixels(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
