package io.pflogstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;

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
                .isInstanceOf(UsageException.class).hasMessageContaining("--idle-after takes a duration");
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        assertThatThrownBy(() -> StreamCommand.run(new String[] {"--bounded"}, sink, sink))
                .isInstanceOf(UsageException.class).hasMessageContaining("--bootstrap-servers");
    }
}
