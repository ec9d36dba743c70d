package io.pflogstream.cli;

import io.pflogstream.alert.AlertSettings;
import io.pflogstream.alert.Alerting;
import io.pflogstream.alert.ReplyRules;
import io.pflogstream.config.FlinkConfiguration;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.config.StreamOptions;
import io.pflogstream.io.Pseudonymizer;
import io.pflogstream.job.RocksDbManifestLimit;
import io.pflogstream.job.StreamJob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code pflogstream stream --bootstrap-servers HOST:PORT [...]}: the fleet job. In this JVM it runs
 * on an embedded MiniCluster; under {@code flink run} the same main class runs on the cluster.
 */
final class StreamCommand {
    static final String USAGE = """
            usage: pflogstream stream --bootstrap-servers HOST:PORT [--input-topic pflog.lines]
                [--input-format raw|rsyslog|filebeat|elastic-agent|vector] [--line-field F] [--host-field F]
                [--timestamp-field F] [--tag-field F] [--group-id pflogstream] [--bounded]
                [--report-dir DIR] [--summary-topic pflog.summary] [--messages-topic pflog.messages]
                [--events-topic pflog.events] [--deadletter-topic pflog.deadletter] [--report-topic pflog.report]
                [--alerts-topic pflog.alerts] [--alert-rules FILE] [--alert-setting NAME=VALUE]... [--no-alerts]
                [--transactional-id-prefix pflogstream] [--checkpoint-interval 10s] [--max-out-of-order 5m]
                [--idle-after 1m] [--allowed-lateness 1h] [--late-revisions-every 5s] [--parallelism N]
                [--state-backend hashmap|rocksdb] [--fleet-shards 8] [--fleet-rows 1000]
                [--today YYYY-MM-DD]
                [--kafka-property KEY=VALUE ...] [--kafka-properties FILE] [--syslog-name NAME ...] [--smtpd-stats]
                [--time-zone ZONE] [--max-line-length 65536] [--forget-removed] [--no-delay-percentiles]
                [--pseudonymize local-part,sasl-user,client-ip|all [--pseudonymize-key-file FILE]]
            Durations: 500ms, 10s, 5m, 1h, 2d. --parallelism: half the cores unless given. Kafka
            properties (SASL, SSL, ...) are passed to every client untouched and never logged.
            --pseudonymize: HMAC-SHA-256 pseudonyms on pflog.messages and pflog.events, keyed by the
            file's bytes or by $PFLOGSTREAM_PSEUDONYMIZE_KEY (at least 32 bytes; never printed).""";

    /** The environment variable a pseudonymization key may come from instead of a file. */
    static final String KEY_VARIABLE = "PFLOGSTREAM_PSEUDONYMIZE_KEY";

    /** Late lines within this much time make one revision of their hour and day (0: one per line). */
    static final Duration LATE_REVISIONS_EVERY = Duration.ofSeconds(5);

    private StreamCommand() {}

    /** The default reply rules, with the user's file before them, and the thresholds as set. */
    static Alerting alerting(String rulesFile, java.util.List<String> settings) throws UsageException {
        AlertSettings thresholds = OptionValues.alertSettings(settings);
        if (rulesFile == null) {
            return new Alerting(ReplyRules.defaults(), thresholds);
        }
        try {
            return new Alerting(ReplyRules.withUserFile(java.nio.file.Path.of(rulesFile)), thresholds);
        } catch (java.io.IOException | RuntimeException e) {
            throw new UsageException("--alert-rules: cannot use " + rulesFile + ": " + e.getMessage());
        }
    }

