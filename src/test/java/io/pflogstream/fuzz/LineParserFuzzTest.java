package io.pflogstream.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.parse.LineParser;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Jazzer drives the parse stage with bytes it evolves towards new code paths: no exception may
 * escape, the parser's last guard must never be needed, and the report's byte path and the
 * stream's String path must agree. Under plain {@code mvn test} it replays its seeds (the files
 * beside this class in src/test/resources); {@code JAZZER_FUZZ=1} (scripts/fuzz.sh) searches.
 */
class LineParserFuzzTest {
    private static final ReportOptions OPTIONS = ReportOptions.defaults(LocalDate.of(2026, 11, 27));
    private final LineParser bytes = new LineParser(OPTIONS.read());
    private final LineParser strings = new LineParser(OPTIONS.read());

    @FuzzTest(maxDuration = "60s")
    void anyLineIsAnEventOrADeadLetterWithItsReason(byte[] input) {
        byte[] line = input.clone();
        for (int i = 0; i < line.length; i++) {
            if (line[i] == '\n') {
                line[i] = ' '; // the reader splits lines there
            }
        }
        LineParser.Outcome byBytes = bytes.parse(line, 0, line.length, 1);
        LineParser.Outcome byString = strings.parse(new String(line, StandardCharsets.ISO_8859_1), 1);
        assertThat(byString).isEqualTo(byBytes);
        if (byBytes == LineParser.Outcome.MALFORMED || byBytes == LineParser.Outcome.UNRECOGNIZED) {
            assertThat(bytes.reason())
                    .doesNotStartWith(LineParser.INTERNAL_ERROR)
                    .isEqualTo(strings.reason());
        }
        if (byBytes == LineParser.Outcome.EVENT) {
            assertThat(bytes.event()).isEqualTo(strings.event());
        }
    }
}
