package io.pflogstream.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A run whose summary is far larger than Flink's collect-sink default batch (2 MB) still reports. */
class LargeSummaryTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    @Test
    void aHundredAndFiftyThousandDistinctRecipients(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("many-recipients.log");
        int n = 150_000;
        try (BufferedWriter w = Files.newBufferedWriter(log, StandardCharsets.ISO_8859_1)) {
            for (int i = 0; i < n; i++) {
                w.write(String.format(
                        "Nov 27 %02d:%02d:%02d mail postfix/smtp[77]: %05X0: to=<recipient%d@example%d.org>, "
                                + "relay=mx.example.org[192.0.2.1]:25, delay=0.%02d, delays=0/0/0/0, dsn=2.0.0, status=sent (250 ok)\n",
                        i / 7200 % 24, i / 120 % 60, i / 2 % 60, i, i, i % 50, i % 100));
            }
        }
        String report = ReportHarness.report(List.of(log), List.of(), ReportHarness.CORPUS_DAY);
        assertThat(report)
                .contains(" 150000   delivered\n")
                .contains(" 150000   recipients\n")
                .contains("     50   recipient hosts/domains\n");
    }
}
