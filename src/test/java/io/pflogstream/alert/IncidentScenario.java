package io.pflogstream.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * A two-host log with incidents whose truth is known, and controls that must stay quiet:
 * <ul>
 *   <li>from 10:00, Gmail rate-limits both hosts (a flattened multi-line 421 4.7.28), 12 times in
 *       22 minutes; at 10:40 and 10:45 mail to Gmail gets through from each: one incident
 *       provider.rate-limit/google, opened, resolved at 10:45;
 *   <li>from 11:00, 198.51.100.66 fails AUTH 12 times over both hosts (6 on each, under a per-host
 *       rule of 8), with four user names; at 11:05 it logs in as info@example.com on mx2: a
 *       sasl.brute-force incident and a sasl.login-after-attack one; from 11:06 it sends 30
 *       messages in three minutes as that user (who tried 3 of the failed names):
 *       sasl.volume-after-attack;
 *   <li>at 12:00 and 13:00 a message to stuck.example, queued 3 days ago, is deferred again: a
 *       queue.expiry-risk incident for stuck.example, resolved two quiet hours after 13:00;
 *   <li>mx3 logs every five minutes from 09:00, goes silent after 09:50 while mx1 and mx2 log on,
 *       and is back at 11:30: a host.silent incident for mx3, opened at 10:20, resolved at 11:30;
 *   <li>controls: a user who mistypes twice, logs in (192.0.2.50) and sends 25 messages, eight "mailbox full"
 *       deferrals and two Gmail per-mailbox rate replies, ordinary mail to Gmail and elsewhere;
 *       mx2 has no mail after 11:05 and mx1 none from 11:11 to 12:00, but they log on (a host without mail is not a silent one); every
 *       host is quiet after 13:00 (the end of the log is no silence).
 * </ul>
 */
public final class IncidentScenario {
    private IncidentScenario() {}

    private static int queue = 0x1000;

