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

    /**
     * The detectors' thresholds: the defaults with each {@code NAME=VALUE} of {@code --alert-setting}
     * (docs/alerts.md lists them): a count, a duration like 30m, or a share like 0.5.
     */
    static io.pflogstream.alert.AlertSettings alertSettings(java.util.List<String> settings) throws UsageException {
        var s = io.pflogstream.alert.AlertSettings.defaults();
        for (String setting : settings) {
            int eq = setting.indexOf('=');
            String name = eq < 0 ? setting : setting.substring(0, eq);
            Class<?> type = io.pflogstream.alert.AlertSettings.typeOf(name);
            if (eq < 0 || type == null) {
                throw new UsageException("--alert-setting takes NAME=VALUE with NAME one of "
                        + String.join(", ", io.pflogstream.alert.AlertSettings.names()) + ", not '" + setting + "'");
            }
            String option = "--alert-setting " + name;
            String v = setting.substring(eq + 1);
            Object value;
            if (type == Duration.class) {
                value = duration(option, v);
                if (((Duration) value).isZero()) {
                    throw new UsageException(option + " takes a duration above zero, not '" + v + "'");
                }
            } else if (type == int.class) {
                try {
                    value = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    value = 0;
                }
                if ((int) value < 1) {
                    throw new UsageException(option + " takes a count of 1 or more, not '" + v + "'");
                }
            } else {
                try {
                    value = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    value = -1.0;
                }
                if (!((double) value > 0 && (double) value <= 1)) {
                    throw new UsageException(
                            option + " takes a share above 0 and at most 1, like 0.5, not '" + v + "'");
                }
            }
            s = s.with(name, value);
        }
        return s;
    }

    /** A maximum line length: room for any real syslog line, and a bound on one line's memory. */
    static int maxLineLength(int n) throws UsageException {
        if (n < 256 || n > 64 * 1024 * 1024) {
            throw new UsageException("--max-line-length takes a number of bytes from 256 to 67108864, not " + n);
        }
        return n;
    }
}
