package io.pflogstream.bench;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.generate.LogGenerator;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEvent.MessageEvent;
import io.pflogstream.postfix.PostfixEventParser;
import io.pflogstream.syslog.EnvelopeResult;
import io.pflogstream.syslog.SyslogEnvelopeParser;
import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Generated, realistic input for the benchmarks: the same seeded log the differential tests use. */
final class BenchInput {
    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    private BenchInput() {}

    static ReportOptions compat() {
        return ReportOptions.builder(TODAY).build();
    }

    /** About {@code messages} × 6.9 log lines from one host over one day. */
    static List<String> lines(int messages, long seed) {
        StringWriter text = new StringWriter();
        try {
            new LogGenerator(
                            new LogGenerator.Spec(seed, 1, 1, messages, LocalDate.of(2026, 11, 20), false, false), text)
                    .run();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString().lines().toList();
    }

    /** The lines the lifecycle operator sees: parsed message events, in line order. */
    static List<MessageEvent> messageEvents(List<String> lines, ReportOptions options) {
        SyslogEnvelopeParser envelopes = new SyslogEnvelopeParser(options.read());
        PostfixEventParser parser = new PostfixEventParser(options.read());
        List<MessageEvent> events = new ArrayList<>();
        long seq = 0;
        for (String line : lines) {
            if (envelopes.parse(line, ++seq) instanceof EnvelopeResult.Postfix p
                    && parser.parse(p.line()) instanceof PostfixEvent.MessageEvent m) {
                events.add(m);
            }
        }
        return events;
    }
}
