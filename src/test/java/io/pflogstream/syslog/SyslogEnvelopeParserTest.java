package io.pflogstream.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.config.YearRule;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogEnvelopeParserTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private final SyslogEnvelopeParser parser =
            new SyslogEnvelopeParser(ReportOptions.defaults(TODAY).read());

    private SyslogLine postfix(SyslogEnvelopeParser p, String raw) {
        EnvelopeResult r = p.parse(raw, 7);
        assertThat(r).isInstanceOf(EnvelopeResult.Postfix.class);
        return ((EnvelopeResult.Postfix) r).line();
    }

    @Test
    void traditionalStampWithASpacePaddedDay() {
        SyslogLine l = postfix(parser, "Nov  5 09:15:02 mail postfix/smtpd[17532]: connect from x[1.2.3.4]");
        assertThat(l.month()).isEqualTo(10);
        assertThat(l.day()).isEqualTo(5);
        assertThat(l.hour()).isEqualTo(9);
        assertThat(l.second()).isEqualTo(2);
        assertThat(l.host()).isEqualTo("mail");
        assertThat(l.daemon()).isEqualTo("smtpd");
        assertThat(l.token()).isEqualTo("connect");
        assertThat(l.seq()).isEqualTo(7);
        assertThat(l.remainder()).isEqualTo("postfix/smtpd[17532]: connect from x[1.2.3.4]");
    }

    @Test
    void postlogdZeroPadsTheDay() {
        assertThat(postfix(parser, "Nov 05 09:15:02 mail postfix/qmgr[2]: ABC: removed")
                        .day())
                .isEqualTo(5);
    }

    @Test
    void rfc3339WithFractionAndOffsetKeepsTheWrittenWallClock() {
        SyslogLine l =
                postfix(parser, "2026-11-27T21:05:18.123456+09:00 mx1 postfix/cleanup[9]: ABC: message-id=<a@b>");
        assertThat(l.hour()).isEqualTo(21);
        assertThat(l.minute()).isEqualTo(5);
        assertThat(l.host()).isEqualTo("mx1");
        assertThat(l.dateKey()).isEqualTo(20261127);
        assertThat(postfix(parser, "2026-11-27T21:05:18Z mx1 postfix/cleanup[9]: ABC: removed")
                        .second())
                .isEqualTo(18);
    }

    @Test
    void monthAfterTodaysMonthMeansLastYearAsPflogsummGuesses() {
        SyslogEnvelopeParser january = new SyslogEnvelopeParser(
                ReportOptions.defaults(LocalDate.of(2027, 1, 2)).read());
        assertThat(postfix(january, "Dec 31 23:59:59 mail postfix/qmgr[2]: ABC: removed")
                        .year())
                .isEqualTo(2026);
        assertThat(postfix(january, "Jan  1 00:00:01 mail postfix/qmgr[2]: ABC: removed")
                        .year())
                .isEqualTo(2027);
        // pflogsumm overwrites even an RFC 3339 year; --exact-years keeps it
        assertThat(postfix(january, "2019-01-01T00:00:01+00:00 mail postfix/qmgr[2]: ABC: removed")
                        .year())
                .isEqualTo(2027);
        SyslogEnvelopeParser exact = new SyslogEnvelopeParser(ReportOptions.builder(LocalDate.of(2027, 1, 2))
                .yearRule(YearRule.HONOUR_RFC3339)
                .build()
                .read());
        assertThat(postfix(exact, "2019-01-01T00:00:01+00:00 mail postfix/qmgr[2]: ABC: removed")
                        .year())
                .isEqualTo(2019);
    }

    @Test
    void solarisMessageIdsAreDropped() {
        SyslogLine l =
                postfix(parser, "Nov 27 10:00:00 mail postfix/smtpd[1]: [ID 197553 mail.info] connect from x[1.2.3.4]");
        assertThat(l.token()).isEqualTo("connect");
    }

    @Test
    void serviceNamesAsPflogsummReadsThem() {
        assertThat(postfix(parser, "Nov 27 10:00:00 m postfix/submission/smtpd[1]: ABC: client=x[1.2.3.4]")
                        .daemon())
                .isEqualTo("smtpd");
        assertThat(postfix(parser, "Nov 27 10:00:00 m postfix/smtps/smtpd[1]: ABC: client=x[1.2.3.4]")
                        .daemon())
                .isEqualTo("smtpd");
        // pflogsumm 1.1.5 keeps other service prefixes in the daemon name
        assertThat(postfix(parser, "Nov 27 10:00:00 m postfix/relay/smtp[1]: ABC: to=<a@b>")
                        .daemon())
                .isEqualTo("relay/smtp");
        assertThat(postfix(parser, "Nov 27 10:00:00 m postfix/sender-cleanup/cleanup[1]: ABC: message-id=<x>")
                        .daemon())
                .isEqualTo("sender-cleanup/cleanup");
        SyslogLine script =
                postfix(parser, "Nov 27 10:00:00 m postfix/postfix-script[99]: starting the Postfix mail system");
        assertThat(script.daemon()).isEqualTo("postfix-script");
    }

    @Test
    void otherInstancesCountOnlyWhenNamedWithSyslogName() {
        String line =
                "Nov 27 10:00:00 m postfix-out/smtp[1]: ABC: to=<a@b.example>, relay=none, delay=1, status=sent (x)";
        assertThat(parser.parse(line, 1)).isInstanceOf(EnvelopeResult.OtherProgram.class);
        SyslogEnvelopeParser named = new SyslogEnvelopeParser(ReportOptions.builder(TODAY)
                .syslogNames(List.of("postfix-out", "postfix-in"))
                .build()
                .read());
        assertThat(postfix(named, line).daemon()).isEqualTo("smtp");
    }

    @Test
    void otherProgramsAreSkippedNotErrors() {
        EnvelopeResult r = parser.parse("Nov 27 10:00:00 mail dovecot: imap-login: Login: user=<a>", 1);
        assertThat(r).isEqualTo(new EnvelopeResult.OtherProgram("dovecot"));
    }

    @Test
    void linesWithoutATimestampAreMalformedWithAReason() {
        EnvelopeResult r = parser.parse("Jan: 1 00:00:00 hostname postfix/postscreen[12345]: foo", 1);
        assertThat(r).isInstanceOf(EnvelopeResult.Malformed.class);
        assertThat(((EnvelopeResult.Malformed) r).reason()).contains("timestamp");
        assertThat(parser.parse("", 2)).isInstanceOf(EnvelopeResult.Malformed.class);
        assertThat(parser.parse("Foo 27 10:00:00 mail postfix/smtpd[1]: x", 3))
                .isInstanceOf(EnvelopeResult.Malformed.class);
    }

    @Test
    void dayFilterKeepsOnlyThatDaysLinesAsPflogsummMatchesThem() {
        SyslogEnvelopeParser yesterday = new SyslogEnvelopeParser(
                ReportOptions.builder(TODAY).dayFilter("yesterday").build().read());
        assertThat(yesterday.parse("Nov 26 10:00:00 m postfix/qmgr[2]: A: removed", 1))
                .isInstanceOf(EnvelopeResult.Postfix.class);
        assertThat(yesterday.parse("2026-11-26T10:00:00+00:00 m postfix/qmgr[2]: A: removed", 1))
                .isInstanceOf(EnvelopeResult.Postfix.class);
        assertThat(yesterday.parse("Nov 27 10:00:00 m postfix/qmgr[2]: A: removed", 1))
                .isInstanceOf(EnvelopeResult.OutsideDay.class);
    }

    @Test
    void aTimeZoneMovesRfc3339StampsOntoItsClockAndLeavesTraditionalOnesAlone() {
        SyslogEnvelopeParser utc = new SyslogEnvelopeParser(ReportOptions.builder(TODAY)
                .timeZone(java.time.ZoneId.of("UTC"))
                .build()
                .read());
        SyslogLine tokyo = postfix(utc, "2026-11-27T08:30:00.5+09:00 mx1 postfix/qmgr[2]: ABC: removed");
        assertThat(tokyo.day()).isEqualTo(26);
        assertThat(tokyo.hour()).isEqualTo(23);
        assertThat(tokyo.minute()).isEqualTo(30);
        assertThat(postfix(utc, "Nov 27 08:30:00 mx1 postfix/qmgr[2]: ABC: removed")
                        .hour())
                .isEqualTo(8);
        // without a zone, the wall clock as written (pflogsumm)
        assertThat(postfix(parser, "2026-11-27T08:30:00.5+09:00 mx1 postfix/qmgr[2]: ABC: removed")
                        .hour())
                .isEqualTo(8);
    }
}
