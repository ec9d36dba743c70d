package io.pflogstream.cli;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Option values both commands take, each refused with one line that says what was expected. */
final class OptionValues {
    private static final Pattern DURATION = Pattern.compile("^(\\d+)(ms|s|m|h|d)$");

    private OptionValues() {}

    static LocalDate date(String option, String v) throws UsageException {
        try {
            return LocalDate.parse(v);
        } catch (DateTimeException e) {
            throw new UsageException(option + " takes a date like 2026-11-27, not '" + v + "'");
        }
    }

    static ZoneId zone(String option, String v) throws UsageException {
        try {
            return ZoneId.of(v);
        } catch (DateTimeException e) {
            throw new UsageException(option + " takes a zone like UTC or Europe/Paris, not '" + v + "'");
        }
    }

    static Duration duration(String option, String v) throws UsageException {
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw new UsageException(option + " takes a duration like 10s, 5m or 1h, not '" + v + "'");
        }
        try {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UsageException(option + " takes a duration like 10s, 5m or 1h, not '" + v + "' (too long)");
        }
    }

    /** A maximum line length: room for any real syslog line, and a bound on one line's memory. */
    static int maxLineLength(int n) throws UsageException {
        if (n < 256 || n > 64 * 1024 * 1024) {
            throw new UsageException("--max-line-length takes a number of bytes from 256 to 67108864, not " + n);
        }
        return n;
    }
}
