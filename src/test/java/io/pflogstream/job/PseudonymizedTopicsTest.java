package io.pflogstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pflogstream.Requires;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.config.StreamOptions;
import io.pflogstream.generate.LogGenerator;
import io.pflogstream.golden.ReportHarness;
import io.pflogstream.io.Json;
import io.pflogstream.io.KafkaTestBroker;
import io.pflogstream.io.Pseudonymizer;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --pseudonymize all} on a real broker: no local part, SASL user name or client IP of the
 * log reaches pflog.messages or pflog.events in clear, and the pseudonyms that do are the ones a
 * SIEM can join on (the same in both topics).
 */
@Tag(Requires.KAFKA)
class PseudonymizedTopicsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    private static final byte[] KEY =
            "the SIEM feed's pseudonymization key, 32+ bytes".getBytes(StandardCharsets.UTF_8);
    /** A sender's or recipient's address (a message-id is not a person's). */
    private static final Pattern ADDRESS = Pattern.compile("(?:from|to|orig_to)=<([^<>@\\s]+)@([^<>\\s]+)>");

    private static final Pattern SASL_USER = Pattern.compile("sasl_username=([^,\\s]+)");
    /** A client's address: what smtpd and postscreen log in brackets. */
    private static final Pattern CLIENT_IP =
            Pattern.compile("postfix/(?:[\\w-]+/)?(?:smtpd|postscreen)\\[.*?\\[([0-9A-Fa-f:.]+)\\]");

    @Test
    void noClearLocalPartSaslUserOrClientIpReachesTheSiemTopics() throws Exception {
        String bootstrap = KafkaTestBroker.bootstrap();
        String suffix = KafkaTestBroker.uniqueTopic("pseudo").substring(7);
        StreamOptions options = TestStreams.bounded(bootstrap, suffix, null, 1);
        KafkaTestBroker.createTopics(2, options.inputTopic());
        StringWriter generated = new StringWriter();
        new LogGenerator(new LogGenerator.Spec(3, 2, 1, 400, LocalDate.of(2026, 11, 20), false, false), generated)
                .run();
        List<String> log = List.of(generated.toString().split("\n"));
        KafkaTestBroker.produceRoundRobin(
                options.inputTopic(),
                2,
                log.stream().map(l -> l.getBytes(StandardCharsets.ISO_8859_1)).toList());

        Pseudonymizer pseudonyms = new Pseudonymizer(KEY, EnumSet.allOf(Pseudonymizer.Field.class));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        StreamJob.define(env, options, ReportOptions.defaults(LocalDate.of(2026, 11, 27)), pseudonyms);
        env.execute("pseudonymized topics test");

        Set<String> localParts = new TreeSet<>();
        Set<String> users = new TreeSet<>();
        Set<String> ips = new TreeSet<>();
        for (String line : log) {
            collect(ADDRESS, line, localParts);
            collect(SASL_USER, line, users);
            collect(CLIENT_IP, line, ips);
        }
        assertThat(localParts).hasSizeGreaterThan(10);
        assertThat(users).isNotEmpty();
        assertThat(ips).hasSizeGreaterThan(2);

        List<JsonNode> records = new ArrayList<>();
        for (String topic : List.of(options.messagesTopic(), options.eventsTopic())) {
            List<ConsumerRecord<byte[], byte[]>> read = KafkaTestBroker.readCommitted(topic);
            assertThat(read).as(topic).isNotEmpty();
            for (ConsumerRecord<byte[], byte[]> r : read) {
                records.add(Json.mapper().readTree(r.value()));
            }
        }
        int userNames = 0;
        int clientIps = 0;
        for (JsonNode json : records) {
            // a relay is a server the mail went to, not a client: its address is not personal data
            for (JsonNode to : json.path("email.to")) {
                ((ObjectNode) to).remove("relay");
                ((ObjectNode) to).put("response", to.path("response").asText().replaceAll("\\[[0-9.]+\\]", "[relay]"));
            }
            String text = json.toString();
            for (String local : localParts) {
                assertThat(Pattern.compile("(?<![A-Za-z0-9._%+=-])" + Pattern.quote(local) + "@")
                                .matcher(text)
                                .find())
                        .as("local part '" + local + "' in " + text)
                        .isFalse();
            }
            for (String user : users) {
                assertThat(text)
                        .as("SASL user")
                        .doesNotContain("sasl_username=" + user)
                        .doesNotContain("\"user.name\":\"" + user + "\"");
            }
            for (String ip : ips) {
                assertThat(Pattern.compile("(?<![0-9A-Fa-f.:])" + Pattern.quote(ip) + "(?![0-9A-Fa-f:])")
                                .matcher(text)
                                .find())
                        .as("client IP " + ip + " in " + text)
                        .isFalse();
            }
            if (json.hasNonNull("user.name") && !json.get("user.name").asText().isEmpty()) {
                assertThat(json.get("user.name").asText()).matches("u-[0-9a-f]{24}(@.*)?");
                userNames++;
            }
            if (json.hasNonNull("source.ip")) {
                assertThat(json.get("source.ip").asText()).startsWith("fd");
                clientIps++;
            }
        }
        assertThat(userNames).as("records with a (pseudonymized) SASL user").isPositive();
        assertThat(clientIps).as("events with a (pseudonymized) client IP").isPositive();

        // the same sender has the same pseudonym on both topics, with its domain readable
        String sender = "alice@example.com";
        String pseudonym = pseudonyms.address(sender);
        assertThat(records.stream()
                        .map(JsonNode::toString)
                        .filter(t -> t.contains(pseudonym))
                        .count())
                .isPositive();
    }

    private static void collect(Pattern p, String line, Set<String> out) {
        Matcher m = p.matcher(line);
        while (m.find()) {
            if (!m.group(1).isEmpty()) {
                out.add(m.group(1));
            }
        }
    }
}
