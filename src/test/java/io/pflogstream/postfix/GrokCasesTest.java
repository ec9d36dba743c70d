package io.pflogstream.postfix;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.Requires;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.golden.FixtureLogs;
import io.pflogstream.syslog.EnvelopeResult;
import io.pflogstream.syslog.SyslogEnvelopeParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * postfix-grok-patterns' golden cases (../shared/samples, read in place): the fields they expect
 * (queue ID, recipient, status, client IP) must come out of the matching typed event, and no case
 * may make the parser throw.
 */
@Tag(Requires.SHARED_DATA)
class GrokCasesTest {
    private static final ReportOptions OPTIONS = ReportOptions.defaults(LocalDate.of(2026, 11, 27));
    private static final List<String> DELIVERY_AGENTS =
            List.of("smtp", "lmtp", "local", "virtual", "pipe", "error", "discard");

    static Stream<Arguments> cases() throws IOException {
        Path dir = Path.of(System.getProperty("pflogstream.shared", "../shared"), "samples/postfix-grok-patterns/test");
        if (!Files.isDirectory(dir)) {
            return Stream.of(Arguments.of("(no grok samples)", "", Map.of()));
        }
        List<Arguments> cases = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String data = null;
                Map<String, String> results = new HashMap<>();
                for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                    if (line.startsWith("data: ")) {
                        data = FixtureLogs.unquote(line.substring(6).trim());
                    } else if (line.startsWith("    ") && line.contains(": ")) {
                        String[] kv = line.trim().split(": ", 2);
                        results.put(kv[0], FixtureLogs.unquote(kv[1]));
                    }
                }
                String daemon = f.getFileName().toString().replaceFirst("_\\d+\\.yaml$", "");
                cases.add(Arguments.of(f.getFileName().toString(), "postfix/" + daemon + "[42]: " + data, results));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expectedFieldsComeOutOfTheTypedEvent(String name, String message, Map<String, String> expected) {
        Requires.sharedData(!message.isEmpty(), "../shared/samples is not present");
        EnvelopeResult r = new SyslogEnvelopeParser(OPTIONS.read()).parse("Nov 27 10:00:00 mail " + message, 1);
        assertThat(r).isInstanceOf(EnvelopeResult.Postfix.class);
        PostfixEvent event = new PostfixEventParser(OPTIONS.read()).parse(((EnvelopeResult.Postfix) r).line());
        String daemon = name.replaceFirst("_\\d+\\.yaml$", "");

        if (expected.containsKey("postfix_status") && message.contains(" to=<") && DELIVERY_AGENTS.contains(daemon)) {
            assertThat(event).isInstanceOf(PostfixEvent.Delivery.class);
            PostfixEvent.Delivery d = (PostfixEvent.Delivery) event;
            assertThat(d.queueId()).isEqualTo(expected.get("postfix_queueid"));
            assertThat(d.status().name().toLowerCase()).isIn(expected.get("postfix_status"), "other");
        } else if (event instanceof PostfixEvent.MessageEvent m && expected.containsKey("postfix_queueid")) {
            assertThat(m.queueId()).isEqualTo(expected.get("postfix_queueid"));
        }
        if (event instanceof PostfixEvent.PostscreenVerdict v && expected.containsKey("postfix_client_ip")) {
            assertThat(v.clientIp()).isEqualTo(expected.get("postfix_client_ip"));
        }
        if (message.contains(": client=") && daemon.equals("smtpd")) {
            assertThat(event).isInstanceOf(PostfixEvent.Received.class);
        }
    }
}
