package io.pflogstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pflogstream.Requires;
import io.pflogstream.generate.LogGenerator;
import io.pflogstream.golden.Pflogsumm;
import io.pflogstream.golden.ReportHarness;
import io.pflogstream.golden.TiedRows;
import io.pflogstream.io.KafkaTestBroker;
import io.pflogstream.io.LogCapture;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stream command against the real broker started by {@code scripts/kafka-local.sh start
 * --secure} (SASL_SSL, SCRAM-SHA-512), with the client properties file that script prints, as it
 * is: the job runs, plaintext and wrong credentials are refused, and no password or store
 * password appears in anything the job, the clients or the broker printed or logged, at INFO.
 */
@Tag(Requires.KAFKA)
@Tag(Requires.PFLOGSUMM)
class SecureKafkaTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = ReportHarness.miniCluster();

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);
    private static final Pattern JAAS_PASSWORD = Pattern.compile("password=\"([^\"]+)\"");
    /** What the capture listens to: every client's and Flink's INFO, the SASL code's DEBUG. */
    private static final Map<String, Level> LEVELS = Map.of(
            "",
            Level.INFO,
            "org.apache.flink",
            Level.INFO,
            "org.apache.kafka",
            Level.INFO,
            "org.apache.kafka.common.security",
            Level.DEBUG);

    private static String bootstrap() {
        return required("KAFKA_SECURE_BOOTSTRAP"); // a second broker, started with kafka-local.sh start --secure
    }

    private static Path propertiesFile() {
        return Path.of(required("KAFKA_SECURE_PROPERTIES"));
    }

    private static String required(String name) {
        return Requires.broker(name);
    }

    private static Map<String, String> client() throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(propertiesFile())) {
            p.load(in);
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    /** Every password of the client's file and of the broker's configuration. */
    private static List<String> secrets() throws Exception {
        List<String> out = new ArrayList<>();
        for (Path file : List.of(propertiesFile(), brokerDir().resolve("server.properties"))) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
            for (String key : p.stringPropertyNames()) {
                String value = p.getProperty(key);
                if (key.endsWith("password")) {
                    out.add(value);
                }
                Matcher m = JAAS_PASSWORD.matcher(value);
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        assertThat(out)
                .as("passwords found in the client and broker settings")
                .hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(s -> assertThat(s).hasSizeGreaterThanOrEqualTo(16));
        return out;
    }

    private static Path brokerDir() {
        return Path.of(required("KAFKA_SECURE_DIR"));
    }

    /** What the broker wrote to its logs (its configuration among them). */
    private static String brokerLogs() throws Exception {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(brokerDir())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                b.append(Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        return b.toString();
    }

    private static void assertNoSecretIn(String what, String text, List<String> secrets) {
        for (String secret : secrets) {
            assertThat(text.contains(secret)).as(what + " holds a password").isFalse();
        }
    }

    @Test
    void theStreamCommandRunsOnTheSecureBrokerWithThePrintedFileAndPrintsNoSecret(@TempDir Path dir) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String in = "secure-in-" + suffix;
        Map<String, String> client = client();
        List<String> secrets = secrets();
        KafkaTestBroker.createTopics(bootstrap(), client, 2, in);
        StringWriter generated = new StringWriter();
        new LogGenerator(new LogGenerator.Spec(7, 1, 1, 300, LocalDate.of(2026, 11, 20), false, false), generated)
                .run();
        List<String> log = List.of(generated.toString().split("\n"));
        KafkaTestBroker.produceRoundRobin(
                bootstrap(),
                client,
                in,
                2,
                log.stream().map(l -> l.getBytes(StandardCharsets.ISO_8859_1)).toList());

        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status;
        String logged;
        try (LogCapture capture = new LogCapture(LEVELS)) {
            status = Main.run(
                    new String[] {
                        "stream",
                        "--bootstrap-servers",
                        bootstrap(),
                        "--kafka-properties",
                        propertiesFile().toString(),
                        "--input-topic",
                        in,
                        "--bounded",
                        "--group-id",
                        "g-" + suffix,
                        "--transactional-id-prefix",
                        "tx-" + suffix,
                        "--summary-topic",
                        "sum-" + suffix,
                        "--messages-topic",
                        "msg-" + suffix,
                        "--events-topic",
                        "ev-" + suffix,
                        "--deadletter-topic",
                        "dl-" + suffix,
                        "--report-topic",
                        "rep-" + suffix,
                        "--report-dir",
                        dir.resolve("reports").toString(),
                        "--checkpoint-interval",
                        "1s",
                        "--parallelism",
                        "1",
                        "--today",
                        TODAY.toString()
                    },
                    new PrintStream(stdout, true, StandardCharsets.UTF_8),
                    new PrintStream(stderr, true, StandardCharsets.UTF_8),
                    new ByteArrayInputStream(new byte[0]));
            logged = capture.text();
        }
        assertThat(status).as("exit status; stderr: " + stderr).isZero();

        // it ran: the day report pflogsumm would print, and the topics written through SASL_SSL
        Path reports = dir.resolve("reports");
        List<Path> days;
        try (Stream<Path> files = Files.walk(reports)) {
            days = files.filter(f -> f.toString().endsWith(".txt")
                            && !f.getParent().getFileName().toString().equals("fleet"))
                    .toList();
        }
        Path firstDay = reports.resolve("mail").resolve("2026-11-20.txt");
        assertThat(days).contains(firstDay); // and the next, where the last deliveries fall
        assertThat(KafkaTestBroker.readCommitted(bootstrap(), client, "msg-" + suffix))
                .isNotEmpty();
        assertThat(KafkaTestBroker.readCommitted(bootstrap(), client, "rep-" + suffix).stream()
                        .map(r -> new String(r.key(), StandardCharsets.UTF_8)))
                .contains("mail|2026-11-20", "fleet|2026-11-20");

        // the capture saw the clients print their configuration, with the secrets masked
        assertThat(logged).contains("sasl.jaas.config = [hidden]").contains("ssl.truststore.password = [hidden]");
        assertNoSecretIn("the job's log", logged, secrets);
        assertNoSecretIn("the command's standard output", stdout.toString(StandardCharsets.UTF_8), secrets);
        assertNoSecretIn("the command's standard error", stderr.toString(StandardCharsets.UTF_8), secrets);
        assertNoSecretIn("the broker's logs", brokerLogs(), secrets);

        Requires.pflogsumm();
        Path dayLog = dir.resolve("day.log");
        Files.write(dayLog, log.stream().filter(l -> l.startsWith("Nov 20 ")).toList(), StandardCharsets.ISO_8859_1);
        assertThat(TiedRows.canonical(Files.readString(firstDay, StandardCharsets.ISO_8859_1)))
                .isEqualTo(TiedRows.canonical(Pflogsumm.run(List.of(), List.of(dayLog), TODAY)));
    }

    @Test
    void plaintextTlsWithoutScramAndAWrongPasswordAreRefusedAndTheTriedPasswordIsNotPrinted() throws Exception {
        List<String> secrets = new ArrayList<>(secrets());
        // plaintext, and TLS without SASL: the broker closes the connection, the client gives up
        assertThatThrownBy(() -> clusterId(Map.of())).isInstanceOf(java.util.concurrent.ExecutionException.class);
        Map<String, String> tlsOnly = new HashMap<>(client());
        tlsOnly.put("security.protocol", "SSL");
        tlsOnly.keySet().removeIf(k -> k.startsWith("sasl."));
        assertThatThrownBy(() -> clusterId(tlsOnly)).isInstanceOf(java.util.concurrent.ExecutionException.class);

        // SCRAM with a wrong password: a clear refusal that does not repeat the password
        String wrong = "Wrong" + UUID.randomUUID().toString().replace("-", "");
        secrets.add(wrong);
        Map<String, String> wrongPassword = new HashMap<>(client());
        wrongPassword.put(
                "sasl.jaas.config",
                JAAS_PASSWORD
                        .matcher(wrongPassword.get("sasl.jaas.config"))
                        .replaceFirst("password=\"" + wrong + "\""));
        String logged;
        Throwable refused;
        try (LogCapture capture = new LogCapture(LEVELS)) {
            refused = org.assertj.core.api.Assertions.catchThrowable(() -> clusterId(wrongPassword));
            logged = capture.text();
        }
        assertThat(refused).hasRootCauseInstanceOf(SaslAuthenticationException.class);
        assertThat(refused.getCause().getMessage()).contains("invalid credentials");
        StringWriter trace = new StringWriter();
        refused.printStackTrace(new PrintWriter(trace));
        assertNoSecretIn("the exception", trace.toString(), secrets);
        assertNoSecretIn("the client's log", logged, secrets);
        assertThat(logged).contains("sasl.jaas.config = [hidden]");
        assertNoSecretIn("the broker's logs", brokerLogs(), secrets);
    }

    private static String clusterId(Map<String, String> settings) throws Exception {
        Map<String, Object> config = new HashMap<>(settings);
        config.put("bootstrap.servers", bootstrap());
        config.put("request.timeout.ms", "4000");
        config.put("default.api.timeout.ms", "8000");
        config.put("reconnect.backoff.max.ms", "1000");
        try (Admin admin = Admin.create(config)) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }
}
