package io.pflogstream.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.Requires;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet overview as a person sees it: rendered offline by headless Chromium, its charts drawn. */
@Tag(Requires.CHROMIUM)
class FleetOverviewScreenshotTest {
    @Test
    void theOverviewRendersOfflineWithEveryCellsHoursAndTheIncidentMarks(@TempDir Path dir) throws Exception {
        Random r = new Random(5);
        Map<String, Map<String, FleetOverview.Day>> days = new TreeMap<>();
        for (String host : List.of("fleet", "mx1", "mx2", "mx3")) {
            for (int d = 0; d < 5; d++) {
                long[] in = new long[24];
                long[] out = new long[24];
                for (int h = 7; h < 20; h++) {
                    in[h] = 20 + r.nextInt(80);
                    out[h] = in[h] - r.nextInt(10);
                }
                days.computeIfAbsent(host, k -> new TreeMap<>())
                        .put(
                                LocalDate.of(2026, 11, 26).plusDays(d).toString(),
                                new FleetOverview.Day(1, 900, 850, 12, 4, 30, 0, 0, 900_000, 0.42, in, out));
            }
        }
        List<FleetOverview.Incident> incidents = List.of(new FleetOverview.Incident(
                "provider.rate-limit",
                "google",
                "resolved",
                "2026-11-30T10:00:00",
                "2026-11-30T11:20:00",
                List.of("mx1", "mx2"),
                30,
                3));
        String html = FleetOverview.html(days, incidents);
        assertThat(html).doesNotContain("<script").doesNotContain("src=").doesNotContain("<link");

        BufferedImage image = Chromium.screenshot(html, dir, 1100, 900);
        // 20 cells of 13 hours, two bars each: the blue and green of their bars are drawn
        assertThat(Chromium.pixels(image, 0x3b7dd8)).isGreaterThan(2000);
        assertThat(Chromium.pixels(image, 0x2e9e5b)).isGreaterThan(2000);
        // the incident's mark on the cells of the hosts it involved (and the fleet's), and the legend
        assertThat(Chromium.pixels(image, 0xd9534f)).isGreaterThan(3 * 4 * 40);
    }
}
