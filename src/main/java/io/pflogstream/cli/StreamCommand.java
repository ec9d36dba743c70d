package io.pflogstream.cli;

import io.pflogstream.config.FlinkConfiguration;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.config.StreamOptions;
import io.pflogstream.config.LineEnvelope;
import io.pflogstream.io.Pseudonymizer;
import io.pflogstream.job.StreamJob;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
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
                [--transactional-id-prefix pflogstream] [--checkpoint-interval 10s] [--max-out-of-order 5m]
                [--idle-after 1m] [--allowed-lateness 1h] [--late-revisions-every 5s] [--parallelism N]
                [--today YYYY-MM-DD]
                [--kafka-property KEY=VALUE ...] [--kafka-properties FILE] [--syslog-name NAME ...] [--smtpd-stats]
                [--time-zone ZONE] [--max-line-length 65536] [--forget-removed]
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

    static int run(String[] cliArgs, PrintStream stdout, PrintStream stderr) throws Exception {
        Configuration flinkConf = FlinkConfiguration.load();
        String[] args = withConfiguredDefaults(flinkConf, cliArgs);
        String bootstrap = null;
        StreamOptions d = StreamOptions.defaults("");
        String input = d.inputTopic();
        LineEnvelope envelope = d.envelope();
        String lineField = null;
        String hostField = null;
        String timestampField = null;
        String tagField = null;
        String group = d.groupId();
        boolean bounded = false;
        String summary = d.summaryTopic();
        String messages = d.messagesTopic();
        String events = d.eventsTopic();
        String deadletter = d.deadLetterTopic();
        String reports = d.reportTopic();
        String reportDir = null;
        String prefix = d.transactionalIdPrefix();
        Duration checkpoint = d.checkpointInterval();
        Duration outOfOrder = d.maxOutOfOrderness();
        Duration idle = d.idleness();
        Duration lateness = d.allowedLateness();
        int parallelism = d.parallelism();
        Map<String, String> kafka = new LinkedHashMap<>();
        ReportOptions.Builder report = ReportOptions.builder(Main.today()).lateRevisionDelay(LATE_REVISIONS_EVERY);
        java.util.List<String> syslogNames = new java.util.ArrayList<>();
        java.util.Set<Pseudonymizer.Field> pseudonymize = java.util.EnumSet.noneOf(Pseudonymizer.Field.class);
        String keyFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help" -> {
                    stdout.println(USAGE);
                    return 0;
                }
                case "--bounded" -> bounded = true;
                case "--smtpd-stats" -> report.smtpdStats(true);
                case "--forget-removed" -> report.forgetRemovedMessages(true);
                default -> {
                    String name = a;
                    String v;
                    int eq = a.indexOf('=');
                    if (a.startsWith("--") && eq > 0) {
                        name = a.substring(0, eq);
                        v = a.substring(eq + 1);
                    } else {
                        if (i + 1 >= args.length) throw new UsageException("option " + a + " requires an argument");
                        v = args[++i];
                    }
                    switch (name) {
                        case "--bootstrap-servers" -> bootstrap = v;
                        case "--input-topic" -> input = v;
                        case "--input-format" -> envelope = envelope(v);
                        case "--line-field" -> lineField = v;
                        case "--host-field" -> hostField = v;
                        case "--timestamp-field" -> timestampField = v;
                        case "--tag-field" -> tagField = v;
                        case "--group-id" -> group = v;
                        case "--report-dir" -> reportDir = v;
                        case "--summary-topic" -> summary = v;
                        case "--messages-topic" -> messages = v;
                        case "--events-topic" -> events = v;
                        case "--deadletter-topic" -> deadletter = v;
                        case "--report-topic" -> reports = v;
                        case "--transactional-id-prefix" -> prefix = v;
                        case "--checkpoint-interval" -> checkpoint = duration(name, v);
                        case "--max-out-of-order" -> outOfOrder = duration(name, v);
                        case "--idle-after" -> idle = duration(name, v);
                        case "--allowed-lateness" -> lateness = duration(name, v);
                        case "--late-revisions-every" -> report.lateRevisionDelay(duration(name, v));
                        case "--parallelism" -> parallelism = number(name, v);
                        case "--syslog-name" -> syslogNames.add(v);
                        case "--time-zone" -> report.timeZone(OptionValues.zone(name, v));
                        case "--today" -> report.today(OptionValues.date(name, v));
                        case "--max-line-length" -> report.maxLineLength(OptionValues.maxLineLength(number(name, v)));
                        case "--kafka-property" -> {
                            int at = v.indexOf('=');
                            if (at <= 0) throw new UsageException("--kafka-property takes KEY=VALUE");
                            kafka.put(v.substring(0, at), v.substring(at + 1));
                        }
                        case "--kafka-properties" -> kafka.putAll(propertiesFile(v));
                        case "--pseudonymize" -> pseudonymize.addAll(fields(v));
                        case "--pseudonymize-key-file" -> keyFile = v;
                        default -> throw new UsageException("unknown option: " + a);
                    }
                }
            }
        }
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new UsageException("--bootstrap-servers HOST:PORT is required (see: pflogstream stream --help)");
        }
        if (envelope.json() && (lineField != null || hostField != null || timestampField != null || tagField != null)) {
            envelope = new LineEnvelope(true, or(lineField, envelope.lineField()), or(hostField, envelope.hostField()),
                    or(timestampField, envelope.timestampField()), or(tagField, envelope.tagField()),
                    envelope.programField(), envelope.pidField());
        }
        report.syslogNames(syslogNames);
        Pseudonymizer pseudonyms = pseudonymizer(pseudonymize, keyFile, System.getenv(KEY_VARIABLE));
        StreamOptions options = new StreamOptions(bootstrap, input, envelope, group, bounded, summary, messages, events,
                deadletter, reports, reportDir, prefix, checkpoint, outOfOrder, idle, lateness, parallelism, Map.copyOf(kafka));

        if (!flinkConf.containsKey("execution.checkpointing.dir")) {
            // the JobManager's memory holds only 5 MB of state: checkpoints go to files
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("pflogstream-checkpoints");
            flinkConf.setString("execution.checkpointing.dir", dir.toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConf);
        env.setParallelism(parallelism);
        StreamJob.define(env, options, report.build(), pseudonyms);
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

    private static LineEnvelope envelope(String v) throws UsageException {
        try {
            return LineEnvelope.preset(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static Duration duration(String name, String v) throws UsageException {
        return OptionValues.duration(name, v);
    }

    private static int number(String name, String v) throws UsageException {
        try {
            int n = Integer.parseInt(v);
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes a positive whole number, not '" + v + "'");
        }
    }

    private static java.util.Set<Pseudonymizer.Field> fields(String v) throws UsageException {
        try {
            return Pseudonymizer.Field.parse(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--pseudonymize: " + e.getMessage());
        }
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

    private static Map<String, String> propertiesFile(String file) throws UsageException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            p.load(in);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }
}
