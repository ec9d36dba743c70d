package io.pflogstream.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.Requires;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: every log of ../shared/corpus and of the project's own fixtures
 * (src/test/resources/golden, made by scripts/regen-golden.sh) against the output pflogsumm 1.1.5
 * printed for it with each option set, byte for byte up to the order of tied rows.
 */
class GoldenReportsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    /** The corpus README's variants and the pflogsumm options each was made with. */
    static final Map<String, List<String>> VARIANTS = Map.of(
            "default", List.of(),
            "smtpd-stats", List.of("--smtpd-stats"),
            "verbose-msg-detail", List.of("--verbose-msg-detail"),
            "e", List.of("-e"),
            "problems-first", List.of("--problems-first"),
            "iso-date-time", List.of("--iso-date-time"),
            "zero-fill", List.of("--zero-fill"),
            "u5-h5", List.of("-u", "5", "-h", "5"));

    static final Path OWN_FIXTURES = Path.of("src/test/resources/golden");

    static Stream<Arguments> references() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        addReferences(ReportHarness.shared().resolve("corpus"), cases);
        addReferences(OWN_FIXTURES, cases);
        return cases.stream();
    }

    private static void addReferences(Path corpus, List<Arguments> cases) throws IOException {
        if (!Files.isDirectory(corpus)) {
            cases.add(Arguments.of("(no " + corpus + ")", "", null));
            return;
        }
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path log :
                    files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                String base = log.getFileName().toString().replaceFirst("\\.log$", "");
                for (String variant : VARIANTS.keySet().stream().sorted().toList()) {
                    Path expected = corpus.resolve(base + ".pflogsumm." + variant + ".txt");
                    if (Files.exists(expected)) {
                        cases.add(Arguments.of(base, variant, log));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("references")
    void reportMatchesPflogsumm(String base, String variant, Path log) throws Exception {
        Requires.sharedData(log != null, base + " is not present");
        Path todayFile = log.resolveSibling(base + ".today");
        LocalDate today = Files.exists(todayFile)
                ? LocalDate.parse(Files.readString(todayFile).trim())
                : ReportHarness.CORPUS_DAY;
        List<String> args = VARIANTS.get(variant);
        Path expectedFile = log.resolveSibling(base + ".pflogsumm." + variant + ".txt");
        String expected = Files.readString(expectedFile, StandardCharsets.ISO_8859_1);

        String actual = ReportHarness.report(List.of(log), args, today);

        assertThat(TiedRows.canonical(actual)).isEqualTo(TiedRows.canonical(expected));
    }
}
