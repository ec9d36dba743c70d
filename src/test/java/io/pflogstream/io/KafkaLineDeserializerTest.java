package io.pflogstream.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.config.LineEnvelope;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.parse.RawLine;
import io.pflogstream.syslog.EnvelopeResult;
import io.pflogstream.syslog.SyslogEnvelopeParser;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The Kafka source reads each line's envelope once, for its event time, and hands it to the parse
 * stage: what it hands on is what the parse stage would have read itself, line after line (the
 * year rule that follows each host's lines included).
 */
class KafkaLineDeserializerTest {
    private static final String[] LINES = {
        "Nov 26 10:00:01 mx1 postfix/smtpd[123]: connect from a.example[192.0.2.1]",
        "Nov 26 10:00:02 mx1 sshd[9]: Accepted publickey for root",
        "Dec 31 23:59:59 mx1 postfix/qmgr[2]: ABC123: removed",
        "Jan  1 00:00:01 mx1 postfix/qmgr[2]: ABC124: removed",
        "2026-11-26T10:00:03.123456+01:00 mx2 postfix/smtp[77]: DEF456: to=<u@x.example>, relay=none, delay=1, status=sent (ok)",
        "this is not syslog",
        "Nov 26 10:00:04 mx1 postfix/cleanup[5]: [ID 197553 mail.info] GHI789: message-id=<a@b>",
    };

    private static List<RawLine> read(KafkaLineDeserializer d, byte[]... values) throws Exception {
        List<RawLine> out = new ArrayList<>();
        Collector<RawLine> into = new Collector<>() {
            public void collect(RawLine r) {
                out.add(r);
            }

            public void close() {}
        };
        long offset = 0;
        for (byte[] v : values) {
            d.deserialize(new ConsumerRecord<>("pflog.lines", 3, offset++, null, v), into);
        }
        return out;
    }

    @Test
    void theEnvelopeHandedOnIsTheOneTheParseStageWouldRead() throws Exception {
        for (ReportOptions options : List.of(
                ReportOptions.defaults(LocalDate.of(2026, 11, 27)),
                ReportOptions.builder(LocalDate.of(2026, 11, 27)).year(2025).build())) {
            byte[][] values = new byte[LINES.length][];
            for (int i = 0; i < LINES.length; i++) {
                values[i] = (LINES[i] + "\n").getBytes(StandardCharsets.ISO_8859_1);
            }
            List<RawLine> lines = read(new KafkaLineDeserializer(LineEnvelope.RAW, options), values);
            SyslogEnvelopeParser own = new SyslogEnvelopeParser(options.read());
            assertThat(lines).hasSize(LINES.length);
            for (int i = 0; i < LINES.length; i++) {
                RawLine line = lines.get(i);
                assertThat(line.text()).isEqualTo(LINES[i]);
                assertThat(line.envelope()).as(LINES[i]).isEqualTo(own.parse(LINES[i], i));
            }
            assertThat(lines.get(0).eventTime()).isPositive();
            assertThat(lines.get(1).eventTime()).as("another program").isEqualTo(Long.MIN_VALUE);
            assertThat(lines.get(5).eventTime()).as("junk").isEqualTo(Long.MIN_VALUE);
            assertThat(lines.get(4).envelope()).isInstanceOf(EnvelopeResult.Postfix.class);
        }
    }

    @Test
    void aRecordThatIsNotALineCarriesNoEnvelope() throws Exception {
        KafkaLineDeserializer json = new KafkaLineDeserializer(
                LineEnvelope.preset("rsyslog"), ReportOptions.defaults(LocalDate.of(2026, 11, 27)));
        List<RawLine> lines = read(json, "{not json".getBytes(StandardCharsets.UTF_8));
        assertThat(lines).singleElement().satisfies(l -> {
            assertThat(l.problem()).startsWith("bad JSON envelope");
            assertThat(l.envelope()).isNull();
            assertThat(l.eventTime()).isEqualTo(Long.MIN_VALUE);
        });
    }
}
