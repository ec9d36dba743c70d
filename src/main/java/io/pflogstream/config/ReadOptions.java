package io.pflogstream.config;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * How lines are read: which are Postfix's and which dates count (the syslog envelope), and how the
 * Postfix parser reads addresses and reasons (pflogsumm's normalising flags). Built by
 * {@link ReportOptions.Builder}.
 *
 * @param today the clock: the date pflogsumm's year guess and {@code -d today} are relative to
 * @param yearsFollowLines traditional stamps dated per host from its earlier lines, so that a log
 *     running from December into January keeps its years apart ({@code --exact}, or {@code --year})
 * @param deferralReasons keep a deferral's reason text (for the deferral detail table)
 * @param bounceReasons keep a bounce's reason text
 * @param smtpFailures read smtp's "connect to" failures (for the smtp delivery failures table)
 */
public record ReadOptions(
        LocalDate today,
        YearRule yearRule,
        Integer year,
        ZoneId timeZone,
        List<String> syslogNames,
        String dayFilter,
        LocalDate dateFrom,
        LocalDate dateTo,
        int maxLineLength,
        boolean yearsFollowLines,
        boolean verboseMsgDetail,
        boolean ignoreCase,
        boolean uucpMung,
        Integer verpMung,
        boolean srsMung,
        boolean useOrigTo,
        boolean rejectAddFrom,
        boolean rejectAddTo,
        boolean deferralReasons,
        boolean bounceReasons,
        boolean smtpFailures)
        implements Serializable {

    /** The date pflogsumm's {@code -d} keeps, or null when unset. */
    public LocalDate filterDate() {
        if (dayFilter == null) {
            return null;
        }
        return switch (dayFilter) {
            case "today" -> today;
            case "yesterday" -> today.minusDays(1);
            default -> throw new IllegalArgumentException("-d takes today or yesterday, not " + dayFilter);
        };
    }
}
