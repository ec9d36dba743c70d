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

        BufferedImage image = Chromium.screenshot(html, dir, 1000, 1200);
        assertThat(image.getWidth()).isEqualTo(1000);
        // the per-hour chart's received (blue) and delivered (green) bars are on the first screen
        assertThat(Chromium.pixels(image, 0x3b7dd8)).isGreaterThan(500);
        assertThat(Chromium.pixels(image, 0x2e9e5b)).isGreaterThan(500);
    }
}