    public static List<String> lines() {
        List<String> out = new ArrayList<>();
        queue = 0x1000;
        for (int i = 0; i < 30; i++) { // ordinary traffic all morning
            String host = i % 2 == 0 ? "mx1" : "mx2";
            sent(
                    out,
                    host,
                    String.format("09:%02d:%02d", i * 2, i % 60),
                    "bob" + i + "@gmail.com",
                    "gmail-smtp-in.l.google.com[142.250.1.27]:25");
            sent(
                    out,
                    host,
                    String.format("09:%02d:%02d", i * 2, 30),
                    "carol@example.net",
                    "mx.example.net[198.51.100.7]:25");
        }
        for (int i = 0; i < 12; i++) {
            deferred(
                    out,
                    i % 2 == 0 ? "mx1" : "mx2",
                    String.format("10:%02d:00", i * 2),
                    "user" + i + "@gmail.com",
                    "gmail-smtp-in.l.google.com[142.250.1.27]:25",
                    "4.7.28",
                    "host gmail-smtp-in.l.google.com[142.250.1.27] said: 421-4.7.28 [203.0.113.5      15] Our system has "
                            + "detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. To "
                            + "protect our 421-4.7.28 users from spam, mail sent from your IP address has been temporarily "
                            + "421-4.7.28 rate limited. Please visit 421-4.7.28  "
                            + "https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.28 review our Bulk "
                            + "Email Senders Guidelines. d2si1 - gsmtp (in reply to end of DATA command)");
        }
        for (int i = 0; i < 8; i++) { // control: full mailboxes are not a provider's block
            deferred(
                    out,
                    "mx1",
                    String.format("10:%02d:30", i * 3),
                    "dave@example.net",
                    "mx.example.net[198.51.100.7]:25",
                    "4.2.2",
                    "host mx.example.net[198.51.100.7] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)");
        }
        for (int i = 0; i < 2; i++) { // control: one Gmail mailbox getting too much mail
            deferred(
                    out,
                    "mx2",
                    String.format("10:3%d:40", i),
                    "busy@gmail.com",
                    "gmail-smtp-in.l.google.com[142.250.1.27]:25",
                    "4.2.1",
                    "host gmail-smtp-in.l.google.com[142.250.1.27] said: 450-4.2.1 The user you are trying to "
                            + "contact is receiving mail too quickly. 450 4.2.1 Please resend your message at a later time. - "
                            + "gsmtp (in reply to RCPT TO command)");
        }
        sent(out, "mx1", "10:40:00", "erin@gmail.com", "gmail-smtp-in.l.google.com[142.250.1.27]:25");
        sent(out, "mx2", "10:45:00", "frank@gmail.com", "gmail-smtp-in.l.google.com[142.250.1.27]:25");
        String[] users = {"admin", "info@example.com", "test", "sales@example.com"};
        for (int i = 0; i < 12; i++) {
            out.add("Dec  1 11:0" + (i / 6) + ":" + String.format("%02d", (i % 6) * 9) + " "
                    + (i % 2 == 0 ? "mx1" : "mx2")
                    + " postfix/submission/smtpd[4242]: warning: unknown[198.51.100.66]: SASL LOGIN authentication "
                    + "failed: authentication failure, sasl_username=" + users[i % 4]);
        }
        out.add("Dec  1 11:05:00 mx2 postfix/submission/smtpd[4243]: 5A5A5A5A5A: client=unknown[198.51.100.66], "
                + "sasl_method=LOGIN, sasl_username=info@example.com");
        for (int i = 0; i < 30; i++) { // and floods mx2 with mail as info@example.com
            out.add(String.format(
                    "Dec  1 11:%02d:%02d mx2 postfix/submission/smtpd[4243]: 5B%08X: client=unknown[198.51.100.66], "
                            + "sasl_method=LOGIN, sasl_username=info@example.com",
                    6 + i / 10, (i % 10) * 6, i));
        }
        // control: a person mistypes twice, then logs in
        for (int i = 0; i < 2; i++) {
            out.add("Dec  1 11:10:0" + i
                    + " mx1 postfix/submission/smtpd[4250]: warning: laptop.example.org[192.0.2.50]: "
                    + "SASL PLAIN authentication failed: authentication failure, sasl_username=alice@example.com");
        }
        out.add(
                "Dec  1 11:10:20 mx1 postfix/submission/smtpd[4250]: 6B6B6B6B6B: client=laptop.example.org[192.0.2.50], "
                        + "sasl_method=PLAIN, sasl_username=alice@example.com");
        for (int i = 0; i < 25; i++) { // and sends her newsletter: a flood, but after no attack
            out.add(String.format(
                    "Dec  1 11:%02d:%02d mx1 postfix/submission/smtpd[4250]: 6C%08X: client=laptop.example.org[192.0.2.50],"
                            + " sasl_method=PLAIN, sasl_username=alice@example.com",
                    11 + i / 10, (i % 10) * 6, i));
        }
        for (String time : new String[] {"12:00:00", "13:00:00"}) {
            out.add("Dec  1 " + time + " mx1 postfix/smtp[100]: 0FFFF00001: to=<ops@stuck.example>, relay=none,"
                    + " delay=" + (time.startsWith("12") ? "259200" : "262800") + ", delays=259199/0/1/0, dsn=4.4.1,"
                    + " status=deferred (connect to mx.stuck.example[192.0.2.44]:25: Connection timed out)");
        }
        for (int minute = 0; minute <= 240; minute += 5) { // mx1, mx2 log on without mail; mx3 silent 09:50-11:30
            String time = String.format("%02d:%02d:15", 9 + minute / 60, minute % 60);
            out.add("Dec  1 " + time
                    + " mx2 postfix/anvil[50]: statistics: max connection rate 1/60s for (smtp:192.0.2.9)"
                    + " at Dec  1 " + time);
            out.add("Dec  1 " + time + " mx1 postfix/scache[52]: statistics: start interval Dec  1 " + time);
            if (minute <= 50 || minute >= 150) {
                out.add("Dec  1 " + time + " mx3 postfix/anvil[51]: statistics: max cache size 1 at Dec  1 " + time);
            }
        }
        out.sort(java.util.Comparator.comparing(l -> l.substring(0, 15)));
        return out;
    }

    private static String qid() {
        return String.format("%010X", queue++);
    }

    private static void sent(List<String> out, String host, String time, String to, String relay) {
        String q = qid();
        out.add("Dec  1 " + time + " " + host + " postfix/qmgr[99]: " + q
                + ": from=<news@example.com>, size=1200, nrcpt=1 (queue active)");
        out.add("Dec  1 " + time + " " + host + " postfix/smtp[100]: " + q + ": to=<" + to + ">, relay=" + relay
                + ", delay=0.4, delays=0.1/0/0.1/0.2, dsn=2.0.0, status=sent (250 2.0.0 OK)");
        out.add("Dec  1 " + time + " " + host + " postfix/qmgr[99]: " + q + ": removed");
    }

    private static void deferred(
            List<String> out, String host, String time, String to, String relay, String dsn, String reply) {
        String q = qid();
        out.add("Dec  1 " + time + " " + host + " postfix/qmgr[99]: " + q
                + ": from=<news@example.com>, size=1200, nrcpt=1 (queue active)");
        out.add("Dec  1 " + time + " " + host + " postfix/smtp[100]: " + q + ": to=<" + to + ">, relay=" + relay
                + ", delay=1.2, delays=0.1/0/0.5/0.6, dsn=" + dsn + ", status=deferred (" + reply + ")");
    }
}
