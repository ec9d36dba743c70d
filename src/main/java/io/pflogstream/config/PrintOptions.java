package io.pflogstream.config;

import java.io.Serializable;

/**
 * What the report prints and how it counts: pflogsumm's output flags (a limit of -1 means "all",
 * 0 "none", as in pflogsumm) and {@code --exact}'s corrections. Built by {@link ReportOptions.Builder}.
 *
 * @param exact the corrected mode: averages over the number of distinct days, fractional per-hour
 *     averages, a message handed to a content filter counted once
 * @param delayPercentiles print the delivery-delay percentiles after pflogsumm's tables
 */
public record PrintOptions(
        int hostLimit,
        int userLimit,
        int bounceDetail,
        int deferralDetail,
        int rejectDetail,
        int smtpDetail,
        int smtpdWarningDetail,
        boolean messageDetail,
        boolean quiet,
        boolean problemsFirst,
        boolean isoDateTime,
        boolean zeroFill,
        boolean smtpdStats,
        boolean noNoMsgSize,
        Integer colWidth,
        boolean postscreenStats,
        int postscreenDetail,
        boolean exact,
        boolean delayPercentiles)
        implements Serializable {}
