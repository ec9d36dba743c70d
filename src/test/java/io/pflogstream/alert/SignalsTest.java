package io.pflogstream.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEventParser;
import io.pflogstream.syslog.EnvelopeResult;
import io.pflogstream.syslog.SyslogEnvelopeParser;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the route stage tells the detectors, from log lines as Postfix writes them. */
class SignalsTest {
    private static final ReportOptions OPTIONS = ReportOptions.defaults(LocalDate.of(2026, 12, 2));

    private static PostfixEvent parse(String line) {
        EnvelopeResult r = new SyslogEnvelopeParser(OPTIONS.read()).parse(line, 1);
        return new PostfixEventParser(OPTIONS.read()).parse(((EnvelopeResult.Postfix) r).line());
    }

    /** The signals of the lines but their hosts' clocks (see aHostsClockGoesOnceAMinute). */
    private static List<Signal> signals(Signals s, String... lines) {
        List<Signal> out = new ArrayList<>();
        for (String l : lines) {
            s.from(parse(l), out::add);
        }
        out.removeIf(x -> x instanceof Signal.Seen);
        return out;
    }

    @Test
    void aHostsClockGoesOnceAMinute() {
        Signals signals = new Signals(ReplyRules.defaults());
        List<Signal> out = new ArrayList<>();
        for (String line : new String[] {
            "Dec  1 10:00:00 mx1 postfix/anvil[1]: statistics: max cache size 1 at Dec  1 10:00:00",
            "Dec  1 10:00:30 mx1 postfix/anvil[1]: statistics: max cache size 1 at Dec  1 10:00:30",
            "Dec  1 10:00:40 mx2 postfix/anvil[1]: statistics: max cache size 1 at Dec  1 10:00:40",
            "Dec  1 10:01:00 mx1 postfix/anvil[1]: statistics: max cache size 1 at Dec  1 10:01:00",
            "Dec  1 09:00:00 mx1 postfix/anvil[1]: statistics: max cache size 1 at Dec  1 09:00:00",
        }) {
            signals.from(parse(line), out::add);
        }
        assertThat(out)
                .extracting(s -> s.getClass().getSimpleName() + " " + s.scope() + " " + s.host() + " "
                        + s.time() % 86_400_000 / 1000)
                .containsExactly(
                        "Seen hosts| mx1 36059", // the end of its minute
                        "Seen hosts| mx2 36059",
                        "Seen hosts| mx1 36119",
                        "Seen hosts| mx1 32459"); // a clock set back an hour (a replay)
    }

    private static String delivery(String time, String to, String relay, String delay, String dsn, String status) {
        return "Dec  1 " + time + " mx1 postfix/smtp[100]: 1A2B3C4D5E: to=<" + to + ">, relay=" + relay + ", delay="
                + delay + ", delays=0.1/0/0.5/0.6, dsn=" + dsn + ", status=" + status;
    }

