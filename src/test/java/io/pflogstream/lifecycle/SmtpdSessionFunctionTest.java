package io.pflogstream.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.postfix.Origin;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.summary.HostFact;
import io.pflogstream.summary.ReportFact;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class SmtpdSessionFunctionTest {
    private static final long T0 = 1_795_000_000_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, PostfixEvent, HostFact> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<String, PostfixEvent, HostFact>(
                new KeyedProcessOperator<>(new SmtpdSessionFunction()),
                e -> e.origin().host()
                        + ' '
                        + (e instanceof PostfixEvent.SmtpdConnect c
                                ? c.pid()
                                : ((PostfixEvent.SmtpdDisconnect) e).pid()),
                Types.STRING);
        h.open();
        return h;
    }

    private static PostfixEvent connect(long t) {
        return new PostfixEvent.SmtpdConnect(new Origin("mail", 1, t, "smtpd"), "17532", "x.example.com[1.2.3.4]");
    }

    private static PostfixEvent disconnect(long t) {
        return new PostfixEvent.SmtpdDisconnect(new Origin("mail", 2, t, "smtpd"), "17532", "example.com");
    }

    @Test
    void aConnectAndItsDisconnectMakeOneSessionAndLeaveNoState() throws Exception {
        var h = harness();
        h.processElement(connect(T0), T0);
        h.processElement(disconnect(T0 + 3000), T0 + 3000);
        assertThat(h.extractOutputValues())
                .containsExactly(new HostFact("mail", new ReportFact.SmtpdSession(T0 + 3000, "example.com", 3)));
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aDisconnectWithoutConnectCountsNothing() throws Exception {
        var h = harness();
        h.processElement(disconnect(T0), T0);
        assertThat(h.extractOutputValues()).isEmpty();
        h.close();
    }

    @Test
    void aConnectThatNeverDisconnectsIsForgottenByItsTimer() throws Exception {
        var h = harness();
        h.processElement(connect(T0), T0);
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        h.processWatermark(T0 + SmtpdSessionFunction.SESSION_TTL.toMillis());
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }
}
