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
        var records =
                new KafkaSinks.EncodedRecords<>("pflog.summary", ENCODER, "pflog.deadletter", new RecordLimit(100, 0));
        ProducerRecord<byte[], byte[]> r = records.serialize("x".repeat(100), null, 1_795_000_000_000L);
        assertThat(r.topic()).isEqualTo("pflog.summary");
        assertThat(r.value()).hasSize(100);
        assertThat(r.timestamp()).isEqualTo(1_795_000_000_000L);
    }

    @Test
    void aRecordOfTheFutureIsStampedNowForTheBrokerRefusesIt() {
        var records =
                new KafkaSinks.EncodedRecords<>("pflog.alerts", ENCODER, "pflog.deadletter", new RecordLimit(100, 0));
        long before = System.currentTimeMillis();
        long aYearAhead = before + 365L * 86_400_000L;
        ProducerRecord<byte[], byte[]> r = records.serialize("x", null, aYearAhead);
        assertThat(r.timestamp()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void aRecordOverTheLimitBecomesADeadLetterThatSaysWhy() throws Exception {
        var records =
                new KafkaSinks.EncodedRecords<>("pflog.report", ENCODER, "pflog.deadletter", new RecordLimit(100, 0));
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

    /** Without max.request.size, what counts is the size lz4 gives, as the broker sees it. */
    @Test
    void withoutAGivenLimitARecordIsMeasuredCompressed() {
        RecordLimit limit = new RecordLimit(RecordLimit.PRODUCER_DEFAULT, RecordLimit.BROKER_DEFAULT);
        StringBuilder json = new StringBuilder();
        for (int i = 0; json.length() < 3_000_000; i++) {
            json.append("{\"address\":\"user")
                    .append(i)
                    .append("@domain")
                    .append(i)
                    .append(".example\",\"messages\":1},");
        }
        byte[] repetitive = json.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(RecordLimit.lz4Size(repetitive)).isLessThan(RecordLimit.BROKER_DEFAULT);
        assertThat(limit.fits(repetitive)).isTrue();

        byte[] random = new byte[1_500_000];
        new java.util.Random(7).nextBytes(random); // does not compress
        assertThat(RecordLimit.lz4Size(random)).isGreaterThan(random.length);
        assertThat(limit.fits(random)).isFalse();
        assertThat(limit.describe(random)).contains("compressed, the broker's limit is 1000000");
    }
}
