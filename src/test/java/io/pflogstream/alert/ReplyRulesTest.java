package io.pflogstream.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replies as Postfix logs them (the text in parentheses after status=deferred or bounced), in the
 * shapes the providers send (docs/alerts.md names where each comes from), and the incident each
 * one feeds. Multi-line replies come flattened, with their continuation prefixes.
 */
class ReplyRulesTest {
    private static final ReplyRules RULES = ReplyRules.defaults();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            google.rate-limit | gmail-smtp-in.l.google.com[142.250.102.26]:25 | gmail.com | host gmail-smtp-in.l.google.com[142.250.102.26] said: 421-4.7.28 [203.0.113.5      15] Our system has detected an unusual rate of 421-4.7.28 unsolicited mail originating from your IP address. To protect our 421-4.7.28 users from spam, mail sent from your IP address has been temporarily 421-4.7.28 rate limited. Please visit 421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to 421 4.7.28 review our Bulk Email Senders Guidelines. a1si123 - gsmtp (in reply to end of DATA command) | google | rate-limit
            google.ip-block | alt1.gmail-smtp-in.l.google.com[142.250.153.27]:25 | example-customer.com | host alt1.gmail-smtp-in.l.google.com[142.250.153.27] said: 550-5.7.1 [203.0.113.5] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail, 550-5.7.1 this message has been blocked. Please visit 550 5.7.1 https://support.google.com/mail/?p=UnsolicitedMessageError x1si9 - gsmtp (in reply to end of DATA command) | google | ip-block
            google.reputation | gmail-smtp-in.l.google.com[142.250.102.26]:25 | gmail.com | host gmail-smtp-in.l.google.com[142.250.102.26] said: 421-4.7.0 [203.0.113.5] Our system has detected that this message is 421-4.7.0 suspicious due to the very low reputation of the sending IP address. 421 4.7.0 https://support.google.com/mail/answer/188131 - gsmtp (in reply to end of DATA command) | google | reputation
            google.authentication | gmail-smtp-in.l.google.com[142.250.102.26]:25 | gmail.com | host gmail-smtp-in.l.google.com[142.250.102.26] said: 550-5.7.26 This mail is unauthenticated, which poses a security risk to the 550-5.7.26 sender and Gmail users. 550 5.7.26 https://support.google.com/mail/answer/81126 - gsmtp (in reply to end of DATA command) | google | authentication
            google.ptr | gmail-smtp-in.l.google.com[2607:f8b0:4004:c07::1a]:25 | gmail.com | host gmail-smtp-in.l.google.com[2607:f8b0:4004:c07::1a] said: 550-5.7.25 [2001:db8::25] The IP address sending this message does not have a 550-5.7.25 PTR record setup, or the corresponding forward DNS entry does not 550 5.7.25 point to the sending IP. - gsmtp (in reply to end of DATA command) | google | ptr
            google.recipient-rate | gmail-smtp-in.l.google.com[142.250.102.26]:25 | gmail.com | host gmail-smtp-in.l.google.com[142.250.102.26] said: 450-4.2.1 The user you are trying to contact is receiving mail too quickly. 450 4.2.1 Please resend your message at a later time. - gsmtp (in reply to RCPT TO command) | google | ignore
            microsoft.ip-block | example-com.mail.protection.outlook.com[52.101.1.1]:25 | example.com | host example-com.mail.protection.outlook.com[52.101.1.1] said: 550 5.7.1 Service unavailable, Client host [203.0.113.5] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/203.0.113.5 (AS3130). (in reply to RCPT TO command) | spamhaus | dnsbl-listing
            microsoft.ip-block | outlook-com.olc.protection.outlook.com[52.101.2.2]:25 | outlook.com | host outlook-com.olc.protection.outlook.com[52.101.2.2] said: 550 5.7.1 Unfortunately, messages from [203.0.113.5] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. (in reply to MAIL FROM command) | microsoft | ip-block
            microsoft.ip-block | hotmail-com.olc.protection.outlook.com[52.101.2.2]:25 | hotmail.com | host hotmail-com.olc.protection.outlook.com[52.101.2.2] said: 550 5.7.606 Access denied, banned sending IP [203.0.113.5]. To request removal from this list please visit https://sender.office.com/ and follow the directions. (in reply to RCPT TO command) | microsoft | ip-block
            microsoft.rate-limit | outlook-com.olc.protection.outlook.com[52.101.2.2]:25 | outlook.com | host outlook-com.olc.protection.outlook.com[52.101.2.2] said: 451 4.7.650 The mail server [203.0.113.5] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://aka.ms/postmaster (S775) (in reply to MAIL FROM command) | microsoft | rate-limit
            yahoo.reputation | mta7.am0.yahoodns.net[67.195.204.72]:25 | yahoo.com | host mta7.am0.yahoodns.net[67.195.204.72] said: 421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command) | yahoo | reputation
            yahoo.hard-block | mta5.am0.yahoodns.net[67.195.228.106]:25 | aol.com | host mta5.am0.yahoodns.net[67.195.228.106] said: 553 5.7.2 [TSS09] All messages from 203.0.113.5 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes (in reply to MAIL FROM command) | yahoo | ip-block
            apple.authentication | mx01.mail.icloud.com[17.57.152.5]:25 | icloud.com | host mx01.mail.icloud.com[17.57.152.5] said: 554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication checks. (in reply to end of DATA command) | apple | authentication
            mimecast.reputation | eu-smtp-inbound-1.mimecast.com[195.130.217.1]:25 | example.co.uk | host eu-smtp-inbound-1.mimecast.com[195.130.217.1] said: 550 Poor Reputation Sender. - https://community.mimecast.com/docs/DOC-1369#550 [abc123.uk11] (in reply to RCPT TO command) | mimecast | reputation
            proofpoint.block | mx0a-001.pphosted.com[148.163.1.1]:25 | example.org | host mx0a-001.pphosted.com[148.163.1.1] said: 554 Blocked - see https://ipcheck.proofpoint.com/?ip=203.0.113.5 (in reply to MAIL FROM command) | proofpoint | ip-block
            dnsbl.barracuda | mx.small-business.example[198.51.100.10]:25 | small-business.example | host mx.small-business.example[198.51.100.10] said: 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using b.barracudacentral.org; https://www.barracudacentral.org/blocklists (in reply to RCPT TO command) | barracuda | dnsbl-listing
            dnsbl.open-resolver | mx.misconfigured.example[198.51.100.20]:25 | misconfigured.example | host mx.misconfigured.example[198.51.100.20] said: 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org; Error: open resolver; https://www.spamhaus.org/returnc/pub/172.16.1.1 (in reply to RCPT TO command) | misconfigured.example | receiver-misconfigured
            """)
    void aProvidersReplyFeedsItsIncident(
            String rule, String relay, String domain, String reply, String key, String cls) {
        ReplyRules.Verdict v = RULES.classify(relay, domain, reply);
        assertThat(v).as(reply).isNotNull();
        assertThat(v.key()).isEqualTo(key);
        assertThat(v.rule().ruleClass()).isEqualTo(cls);
        if (!cls.equals("dnsbl-listing")) {
            assertThat(v.rule().id()).isEqualTo(rule);
        }
    }

    @Test
    void aFlattenedReplyReadsAsOneLine() {
        assertThat(ReplyRules.normalize(
                        "421-4.7.28 Our system has detected 421-4.7.28 an unusual rate of 421 4.7.28 mail"))
                .isEqualTo("421 4.7.28 Our system has detected an unusual rate of mail");
        assertThat(ReplyRules.normalize(
                        "host x said: 550-5.7.1 Blocked 550-5.7.1 for spam 550 5.7.1 see url (in reply)"))
                .isEqualTo("host x said: 550 5.7.1 Blocked for spam see url (in reply)");
        assertThat(ReplyRules.normalize("host x said: 452 4.2.2 Mailbox   full"))
                .isEqualTo("host x said: 452 4.2.2 Mailbox full");
        assertThat(RULES.classify(
                                "gmail-smtp-in.l.google.com[142.250.102.26]:25",
                                "gmail.com",
                                "421-4.7.28 Our system has detected an unusual rate of 421-4.7.28 unsolicited mail 421 "
                                        + "4.7.28 https://support.google.com/mail/?p=UnsolicitedRateLimitError")
                        .url())
                .isEqualTo("https://support.google.com/mail/?p=UnsolicitedRateLimitError");
    }

    /** Ordinary trouble is no provider's block: nothing matches, nothing is raised. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            gmail-smtp-in.l.google.com[142.250.102.26]:25 | gmail.com | host gmail-smtp-in.l.google.com[142.250.102.26] said: 550-5.1.1 The email account that you tried to reach does not exist. 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser - gsmtp (in reply to RCPT TO command)
            gmail-smtp-in.l.google.com[142.250.102.26]:25 | gmail.com | connect to gmail-smtp-in.l.google.com[142.250.102.26]:25: Connection timed out
            mx.example.net[198.51.100.7]:25 | example.net | host mx.example.net[198.51.100.7] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)
            none | nowhere.example | Host or domain name not found. Name service error for name=nowhere.example type=MX: Host not found, try again
            example-com.mail.protection.outlook.com[52.101.1.1]:25 | example.com | host example-com.mail.protection.outlook.com[52.101.1.1] said: 550 5.5.0 Requested action not taken: mailbox unavailable (in reply to RCPT TO command)
            """)
    void ordinaryFailuresRaiseNothing(String relay, String domain, String reply) {
        assertThat(RULES.classify(relay, domain, reply)).isNull();
    }

    /** A reply made to backtrack (the line may be 64 KB) is read within a budget and classifies as nothing. */
    @Test
    void aHostileReplyEndsAndClassifiesAsNothing() {
        String hostile = "blocked using x ".repeat(4000) + "y".repeat(1000);
        assertThat(RULES.classify("mx.example.net[192.0.2.1]:25", "example.net", hostile))
                .isNull();
        String google = "4.7.28 ".repeat(9000);
        assertThat(RULES.classify("gmail-smtp-in.l.google.com[142.250.1.27]:25", "gmail.com", google))
                .isNull();
        assertThat(RULES.classify(
                                "mx.example.net[192.0.2.1]:25",
                                "example.net",
                                "554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using "
                                        + "b.barracudacentral.org")
                        .key())
                .isEqualTo("barracuda");
    }

    @Test
    void providersAreToldByRelayThenByDomain() {
        assertThat(RULES.providerOf("aspmx.l.google.com[142.250.1.1]:25", "customer.example"))
                .isEqualTo("google");
        assertThat(RULES.providerOf("none", "gmail.com")).isEqualTo("google");
        assertThat(RULES.providerOf("mx.evilgoogle.com[192.0.2.1]:25", "x.example"))
                .isNull();
        assertThat(RULES.providerOf("mx.example.net[192.0.2.1]:25", "example.net"))
                .isNull();
    }

    @Test
    void aUsersRulesComeFirstAndABadOneIsRefusedByName(@TempDir Path dir) throws IOException {
        Path mine = dir.resolve("mine.json");
        Files.writeString(mine, """
                {"providers": [{"id": "corp-gateway", "relays": ["gw.corp.example"], "domains": []}],
                 "replies": [{"id": "corp.quota", "provider": "corp-gateway", "class": "rate-limit",
                              "match": "4\\\\.7\\\\.1 .*quota exceeded"}]}
                """);
        ReplyRules rules = ReplyRules.withUserFile(mine);
        var v = rules.classify("in.gw.corp.example[10.1.1.1]:25", "corp.example", "451 4.7.1 Sender quota exceeded");
        assertThat(v.rule().id()).isEqualTo("corp.quota");
        assertThat(v.key()).isEqualTo("corp-gateway");
        assertThat(rules.providerOf("gmail-smtp-in.l.google.com[1.1.1.1]:25", ""))
                .isEqualTo("google");

        Files.writeString(mine, """
                {"replies": [{"id": "broken", "provider": "*", "key": "x", "class": "ip-block", "match": "(unclosed"}]}
                """);
        assertThatThrownBy(() -> ReplyRules.withUserFile(mine))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("mine.json: rule broken:");
    }
}
