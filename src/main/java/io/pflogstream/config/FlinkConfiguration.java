package io.pflogstream.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;

/**
 * The Flink configuration the commands run with: config.yaml from the folder the launcher names
 * ({@code -Dpflogstream.flinkConf}, or FLINK_CONF_DIR under {@code flink run}), else the small
 * MiniCluster defaults that fit this 2-core machine.
 */
public final class FlinkConfiguration {
    private FlinkConfiguration() {}

    public static Configuration load() {
        String dir = System.getProperty("pflogstream.flinkConf", System.getenv("FLINK_CONF_DIR"));
        if (dir != null && Files.isRegularFile(Path.of(dir, "config.yaml"))) {
            return GlobalConfiguration.loadConfiguration(dir);
        }
        Configuration conf = new Configuration();
        conf.setString("taskmanager.memory.managed.size", "64m");
        conf.setString("taskmanager.memory.network.max", "32m");
        conf.setString("rest.bind-port", "0");
        return conf;
    }
}
