package io.pflogstream.syslog;

/**
 * One syslog line with its envelope taken apart.
 *
 * <p>{@code remainder} is everything after the host field ("postfix/smtpd[123]: ..."), which is what
 * pflogsumm's own patterns look at. {@code daemon} and {@code token} are pflogsumm's {@code $cmd}
 * and {@code $qid}: the Postfix program name and the first word after the tag's ": ".
 *
 * @param seq position of the line in its input (file order), used to replay pflogsumm's
 *     order-dependent arithmetic after a parallel aggregation
 * @param month 0-based, as pflogsumm counts
 */
public record SyslogLine(
        long seq,
        String host,
        int year,
        int month,
        int day,
        int hour,
        int minute,
        int second,
        String remainder,
        String daemon,
        String token) {

    /** Wall-clock time of the line as epoch milliseconds, the zone ignored (pflogsumm's clock). */
    public long timestampMillis() {
        return CivilTime.epochMillis(year, month, day, hour, minute, second);
    }

    /** The date as yyyymmdd with a 1-based month. */
    public int dateKey() {
        return year * 10000 + (month + 1) * 100 + day;
    }
}
