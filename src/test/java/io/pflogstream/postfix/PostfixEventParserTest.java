package io.pflogstream.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.postfix.PostfixEvent.DaemonProblem.Severity;
import io.pflogstream.syslog.EnvelopeResult;
import io.pflogstream.syslog.SyslogEnvelopeParser;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PostfixEventParserTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private static PostfixEvent parse(String message) {
        return parse(ReportOptions.defaults(TODAY), message);
    }

    private static PostfixEvent parse(ReportOptions options, String line) {
        String raw = line.matches("^[A-Z][a-z]{2} .*") ? line : "Nov 27 21:17:14 mail " + line;
        EnvelopeResult r = new SyslogEnvelopeParser(options.read()).parse(raw, 1);
        return new PostfixEventParser(options.read()).parse(((EnvelopeResult.Postfix) r).line());
    }

    /** A SASL failure stays a warning (pflogsumm counts it so) and gives up its facts as fields. */
    @Test
    void aSaslFailureWarningNamesItsClientMethodAndUser() {
        PostfixEvent e = parse("postfix/submission/smtpd[17548]: warning: dyn-10-0-0-10.cable.example.net[127.0.0.10]: "
                + "SASL PLAIN authentication failed: authentication failure, sasl_username=sales@mail.example.com");
        assertThat(e).isInstanceOf(PostfixEvent.DaemonProblem.class);
        assertThat(SaslFailure.of(((PostfixEvent.DaemonProblem) e).line()))
                .isEqualTo(new SaslFailure(
                        "dyn-10-0-0-10.cable.example.net",
                        "127.0.0.10",
                        "PLAIN",
                        "authentication failure",
                        "sales@mail.example.com"));
        PostfixEvent v6 = parse(
                "postfix/smtpd[7]: warning: unknown[2001:db8::1]: SASL LOGIN authentication failed: " + "UGFzc3dvcmQ6");
        assertThat(SaslFailure.of(((PostfixEvent.DaemonProblem) v6).line()))
                .isEqualTo(new SaslFailure("unknown", "2001:db8::1", "LOGIN", "UGFzc3dvcmQ6", null));
        for (String other : new String[] {
            "postfix/smtpd[7]: warning: database /etc/postfix/x.db is older than source file",
            "postfix/smtpd[7]: warning: hostname x.example does not resolve to address 192.0.2.1",
            "postfix/smtpd[7]: warning: the client [192.0.2.1]: SASL LOGIN authentication failed: x"
        }) {
            assertThat(SaslFailure.of(((PostfixEvent.DaemonProblem) parse(other)).line()))
                    .as(other)
                    .isNull();
        }
    }

    @Test
    void smtpdClientLineIsAReceivedMessageWithItsSaslUser() {
        PostfixEvent e = parse("postfix/submission/smtpd[3646210]: 838FC8A5F: client=unknown[fe80::1:2:3:4], "
                + "sasl_method=PLAIN, sasl_username=out@example.org");
        assertThat(e)
                .isEqualTo(new PostfixEvent.Received(
                        e.origin(), "838FC8A5F", "fe80::1:2:3:4", "unknown[fe80::1:2:3:4]", "out@example.org"));
        assertThat(e.origin().daemon()).isEqualTo("smtpd");
    }

    @Test
    void pickupIsAReceivedMessageFromPickup() {
        PostfixEvent e = parse("postfix/pickup[17600]: 4BD6B16028A: uid=0 from=<root>");
        assertThat(e).isInstanceOf(PostfixEvent.Received.class);
        assertThat(((PostfixEvent.Received) e).source()).isEqualTo("pickup");
    }

    @Test
    void qmgrQueueEntryCarriesSenderSizeAndRecipientCount() {
        PostfixEvent e = parse(
                "postfix/qmgr[17514]: B807B16004A: from=<Billing@Example.COM>, size=23221, nrcpt=4 (queue active)");
        assertThat(e)
                .isEqualTo(new PostfixEvent.QueueEntry(e.origin(), "B807B16004A", "Billing@example.com", 23221, 4));
        PostfixEvent bounce = parse("postfix/qmgr[17514]: 4jbmZG40gZzBrL5: from=<>, size=2911, nrcpt=1 (queue active)");
        assertThat(((PostfixEvent.QueueEntry) bounce).sender()).isEqualTo("from=<>");
        assertThat(((PostfixEvent.QueueEntry) bounce).queueId()).isEqualTo("4jbmZG40gZzBrL5");
    }

    @Test
    void deliveryLinesWithOrigToAndConnUse() {
        PostfixEvent e =
                parse("postfix/smtp[17542]: 4BD6B16028A: to=<heidi@Down.Example>, orig_to=<travel@example.com>, "
                        + "relay=none, conn_use=2, delay=0.5, delays=0/0/0/0, dsn=4.4.1, status=deferred "
                        + "(connect to mx2.down.example[127.0.0.36]:25: Connection refused)");
        PostfixEvent.Delivery d = (PostfixEvent.Delivery) e;
        assertThat(d.recipient()).isEqualTo("heidi@down.example");
        assertThat(d.recipientDomain()).isEqualTo("down.example");
        assertThat(d.origRecipient()).isEqualTo("travel@example.com");
        assertThat(d.relay()).isEqualTo("none");
        assertThat(d.delay()).isEqualTo(0.5);
        assertThat(d.dsn()).isEqualTo("4.4.1");
        assertThat(d.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(d.reason()).isEqualTo("mx2.down.example[127.0.0.36]:25: Connection refused");
        assertThat(d.delays()).isEqualTo("0/0/0/0");
        assertThat(d.response()).isEqualTo("connect to mx2.down.example[127.0.0.36]:25: Connection refused");
    }

    @Test
    void bouncedReasonIsTrimmedLikePflogsumm() {
        PostfixEvent.Delivery d =
                (PostfixEvent.Delivery) parse("postfix/smtp[17542]: B807B16004A: to=<nouser@mixed.example>, "
                        + "relay=mx.mixed.example[127.0.0.28]:25, delay=0.19, delays=0.05/0.09/0.01/0.04, dsn=5.1.1, status=bounced "
                        + "(host mx.mixed.example[127.0.0.28] said: 550 5.1.1 <nouser@mixed.example>: Recipient address rejected: "
                        + "User unknown in virtual mailbox table (in reply to RCPT TO command))");
        assertThat(d.status()).isEqualTo(DeliveryStatus.BOUNCED);
        assertThat(d.reason()).isEqualTo("User unknown in virtual mailbox table (in reply to RCPT TO comm...");
    }

    @Test
    void forwardedDeliveriesAreMarked() {
        PostfixEvent.Delivery d = (PostfixEvent.Delivery)
                parse(
                        "postfix/local[17560]: 0C4B1160299: to=<dave@example.com>, "
                                + "relay=local, delay=0.03, delays=0.02/0/0/0.01, dsn=2.0.0, status=sent (forwarded as 0F3A21602A1)");
        assertThat(d.forwarded()).isTrue();
        assertThat(d.status()).isEqualTo(DeliveryStatus.SENT);
    }

    @Test
    void noqueueRejectIsAPolicyDecisionWithPflogsummsDetailKeys() {
        PostfixEvent e = parse(
                "postfix/smtpd[17600]: NOQUEUE: reject: RCPT from dyn-10-0-0-10.cable.example.net[127.0.0.10]: "
                        + "554 5.7.1 <x@example.org>: Relay access denied; from=<spam@example.net> to=<x@example.org> proto=ESMTP helo=<x>");
        assertThat(e)
                .isEqualTo(new PostfixEvent.PolicyDecision(
                        e.origin(),
                        PolicyAction.REJECT,
                        "RCPT",
                        "Relay access denied",
                        "example.net",
                        "NOQUEUE: reject: RCPT from dyn-10-0-0-10.cable.example.net"
                                + "[127.0.0.10]: 554 5.7.1 <x@example.org>: Relay access denied; from=<spam@example.net> to=<x@example.org> "
                                + "proto=ESMTP helo=<x>"));
        PostfixEvent unknown = parse("postfix/smtpd[1]: NOQUEUE: reject: RCPT from x.example.com[1.2.3.4]: 550 5.1.1 "
                + "<admin@example.com>: Recipient address rejected: User unknown in local recipient table; from=<a@b.example> "
                + "to=<admin@example.com> proto=ESMTP helo=<x>");
        assertThat(((PostfixEvent.PolicyDecision) unknown).reason())
                .isEqualTo("Recipient address rejected: User unknown in local recipient table");
        assertThat(((PostfixEvent.PolicyDecision) unknown).subject()).isEqualTo("admin@example.com");
    }

    @Test
    void postscreenRejectsUseCommasAndCountAsSmtpd() {
        PostfixEvent e =
                parse("postfix/postscreen[1]: NOQUEUE: reject: RCPT from [127.0.0.12]:40000: 550 5.5.1 Protocol error; "
                        + "from=<a@b.example>, to=<c@d.example>, proto=ESMTP, helo=<x>");
        PostfixEvent.PolicyDecision p = (PostfixEvent.PolicyDecision) e;
        assertThat(p.action()).isEqualTo(PolicyAction.REJECT);
        assertThat(p.reason()).isEqualTo("Protocol error");
    }

    @Test
    void rejectWarningHoldAndDiscard() {
        assertThat(((PostfixEvent.PolicyDecision)
                                parse("postfix/smtpd[1]: NOQUEUE: reject_warning: RCPT from unknown[127.0.0.17]: "
                                        + "450 4.7.1 Client host rejected: cannot find your hostname, [127.0.0.17]; from=<a@b.example> to=<c@d.example> "
                                        + "proto=ESMTP helo=<x>"))
                        .action())
                .isEqualTo(PolicyAction.REJECT_WARNING);
        assertThat(((PostfixEvent.PolicyDecision)
                                parse(
                                        "postfix/smtpd[1]: ABC123: hold: RCPT from unknown[127.0.0.18]: "
                                                + "<a@b.example>: Sender address triggers HOLD action; from=<a@b.example> to=<c@d.example> proto=ESMTP helo=<x>"))
                        .action())
                .isEqualTo(PolicyAction.HOLD);
        assertThat(((PostfixEvent.PolicyDecision)
                                parse(
                                        "postfix/smtpd[1]: NOQUEUE: discard: RCPT from unknown[127.0.0.19]: "
                                                + "<x>: Client host Client traffic silently discarded; from=<a@b.example> to=<c@d.example> proto=ESMTP helo=<x>"))
                        .action())
                .isEqualTo(PolicyAction.DISCARD);
    }

    @Test
    void cleanupHeaderChecksArePolicyDecisionsUnderCleanup() {
        PostfixEvent e = parse(
                "postfix/cleanup[17537]: BEE89160066: hold: header Subject: HOLD-FOR-REVIEW Re: budget Q4 from "
                        + "mail.partner.example[127.0.0.4]; from=<j@partner.example> to=<a@example.com> proto=ESMTP helo=<x>: held");
        PostfixEvent.PolicyDecision p = (PostfixEvent.PolicyDecision) e;
        assertThat(p.action()).isEqualTo(PolicyAction.HOLD);
        assertThat(p.stage()).isEqualTo("cleanup");
        assertThat(p.reason()).isEqualTo("header");
        assertThat(p.subject()).isEqualTo("Subject: HOLD-FOR-REVIEW Re: budget Q4");
    }

    @Test
    void warningsFatalsPanicsOfAnyDaemon() {
        PostfixEvent w = parse("postfix/smtpd[1]: warning: unknown[127.0.0.10]: SASL LOGIN authentication failed: "
                + "authentication failure and a long tail that goes past sixty-six characters");
        assertThat(((PostfixEvent.DaemonProblem) w).severity()).isEqualTo(Severity.WARNING);
        assertThat(((PostfixEvent.DaemonProblem) w).text()).hasSize(66).endsWith("...");
        PostfixEvent f = parse("postfix/sendmail[9]: fatal: root(0): Recipient addresses must be specified");
        assertThat(((PostfixEvent.DaemonProblem) f).severity()).isEqualTo(Severity.FATAL);
        assertThat(f.origin().daemon()).isEqualTo("sendmail");
        assertThat(((PostfixEvent.DaemonProblem) parse("postfix/qmgr[2]: panic: myfree: corrupt")).severity())
                .isEqualTo(Severity.PANIC);
    }

    @Test
    void masterMessages() {
        assertThat(parse("postfix/master[17512]: daemon started -- version 3.7.11, configuration /etc/postfix"))
                .isInstanceOf(PostfixEvent.MasterMessage.class)
                .extracting(e -> ((PostfixEvent.MasterMessage) e).text())
                .isEqualTo("daemon started -- version 3.7.11, configuration /etc/postfix");
    }

    @Test
    void smtpdConnectionsPairByPid() {
        PostfixEvent c = parse("postfix/smtpd[17532]: connect from app2.example.com[127.0.0.3]");
        assertThat(c).isEqualTo(new PostfixEvent.SmtpdConnect(c.origin(), "17532", "app2.example.com[127.0.0.3]"));
        PostfixEvent d =
                parse("postfix/smtpd[17532]: disconnect from app2.example.com[127.0.0.3] ehlo=1 mail=1 commands=2");
        assertThat(d).isEqualTo(new PostfixEvent.SmtpdDisconnect(d.origin(), "17532", "example.com"));
    }

    @Test
    void lifecycleLinesOfTheQueueManagerAndCleanup() {
        assertThat(parse("postfix/qmgr[17514]: C0EF0160068: removed")).isInstanceOf(PostfixEvent.Removed.class);
        assertThat(parse("postfix/cleanup[1]: C0EF0160068: message-id=<2026@partner.example>"))
                .isEqualTo(new PostfixEvent.MessageIdSeen(
                        parse("postfix/cleanup[1]: C0EF0160068: message-id=<2026@partner.example>")
                                .origin(),
                        "C0EF0160068",
                        "<2026@partner.example>"));
        assertThat(parse("postfix/qmgr[2]: ABC: from=<a@b.example>, status=expired, returned to sender"))
                .isInstanceOf(PostfixEvent.Expired.class);
    }

    @Test
    void postscreenVerdictsAreTyped() {
        PostfixEvent e = parse("postfix/postscreen[17531]: PASS NEW [127.0.0.5]:48549");
        assertThat(e).isEqualTo(new PostfixEvent.PostscreenVerdict(e.origin(), "PASS NEW", "127.0.0.5"));
        PostfixEvent v6 = parse("postfix/postscreen[1]: CONNECT from [2001:db8::1]:5000 to [::1]:25");
        assertThat(((PostfixEvent.PostscreenVerdict) v6).clientIp()).isEqualTo("2001:db8::1");
    }

    @Test
    void oldStyleSmtpConnectFailuresAreCountedNewStyleOnesAreNot() {
        assertThat(parse("postfix/smtp[1]: connect to mx2.down.example[192.0.2.98]: Connection timed out (port 25)"))
                .isInstanceOf(PostfixEvent.SmtpConnectFailure.class);
        // Postfix 3.x form: pflogsumm 1.1.5 does not know it, so it is a notice, not a failure row
        assertThat(parse("postfix/smtp[1]: connect to mx.down.example[127.0.0.25]:25: Connection refused"))
                .isInstanceOf(PostfixEvent.Notice.class);
    }

    @Test
    void aLineNoRuleKnowsIsUnrecognizedWithAReason() {
        PostfixEvent e = parse("postfix/smtpd[1]: something entirely new happened");
        assertThat(e).isInstanceOf(PostfixEvent.Unrecognized.class);
        assertThat(((PostfixEvent.Unrecognized) e).reason()).contains("smtpd");
    }

    @Test
    void dnsblogAnvilScacheTlsAndBounceLinesAreTyped() {
        PostfixEvent dnsbl =
                parse("postfix/dnsblog[7]: addr 61.238.241.86 listed by domain psbl.surriel.com as 127.0.0.2");
        assertThat(dnsbl)
                .isEqualTo(new PostfixEvent.DnsblListing(
                        dnsbl.origin(), "61.238.241.86", "psbl.surriel.com", "127.0.0.2"));

        PostfixEvent rate = parse(
                "postfix/anvil[9]: statistics: max connection rate 1/60s for (smtpd:2604:8d00:0:1::3) at Oct 26 17:46:59");
        assertThat(rate)
                .isEqualTo(new PostfixEvent.ServiceStatistic(
                        rate.origin(), "max connection rate", "1/60s", "smtpd:2604:8d00:0:1::3"));
        PostfixEvent hits = parse("postfix/scache[9]: statistics: domain lookup hits=3 miss=4 success=42%");
        assertThat(((PostfixEvent.ServiceStatistic) hits).value()).isEqualTo("hits=3 miss=4 success=42%");

        PostfixEvent tls =
                parse("postfix/smtpd[1]: Anonymous TLS connection established from mail.partner.example[127.0.0.4]: "
                        + "TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)");
        assertThat(tls)
                .isEqualTo(new PostfixEvent.TlsEstablished(
                        tls.origin(),
                        "Anonymous",
                        "from",
                        "mail.partner.example[127.0.0.4]",
                        "TLSv1.3",
                        "TLS_AES_256_GCM_SHA384"));

        PostfixEvent ndn = parse("postfix/bounce[17601]: 4BD6B16028A: sender non-delivery notification: 5C2A11602A0");
        assertThat(ndn)
                .isEqualTo(new PostfixEvent.NotificationQueued(
                        ndn.origin(), "4BD6B16028A", "non-delivery", "5C2A11602A0"));
    }
}
