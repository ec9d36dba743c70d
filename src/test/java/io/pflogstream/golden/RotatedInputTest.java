package io.pflogstream.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pflogstream.Requires;
import io.pflogstream.generate.LogGenerator;
import io.pflogstream.io.RotatedLogs;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A log rotated by logrotate into .xz, .bz2, .gz and plain pieces reads as the one log it was. */
@Tag(Requires.PFLOGSUMM)
class RotatedInputTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    @Test
    void aDirectoryOfRotationsIsReadOldestFirstWhateverTheCompression(@TempDir Path dir) throws Exception {
        StringWriter log = new StringWriter();
        new LogGenerator(new LogGenerator.Spec(5, 1, 4, 800, LocalDate.of(2026, 11, 20), false, false), log).run();
        List<String> lines = Arrays.asList(log.toString().split("\n"));
        Path whole = dir.resolve("whole.log");
        Files.write(whole, lines, StandardCharsets.ISO_8859_1);

        Path rotated = Files.createDirectory(dir.resolve("rotated"));
        int quarter = lines.size() / 4;
        write(rotated.resolve("mail.log.3.xz"), lines.subList(0, quarter), "xz");
        write(rotated.resolve("mail.log.2.bz2"), lines.subList(quarter, 2 * quarter), "bz2");
        write(rotated.resolve("mail.log.1.gz"), lines.subList(2 * quarter, 3 * quarter), "gz");
        write(rotated.resolve("mail.log"), lines.subList(3 * quarter, lines.size()), "");

        assertThat(RotatedLogs.inOrder(rotated))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("mail.log.3.xz", "mail.log.2.bz2", "mail.log.1.gz", "mail.log");
        List<Path> inOrder = new ArrayList<>(RotatedLogs.inOrder(rotated));
        String fromPieces = ReportHarness.report(inOrder, List.of("--smtpd-stats"), LocalDate.of(2026, 11, 27));
        String fromWhole = ReportHarness.report(List.of(whole), List.of("--smtpd-stats"), LocalDate.of(2026, 11, 27));
        assertThat(fromPieces).isEqualTo(fromWhole).contains("Per-Day Traffic Summary");

        Requires.pflogsumm();
        String expected = Pflogsumm.run(List.of("--smtpd-stats"), List.of(whole), LocalDate.of(2026, 11, 27));
        assertThat(TiedRows.canonical(fromPieces)).isEqualTo(TiedRows.canonical(expected));
    }

    @Test
    void datedRotationsSortByDateAndAFolderOfDifferentLogsIsRefused(@TempDir Path dir) throws Exception {
        for (String name : List.of("mail.log", "mail.log-20261126.gz", "mail.log-20261124.bz2", "mail.log-20261125")) {
            Files.writeString(dir.resolve(name), "");
        }
        assertThat(RotatedLogs.inOrder(dir))
                .extracting(p -> p.getFileName().toString())
                .containsExactly("mail.log-20261124.bz2", "mail.log-20261125", "mail.log-20261126.gz", "mail.log");
        Files.writeString(dir.resolve("mail.err"), "");
        assertThatThrownBy(() -> RotatedLogs.inOrder(dir)).hasMessageContaining("several logs (mail.err, mail.log)");
    }

    private static void write(Path file, List<String> lines, String compression) throws Exception {
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = switch (compression) {
                    case "gz" -> new GZIPOutputStream(raw);
                    case "bz2" -> new BZip2CompressorOutputStream(raw);
                    case "xz" -> new XZCompressorOutputStream(raw);
                    default -> raw;
                }) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
