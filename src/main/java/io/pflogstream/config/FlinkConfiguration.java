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
            // the cluster's processes read the reporters themselves; a command opens no metrics port
            return without(GlobalConfiguration.loadConfiguration(dir), "metrics.reporter.");
        }
        Configuration conf = new Configuration();
        conf.setString("taskmanager.memory.managed.size", "64m");
        conf.setString("taskmanager.memory.network.max", "32m");
        conf.setString("rest.bind-port", "0");
        return conf;
    }

    /**
     * For a report over files: no checkpoints (a failed run is rerun, it has no input position
     * worth keeping) and no restarts, so a failure ends the command with its error at once.
     */
    public static Configuration forFileReport() {
        Configuration conf = without(without(load(), "execution.checkpointing."), "restart-strategy");
        conf.setString("restart-strategy.type", "none");
        return conf;
    }

    private static Configuration without(Configuration conf, String prefix) {
        Configuration kept = new Configuration();
        conf.toMap().forEach((k, v) -> {
            if (!k.startsWith(prefix)) {
                kept.setString(k, v);
            }
        });
        return kept;
    }
}