    @Test
    void aProvidersRefusalADeliveryAndTheDeliveriesHeldBack() {
        String gmail = "gmail-smtp-in.l.google.com[142.250.1.27]:25";
        List<Signal> out = signals(
                new Signals(ReplyRules.defaults()),
                delivery("10:00:00", "a@gmail.com", gmail, "0.4", "2.0.0", "sent (250 2.0.0 OK)"),
                delivery("10:00:10", "b@gmail.com", gmail, "0.4", "2.0.0", "sent (250 2.0.0 OK)"),
                delivery(
                        "10:00:20",
                        "c@gmail.com",
                        gmail,
                        "1.2",
                        "4.7.28",
                        "deferred (host x said: 421-4.7.28 "
                                + "unusual rate of 421-4.7.28 unsolicited mail 421 4.7.28 "
                                + "https://support.google.com/mail/?p=UnsolicitedRateLimitError)"),
                delivery("10:00:30", "d@gmail.com", gmail, "0.4", "2.0.0", "sent (250 2.0.0 OK)"),
                delivery("10:00:40", "e@gmail.com", gmail, "0.4", "2.0.0", "sent (250 2.0.0 OK)"),
                delivery("10:01:30", "f@gmail.com", gmail, "0.4", "2.0.0", "sent (250 2.0.0 OK)"));
        assertThat(out)
                .extracting(s -> s.getClass().getSimpleName() + " " + s.scope() + " " + s.time() % 3_600_000 / 1000)
                .containsExactly(
                        "Delivered provider|google 0", // the first delivery to Gmail from mx1
                        "Hit provider|google 20", // 10:00:10 was held back: within the minute
                        "Delivered provider|google 30", // the first after the refusal, whatever the minute
                        "Delivered provider|google 90"); // 10:00:40 held back; 10:01:30 a minute after 10:00:30
        Signal.Hit hit = (Signal.Hit) out.get(1);
        assertThat(hit.rule()).isEqualTo("provider.rate-limit");
        assertThat(hit.detail()).isEqualTo("google.rate-limit");
        assertThat(hit.subject()).isEqualTo("gmail.com");
        assertThat(hit.url()).isEqualTo("https://support.google.com/mail/?p=UnsolicitedRateLimitError");
    }

    @Test
    void aFailedAndASuccessfulAuthAreSignalsOfTheClientsAddress() {
        List<Signal> out = signals(
                new Signals(ReplyRules.defaults()),
                "Dec  1 11:00:00 mx1 postfix/submission/smtpd[7]: warning: unknown[198.51.100.66]: SASL LOGIN "
                        + "authentication failed: authentication failure, sasl_username=admin",
                "Dec  1 11:00:05 mx2 postfix/submission/smtpd[8]: 5A5A5A5A5A: client=unknown[198.51.100.66], "
                        + "sasl_method=LOGIN, sasl_username=info@example.com",
                "Dec  1 11:00:06 mx2 postfix/smtpd[9]: 6B6B6B6B6B: client=mail.example.net[192.0.2.9]");
        assertThat(out).hasSize(3);
        assertThat(out.get(1))
                .as("the name's own count")
                .isEqualTo(new Signal.Hit(
                        "rate-user|admin",
                        IncidentFunction.USER_FAILURE,
                        "admin",
                        "mx1",
                        out.get(0).time(),
                        "LOGIN",
                        "admin",
                        null,
                        null,
                        null));
        out.remove(1);
        assertThat(out.get(0)).isInstanceOf(Signal.Hit.class);
        assertThat(((Signal.Hit) out.get(0)).subject()).isEqualTo("admin");
        assertThat(out.get(0).scope()).isEqualTo("sasl|198.51.100.66");
        assertThat(out.get(1))
                .isEqualTo(
                        new Signal.Login("sasl|198.51.100.66", "mx2", out.get(1).time(), "info@example.com"));
    }

    @Test
    void aMessageDeferredForHalfItsQueueLifetimeIsAtRisk() {
        List<Signal> out = signals(
                new Signals(ReplyRules.defaults()),
                delivery(
                        "12:00:00",
                        "x@slow.example",
                        "none",
                        "215999",
                        "4.4.1",
                        "deferred (connect to mx.slow.example[192.0.2.5]:25: Connection timed out)"),
                delivery(
                        "12:00:01",
                        "y@slow.example",
                        "none",
                        "216000",
                        "4.4.1",
                        "deferred (connect to mx.slow.example[192.0.2.5]:25: Connection timed out)"));
        assertThat(out).singleElement().satisfies(s -> {
            Signal.Hit h = (Signal.Hit) s;
            assertThat(h.scope()).isEqualTo("queue|slow.example");
            assertThat(h.rule()).isEqualTo("queue.expiry-risk");
            assertThat(h.detail()).isEqualTo("queued 2d 12h");
            assertThat(h.subject()).isEqualTo("mx1:1A2B3C4D5E");
        });
    }
}
