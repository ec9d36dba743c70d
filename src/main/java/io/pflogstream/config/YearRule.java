package io.pflogstream.config;

/** How a log line's year is chosen. */
public enum YearRule {
    /**
     * pflogsumm 1.1.5: a month after the current month means last year, otherwise this year; the
     * year written in an RFC 3339 stamp is ignored.
     */
    PFLOGSUMM,
    /** RFC 3339 years are honoured; traditional stamps use the pflogsumm rule. */
    HONOUR_RFC3339
}
