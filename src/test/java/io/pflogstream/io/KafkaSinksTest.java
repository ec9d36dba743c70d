package io.pflogstream.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * A record the broker would refuse fails the checkpoint, and the job restarts into the same record
 * for ever: the sinks send such a record's dead letter instead, in the same transaction.
 */
class KafkaSinksTest {
    private static final KafkaSinks.Encoder<String> ENCODER =
            KafkaSinks.encoder((String v) -> "key-" + v.length(), (String v) -> v.getBytes(StandardCharsets.UTF_8));

    @Test
    void aRecordWithinTheLimitGoesToItsTopic() {
        var records = new KafkaSinks.EncodedRecords<>("pflog.summary", ENCODER, "pflog.deadletter", 100);
        ProducerRecord<byte[], byte[]> r = records.serialize("x".repeat(100), null, 1_795_000_000_000L);
        assertThat(r.topic()).isEqualTo("pflog.summary");
        assertThat(r.value()).hasSize(100);
        assertThat(r.timestamp()).isEqualTo(1_795_000_000_000L);
    }

    @Test
    void aRecordOverTheLimitBecomesADeadLetterThatSaysWhy() throws Exception {
        var records = new KafkaSinks.EncodedRecords<>("pflog.report", ENCODER, "pflog.deadletter", 100);
        String value = "Grand Totals " + "y".repeat(20_000);
        ProducerRecord<byte[], byte[]> r = records.serialize(value, null, 1_795_000_000_000L);
        assertThat(r.topic()).isEqualTo("pflog.deadletter");
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("key-" + value.length());
        assertThat(r.timestamp()).isEqualTo(1_795_000_000_000L);
        JsonNode letter = Json.mapper().readTree(r.value());
        assertThat(letter.get("source").asText()).isEqualTo("pflog.report key-" + value.length());
        assertThat(letter.get("reason").asText())
                .startsWith("record too large for pflog.report: " + value.length() + " bytes, the limit is 100")
                .contains("max.request.size");
        assertThat(letter.get("line").asText()).startsWith("Grand Totals yyy").hasSizeLessThan(value.length());
        assertThat(letter.has("line_number")).isFalse();
    }
}
