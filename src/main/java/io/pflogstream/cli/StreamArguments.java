package io.pflogstream.cli;

import io.pflogstream.config.LineEnvelope;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.config.StreamOptions;
import io.pflogstream.io.Pseudonymizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The stream command's line, parsed with picocli as the report's is: {@code --name value} or
 * {@code --name=value}, the last of a repeated option winning (so the command line overrides
 * {@code pflogstream.stream.*} in config.yaml, which comes first), values checked here with a
 * one-line message. Every option it takes, the job honours.
 */
@Command(name = "stream", sortOptions = false)
final class StreamArguments {
    private static final StreamOptions DEFAULTS = StreamOptions.defaults("");

    @Option(names = "--bootstrap-servers")
    String bootstrap;

    @Option(names = "--input-topic")
    String inputTopic = DEFAULTS.inputTopic();

    @Option(names = "--input-format")
    String inputFormat = "raw";

    @Option(names = "--line-field")
    String lineField;

    @Option(names = "--host-field")
    String hostField;

    @Option(names = "--timestamp-field")
    String timestampField;

    @Option(names = "--tag-field")
    String tagField;

    @Option(names = "--group-id")
    String groupId = DEFAULTS.groupId();

    @Option(names = "--bounded")
    boolean bounded;

    @Option(names = "--report-dir")
    String reportDir;

    @Option(names = "--summary-topic")
    String summaryTopic = DEFAULTS.summaryTopic();

    @Option(names = "--messages-topic")
    String messagesTopic = DEFAULTS.messagesTopic();

    @Option(names = "--events-topic")
    String eventsTopic = DEFAULTS.eventsTopic();

    @Option(names = "--deadletter-topic")
    String deadLetterTopic = DEFAULTS.deadLetterTopic();

    @Option(names = "--report-topic")
    String reportTopic = DEFAULTS.reportTopic();

    @Option(names = "--alerts-topic")
    String alertsTopic = DEFAULTS.alertsTopic();

    @Option(names = "--alert-rules")
    String alertRules;

    @Option(names = "--no-alerts")
    boolean noAlerts;

    @Option(names = "--alert-setting")
    java.util.List<String> alertSettings = new java.util.ArrayList<>();

    @Option(names = "--transactional-id-prefix")
    String transactionalIdPrefix = DEFAULTS.transactionalIdPrefix();

    @Option(names = "--checkpoint-interval")
    String checkpointInterval;

    @Option(names = "--max-out-of-order")
    String maxOutOfOrder;

    @Option(names = "--idle-after")
    String idleAfter;

    @Option(names = "--allowed-lateness")
    String allowedLatenessOption;

    @Option(names = "--late-revisions-every")
    String lateRevisionsEveryOption;

    @Option(names = "--parallelism")
    String parallelismOption;

    @Option(names = "--fleet-shards")
    String fleetShardsOption;

    @Option(names = "--fleet-rows")
    String fleetRowsOption;

    @Option(names = "--today")
    String todayOption;

    @Option(names = "--kafka-property")
    List<String> kafkaPropertyOptions = new ArrayList<>();

    @Option(names = "--kafka-properties")
    List<String> kafkaPropertyFiles = new ArrayList<>();

    @Option(names = "--syslog-name")
    List<String> syslogNames = new ArrayList<>();

    @Option(names = "--smtpd-stats")
    boolean smtpdStats;

    @Option(names = "--time-zone")
    String timeZoneOption;

    @Option(names = "--max-line-length")
    String maxLineLengthOption;

    @Option(names = "--forget-removed")
    boolean forgetRemoved;

    @Option(names = "--no-delay-percentiles")
    boolean noDelayPercentiles;

    @Option(names = "--pseudonymize")
    List<String> pseudonymizeOptions = new ArrayList<>();

    @Option(names = "--pseudonymize-key-file")
    String keyFile;

    @Option(names = "--state-backend")
    String stateBackend;

    @Option(names = "--help")
    boolean help;

    // resolved
    LocalDate today;
    ZoneId timeZone;
    int maxLineLength = ReportOptions.DEFAULT_MAX_LINE_LENGTH;
    Duration lateRevisionsEvery = StreamCommand.LATE_REVISIONS_EVERY;
    int fleetShards = ReportOptions.DEFAULT_FLEET_SHARDS;
    int fleetRows = ReportOptions.DEFAULT_FLEET_ROWS;
    Set<Pseudonymizer.Field> pseudonymize = EnumSet.noneOf(Pseudonymizer.Field.class);
    private StreamOptions options;

    private StreamArguments() {}

