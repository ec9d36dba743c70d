package io.pflogstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pflogstream.alert.IncidentScenario;
import io.pflogstream.io.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report --format alerts}: the incidents of a log whose truth is known, and nothing for the controls. */
class AlertsReportTest {
    @Test
    void theIncidentsOfAKnownLogAndNothingForItsControls(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("mail.log");
        Files.write(log, IncidentScenario.lines(), StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(
                new String[] {"report", "--today", "2026-12-02", "--format", "alerts", log.toString()},
                new PrintStream(out, true),
                new PrintStream(err, true),
                new ByteArrayInputStream(new byte[0]));
        assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<JsonNode> alerts = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            alerts.add(Json.mapper().readTree(line));
        }
        assertThat(alerts)
                .extracting(a -> a.get("rule").asText() + " " + a.get("status").asText() + " "
                        + a.get("key").asText())
                .containsExactly(
                        "provider.rate-limit open google",
                        "host.silent open mx3",
                        "provider.rate-limit resolved google",
                        "sasl.brute-force open 198.51.100.66",
                        "sasl.login-after-attack open info@example.com",
                        "sasl.volume-after-attack open info@example.com",
                        "host.silent resolved mx3",
                        "sasl.brute-force resolved 198.51.100.66",
                        "sasl.login-after-attack resolved info@example.com",
                        "sasl.volume-after-attack resolved info@example.com",
                        "queue.expiry-risk open stuck.example",
                        "queue.expiry-risk resolved stuck.example");
        JsonNode open = alerts.get(0);
        assertThat(open.get("start").asText()).isEqualTo("2026-12-01T10:00:00");
        assertThat(open.get("hosts").toString()).isEqualTo("[\"mx1\",\"mx2\"]");
        assertThat(open.get("count").asInt()).isEqualTo(10);
        assertThat(open.get("event.kind").asText()).isEqualTo("alert");
        assertThat(open.get("evidence").get("url").asText())
                .isEqualTo("https://support.google.com/mail/?p=UnsolicitedRateLimitError");
        assertThat(open.get("evidence").get("sendingAddresses").toString()).isEqualTo("[\"203.0.113.5\"]");
        assertThat(open.get("evidence").get("sample").asText())
                .startsWith("host gmail-smtp-in.l.google.com")
                .contains("421 4.7.28 [203.0.113.5 15] Our system has detected an unusual rate of unsolicited mail");
        assertThat(alerts.get(2).get("end").asText()).isEqualTo("2026-12-01T10:45:00");
        JsonNode silent = alerts.get(1);
        assertThat(silent.get("start").asText())
                .as("the minute after its last line")
                .isEqualTo("2026-12-01T09:51:00");
        assertThat(silent.get("@timestamp").asText()).as("half an hour later").startsWith("2026-12-01T10:21:00");
        assertThat(silent.get("hosts").toString()).isEqualTo("[\"mx3\"]");
        assertThat(alerts.get(6).get("end").asText())
                .as("the minute of its first line back")
                .isEqualTo("2026-12-01T11:30:00");
        JsonNode attack = alerts.get(3);
        assertThat(attack.get("hosts").toString()).isEqualTo("[\"mx1\",\"mx2\"]");
        assertThat(attack.get("threat.technique.id").asText()).isEqualTo("T1110");
        assertThat(attack.get("evidence").get("users").size()).isEqualTo(4);
        assertThat(alerts.get(4).get("user.name").asText()).isEqualTo("info@example.com");
        JsonNode flood = alerts.get(5);
        assertThat(flood.get("count").asInt())
                .as("the login and the 30 after it")
                .isEqualTo(31);
        assertThat(flood.get("start").asText()).isEqualTo("2026-12-01T11:00:00");
        assertThat(flood.get("user.name").asText()).isEqualTo("info@example.com");
        assertThat(flood.get("threat.technique.id").asText()).isEqualTo("T1078");
        assertThat(flood.get("evidence").get("sample").asText())
                .isEqualTo("31 messages in 10 minutes after 3 failed AUTH for the name, usually 0.0");
        JsonNode stuck = alerts.get(10);
        assertThat(stuck.get("start").asText()).isEqualTo("2026-12-01T12:00:00");
        assertThat(stuck.get("evidence").get("rules").toString()).isEqualTo("[\"queued 3d 0h\"]");
        assertThat(stuck.get("evidence").get("recipientDomains").toString()).isEqualTo("[\"mx1:0FFFF00001\"]");
        assertThat(alerts.get(11).get("end").asText()).isEqualTo("2026-12-01T15:00:00");
        assertThat(alerts.get(11).get("count").asInt())
                .as("one message, deferred twice")
                .isEqualTo(1);
        // "connect to mx.stuck.example[192.0.2.44]": the unreachable receiver's address is not one of ours
        assertThat(stuck.get("evidence").get("sendingAddresses")).isEmpty();
        assertThat(alerts)
                .allSatisfy(a ->
                        assertThat(a.toString()).doesNotContain("192.0.2.50").doesNotContain("alice"));

        com.networknt.schema.JsonSchema schema = io.pflogstream.io.Schemas.alert();
        assertThat(alerts)
                .allSatisfy(a -> assertThat(schema.validate(a)).as(a.toString()).isEmpty());
    }

    private static String[] run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(
                args, new PrintStream(out, true), new PrintStream(err, true), new ByteArrayInputStream(new byte[0]));
        return new String[] {
            Integer.toString(rc), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)
        };
    }

    @Test
    void thresholdsAreSetOnTheCommandLineAndABadOneIsOneLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("mail.log");
        Files.write(log, IncidentScenario.lines(), StandardCharsets.ISO_8859_1);
        // a silence must last two hours: mx3's 100 minutes are none; 13 failed AUTH needed: 12 are not an attack
        String[] r = run(
                "report",
                "--today",
                "2026-12-02",
                "--format",
                "alerts",
                "--alert-setting",
                "silent-after=2h",
                "--alert-setting",
                "sasl-threshold=13",
                log.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1].lines().map(l -> l.replaceAll(".*\"rule\":\"([^\"]+)\",\"status\":\"([^\"]+)\".*", "$1 $2")))
                .containsExactly(
                        "provider.rate-limit open",
                        "provider.rate-limit resolved",
                        "sasl.volume-after-attack open", // three failures for the name are not the threshold's
                        "sasl.volume-after-attack resolved",
                        "queue.expiry-risk open",
                        "queue.expiry-risk resolved");
        for (String bad : new String[] {
            "silent-after=0m", "silent-after=soon", "sasl-threshold=0", "expiry-share=2", "nosuch=1", "sasl-threshold"
        }) {
            r = run("report", "--format", "alerts", "--alert-setting", bad, log.toString());
            assertThat(r[0]).as(bad).isEqualTo("1");
            assertThat(r[1]).as(bad).isEmpty();
            assertThat(r[2].strip().lines()).as(bad).hasSize(1);
            assertThat(r[2]).as(bad).contains("--alert-setting");
        }
    }
}
