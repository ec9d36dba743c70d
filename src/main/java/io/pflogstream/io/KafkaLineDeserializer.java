package io.pflogstream.io;

import io.pflogstream.config.LineEnvelope;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.parse.DeadLetter;
import io.pflogstream.parse.RawLine;
import io.pflogstream.syslog.SyslogEnvelopeParser;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A Kafka record → a {@link RawLine} that remembers its topic, partition and offset. A record
 * that cannot be unwrapped is not dropped: it travels on with the reason, to the dead-letter topic.
 */
public class KafkaLineDeserializer implements KafkaRecordDeserializationSchema<RawLine> {
    private final LineEnvelope envelope;
    private final ReportOptions options;
    /** Reads each line's syslog envelope once: for its event time, and for the parse stage after it. */
    private transient SyslogEnvelopeParser envelopes;

    /** @param options how the parse stage reads lines (the envelope is read the same way) */
    public KafkaLineDeserializer(LineEnvelope envelope, ReportOptions options) {
        this.envelope = envelope;
        this.options = options;
    }

    private RawLine line(String source, long offset, String text) {
        if (text.length() > options.read().maxLineLength()) {
            // a line rebuilt from a JSON record's fields (a raw record was measured before decoding)
            return new RawLine(
                    source, offset, text, DeadLetter.tooLong(options.read().maxLineLength()));
        }
        if (envelopes == null) {
            envelopes = new SyslogEnvelopeParser(options.read());
        }
        try {
            return new RawLine(source, offset, text, null, envelopes.parse(text, offset));
        } catch (RuntimeException | StackOverflowError e) {
            // the parse stage reads it again and dead-letters it with the reason
            return new RawLine(source, offset, text);
        }
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawLine> out) {
        String source = record.topic() + "/" + record.partition();
        byte[] value = record.value();
        if (value == null) {
            out.collect(new RawLine(source, record.offset(), "", "empty record"));
            return;
        }
        if (value.length > options.read().maxLineLength()) {
            // not decoded or parsed further: a cut copy travels to the dead-letter topic
            String copy = DeadLetter.copy(value, 0, value.length, options.read().maxLineLength());
            out.collect(new RawLine(
                    source,
                    record.offset(),
                    copy,
                    DeadLetter.tooLong(options.read().maxLineLength())));
            return;
        }
        if (!envelope.json()) {
            // one byte, one char, as with files: lengths and trimming match pflogsumm
            String text = new String(value, StandardCharsets.ISO_8859_1);
            out.collect(line(source, record.offset(), stripNewline(text)));
            return;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        try {
            String line = envelope.line(Json.mapper().readTree(text));
            // back to one char per byte, as a file or a raw record would be read
            String bytes = new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            out.collect(line(source, record.offset(), stripNewline(bytes)));
        } catch (Exception e) {
            out.collect(new RawLine(source, record.offset(), text, "bad JSON envelope: " + e.getMessage()));
        }
    }

    private static String stripNewline(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    @Override
    public TypeInformation<RawLine> getProducedType() {
        return TypeInformation.of(RawLine.class);
    }
}
