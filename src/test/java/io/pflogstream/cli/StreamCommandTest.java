package io.pflogstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pflogstream.io.Pseudonymizer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamCommandTest {
    @Test
    void configYamlGivesDefaultsAndTheCommandLineWins() {
        Configuration conf = Configuration.fromMap(Map.of(
                "pflogstream.stream.input-topic", "mail.lines",
                "pflogstream.stream.bounded", "true",
                "taskmanager.memory.managed.size", "64m"));
        String[] args = StreamCommand.withConfiguredDefaults(conf, new String[] {"--input-topic", "other"});
        assertThat(args).containsExactly("--bounded", "--input-topic", "mail.lines", "--input-topic", "other");
    }

    @Test
    void theShippedConfigYamlParsesIntoStreamOptions() {
        Configuration conf = GlobalConfiguration.loadConfiguration("flink-conf");
        String[] args = StreamCommand.withConfiguredDefaults(conf, new String[0]);
        assertThat(String.join(" ", args)).contains("--input-topic pflog.lines").contains("--allowed-lateness 1h");
    }

    @Test
    void badDurationsAndMissingBootstrapAreOneLineErrors() throws Exception {
        assertThat(StreamCommand.duration("--x", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> StreamCommand.duration("--idle-after", "soon"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--idle-after takes a duration");
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        assertThatThrownBy(() -> StreamCommand.run(new String[] {"--bounded"}, sink, sink))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--bootstrap-servers");
    }

    @Test
    void pseudonymizingNeedsALongEnoughKeyFromAFileOrTheEnvironmentAndNeverShowsIt(@TempDir Path dir) throws Exception {
        var all = Pseudonymizer.Field.parse("all");
        assertThat(StreamCommand.pseudonymizer(java.util.EnumSet.noneOf(Pseudonymizer.Field.class), null, null))
                .isNull();
        assertThatThrownBy(() -> StreamCommand.pseudonymizer(all, null, null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--pseudonymize-key-file FILE or $PFLOGSTREAM_PSEUDONYMIZE_KEY");
        assertThatThrownBy(() -> StreamCommand.pseudonymizer(all, null, "too short"))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("at least 32 bytes")
                .hasMessageNotContaining("too short");
        assertThatThrownBy(() ->
                        StreamCommand.pseudonymizer(all, dir.resolve("missing").toString(), null))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("cannot read the pseudonymization key file");

        String secret = "0123456789abcdef0123456789abcdef-secret";
        Path key = dir.resolve("key");
        Files.writeString(key, secret + "\n"); // the line end written by echo is not part of the key
        Pseudonymizer fromFile = StreamCommand.pseudonymizer(all, key.toString(), null);
        Pseudonymizer fromEnvironment = StreamCommand.pseudonymizer(all, null, secret);
        assertThat(fromFile.address("bob@example.com")).isEqualTo(fromEnvironment.address("bob@example.com"));
        assertThat(fromFile.toString()).doesNotContain(secret);

        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        assertThatThrownBy(() -> StreamCommand.run(
                        new String[] {"--bootstrap-servers", "x:1", "--pseudonymize", "email"}, sink, sink))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown field 'email'");
    }

    @Test
    void theStreamLineIsParsedByPicocliAndWhatTheJobCannotHonourIsRefused() throws Exception {
        StreamArguments a = StreamArguments.parse(new String[] {
            "--bootstrap-servers",
            "k:9092",
            "--input-topic",
            "mail.lines",
            "--allowed-lateness",
            "2h",
            "--input-topic",
            "other",
            "--kafka-property",
            "a=1",
            "--pseudonymize",
            "client-ip",
            "--late-revisions-every=0s",
            "--fleet-shards",
            "16",
            "--bounded"
        });
        assertThat(a.streamOptions().inputTopic()).isEqualTo("other"); // the last one wins (config.yaml comes first)
        assertThat(a.streamOptions().allowedLateness()).isEqualTo(Duration.ofHours(2));
        assertThat(a.streamOptions().bounded()).isTrue();
        assertThat(a.streamOptions().kafkaProperties()).containsEntry("a", "1");
        assertThat(a.lateRevisionsEvery).isZero();
        assertThat(a.fleetShards).isEqualTo(16);
        assertThat(a.pseudonymize).containsExactly(Pseudonymizer.Field.CLIENT_IP);

        assertThatThrownBy(() -> StreamArguments.parse(new String[] {"--bootstrap-servers", "k:9092", "--colour"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown option: --colour");
        assertThatThrownBy(() ->
                        StreamArguments.parse(new String[] {"--bootstrap-servers", "k:9092", "--line-field", "msg"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("need a JSON --input-format");
        assertThatThrownBy(() ->
                        StreamArguments.parse(new String[] {"--bootstrap-servers", "k:9092", "--parallelism", "0"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--parallelism takes a positive whole number");
        assertThatThrownBy(() ->
                        StreamArguments.parse(new String[] {"--bootstrap-servers", "k:9092", "--fleet-shards", "129"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--fleet-shards takes at most 128");
        assertThatThrownBy(() -> StreamArguments.parse(new String[] {"--bootstrap-servers"}))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--bootstrap-servers requires an argument");
    }
}