    static StreamArguments parse(String[] args) throws UsageException {
        StreamArguments a = new StreamArguments();
        CommandLine cl = new CommandLine(a);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setUnmatchedOptionsArePositionalParams(false);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.UnmatchedArgumentException e) {
            throw new UsageException(
                    "unknown option: " + e.getUnmatched().get(0) + " (see: pflogstream stream --help)");
        } catch (CommandLine.MissingParameterException e) {
            CommandLine.Model.ArgSpec spec = e.getMissing().get(0);
            String name = spec instanceof CommandLine.Model.OptionSpec o ? o.longestName() : spec.paramLabel();
            throw new UsageException("option " + name + " requires an argument");
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        if (!a.help) {
            a.resolve();
        }
        return a;
    }

    StreamOptions streamOptions() {
        return options;
    }

    private void resolve() throws UsageException {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new UsageException("--bootstrap-servers HOST:PORT is required (see: pflogstream stream --help)");
        }
        LineEnvelope envelope = envelope(inputFormat);
        if (envelope.json() && (lineField != null || hostField != null || timestampField != null || tagField != null)) {
            envelope = new LineEnvelope(
                    true,
                    or(lineField, envelope.lineField()),
                    or(hostField, envelope.hostField()),
                    or(timestampField, envelope.timestampField()),
                    or(tagField, envelope.tagField()),
                    envelope.programField(),
                    envelope.pidField());
        } else if (!envelope.json()
                && (lineField != null || hostField != null || timestampField != null || tagField != null)) {
            throw new UsageException(
                    "--line-field, --host-field, --timestamp-field and --tag-field need a JSON --input-format");
        }
        Map<String, String> kafka = new LinkedHashMap<>();
        for (String file : kafkaPropertyFiles) {
            kafka.putAll(propertiesFile(file));
        }
        for (String kv : kafkaPropertyOptions) {
            int at = kv.indexOf('=');
            if (at <= 0) {
                throw new UsageException("--kafka-property takes KEY=VALUE");
            }
            kafka.put(kv.substring(0, at), kv.substring(at + 1));
        }
        for (String list : pseudonymizeOptions) {
            try {
                pseudonymize.addAll(Pseudonymizer.Field.parse(list));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--pseudonymize: " + e.getMessage());
            }
        }
        if (stateBackend != null && !List.of("hashmap", "rocksdb").contains(stateBackend)) {
            throw new UsageException("--state-backend takes hashmap or rocksdb, not '" + stateBackend + "'");
        }
        today = todayOption == null ? null : OptionValues.date("--today", todayOption);
        timeZone = timeZoneOption == null ? null : OptionValues.zone("--time-zone", timeZoneOption);
        if (maxLineLengthOption != null) {
            maxLineLength = OptionValues.maxLineLength(positive("--max-line-length", maxLineLengthOption));
        }
        if (fleetShardsOption != null) {
            fleetShards = positive("--fleet-shards", fleetShardsOption);
            if (fleetShards > ReportOptions.MAX_FLEET_SHARDS) {
                throw new UsageException("--fleet-shards takes at most " + ReportOptions.MAX_FLEET_SHARDS
                        + " (the job's key groups), not " + fleetShards);
            }
        }
        if (fleetRowsOption != null) {
            fleetRows = fleetRowsOption.equals("0") ? 0 : positive("--fleet-rows", fleetRowsOption);
        }
        if (lateRevisionsEveryOption != null) {
            lateRevisionsEvery = OptionValues.duration("--late-revisions-every", lateRevisionsEveryOption);
        }
        options = new StreamOptions(
                bootstrap,
                inputTopic,
                envelope,
                groupId,
                bounded,
                summaryTopic,
                messagesTopic,
                eventsTopic,
                deadLetterTopic,
                reportTopic,
                alertsTopic,
                reportDir,
                transactionalIdPrefix,
                duration("--checkpoint-interval", checkpointInterval, DEFAULTS.checkpointInterval()),
                duration("--max-out-of-order", maxOutOfOrder, DEFAULTS.maxOutOfOrderness()),
                duration("--idle-after", idleAfter, DEFAULTS.idleness()),
                duration("--allowed-lateness", allowedLatenessOption, DEFAULTS.allowedLateness()),
                parallelismOption == null ? DEFAULTS.parallelism() : positive("--parallelism", parallelismOption),
                Map.copyOf(kafka));
    }

    private static Duration duration(String name, String value, Duration fallback) throws UsageException {
        return value == null ? fallback : OptionValues.duration(name, value);
    }

    private static int positive(String name, String v) throws UsageException {
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " takes a positive whole number"
                    + (name.equals("--fleet-rows") ? " (or 0 for every row)" : "") + ", not '" + v + "'");
        }
    }

    private static LineEnvelope envelope(String v) throws UsageException {
        try {
            return LineEnvelope.preset(v);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
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