    static int run(String[] cliArgs, PrintStream stdout, PrintStream stderr) throws Exception {
        Configuration flinkConf = FlinkConfiguration.load();
        StreamArguments a = StreamArguments.parse(withConfiguredDefaults(flinkConf, cliArgs));
        if (a.help) {
            stdout.println(USAGE);
            return 0;
        }
        StreamOptions options = a.streamOptions();
        ReportOptions.Builder report = ReportOptions.builder(a.today == null ? Main.today() : a.today)
                .lateRevisionDelay(a.lateRevisionsEvery)
                .fleetShards(a.fleetShards)
                .fleetRows(a.fleetRows)
                .smtpdStats(a.smtpdStats)
                .forgetRemovedMessages(a.forgetRemoved)
                .keepDelayPercentiles(!a.noDelayPercentiles)
                .syslogNames(a.syslogNames)
                .timeZone(a.timeZone)
                .maxLineLength(a.maxLineLength);
        Pseudonymizer pseudonyms = pseudonymizer(a.pseudonymize, a.keyFile, System.getenv(KEY_VARIABLE));
        int parallelism = options.parallelism();

        if (a.stateBackend != null) {
            // rocksdb: state on local disk, incremental checkpoints (config.yaml turns them on)
            flinkConf.setString("state.backend.type", a.stateBackend);
        }
        if (!flinkConf.containsKey("state.backend.rocksdb.options-factory")) {
            // read only by RocksDB: its MANIFEST, uploaded whole with each checkpoint, stays small
            flinkConf.setString("state.backend.rocksdb.options-factory", RocksDbManifestLimit.class.getName());
        }
        if (!flinkConf.containsKey("execution.checkpointing.dir")) {
            // the JobManager's memory holds only 5 MB of state: checkpoints go to files
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("pflogstream-checkpoints");
            flinkConf.setString("execution.checkpointing.dir", dir.toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConf);
        env.setParallelism(parallelism);
        StreamJob.define(
                env, options, report.build(), pseudonyms, a.noAlerts ? null : alerting(a.alertRules, a.alertSettings));
        stderr.println("pflogstream: " + options + (pseudonyms == null ? "" : ", " + pseudonyms));
        env.execute("pflogstream stream");
        return 0;
    }

    /**
     * Options under {@code pflogstream.stream} in config.yaml come first, so the command line wins:
     * {@code pflogstream: {stream: {input-topic: mail.lines, bounded: true}}} reads as
     * {@code --input-topic mail.lines --bounded}.
     */
    static String[] withConfiguredDefaults(Configuration conf, String[] cliArgs) {
        java.util.List<String> args = new java.util.ArrayList<>();
        String prefix = "pflogstream.stream.";
        new java.util.TreeMap<>(conf.toMap()).forEach((key, value) -> {
            if (!key.startsWith(prefix)) {
                return;
            }
            String option = "--" + key.substring(prefix.length());
            if (value.equals("true")) {
                args.add(option);
            } else if (!value.equals("false")) {
                args.add(option);
                args.add(value);
            }
        });
        args.addAll(java.util.Arrays.asList(cliArgs));
        return args.toArray(String[]::new);
    }

    static Duration duration(String name, String v) throws UsageException {
        return OptionValues.duration(name, v);
    }

    /** The pseudonymizer the options ask for, its key from the file or else the environment; null for none. */
    static Pseudonymizer pseudonymizer(java.util.Set<Pseudonymizer.Field> fields, String keyFile, String keyVariable)
            throws UsageException {
        if (fields.isEmpty()) {
            if (keyFile != null) {
                throw new UsageException("--pseudonymize-key-file needs --pseudonymize FIELDS");
            }
            return null;
        }
        byte[] key;
        if (keyFile != null) {
            try {
                key = Files.readAllBytes(Path.of(keyFile));
            } catch (IOException e) {
                throw new UsageException("cannot read the pseudonymization key file " + keyFile + ": "
                        + e.getClass().getSimpleName());
            }
            int end = key.length;
            while (end > 0 && (key[end - 1] == '\n' || key[end - 1] == '\r')) {
                end--; // a key written by echo or an editor: its line end is not part of it
            }
            key = java.util.Arrays.copyOf(key, end);
        } else if (keyVariable != null && !keyVariable.isEmpty()) {
            key = keyVariable.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            throw new UsageException("--pseudonymize needs a key: --pseudonymize-key-file FILE or $" + KEY_VARIABLE);
        }
        try {
            return new Pseudonymizer(key, fields);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--pseudonymize: " + e.getMessage());
        }
    }
}
