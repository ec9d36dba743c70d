package io.pflogstream.job;

import io.pflogstream.alert.Alert;
import io.pflogstream.alert.Alerting;
import io.pflogstream.config.FlinkConfiguration;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.io.LogFileSource;
import io.pflogstream.parse.DeadLetter;
import io.pflogstream.parse.ParsedBatch;
import io.pflogstream.summary.HostSummary;
import io.pflogstream.summary.Summary;
import io.pflogstream.topology.PflogTopology;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.EitherTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.collect.CollectSinkOperatorFactory;
import org.apache.flink.types.Either;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the topology over log files on a bounded source and collects the run's summary and the
 * lines no rule took. With no environment given it starts an embedded MiniCluster.
 */
public final class ReportRunner {
    /**
     * What a batch run produced.
     *
     * @param start wall-clock start of the first hour with data, epoch ms (0 if none)
     * @param end end of the last hour with data
     * @param deadLetters the lines no rule took, when the run kept them
     */
    public record Result(Summary summary, long start, long end, List<DeadLetter> deadLetters, List<Alert> alerts) {
        public Result(Summary summary, long start, long end, List<DeadLetter> deadLetters) {
            this(summary, start, end, deadLetters, List.of());
        }
    }

    private ReportRunner() {}

    /** A MiniCluster in this JVM, configured by {@link FlinkConfiguration}. */
    public static StreamExecutionEnvironment embeddedEnvironment() {
        return StreamExecutionEnvironment.createLocalEnvironment(2, FlinkConfiguration.forFileReport());
    }

    /** The run, with every dead letter in the result (tests and small inputs). */
    public static Result run(StreamExecutionEnvironment env, List<String> files, ReportOptions options)
            throws Exception {
        List<DeadLetter> dead = new ArrayList<>();
        Result r = run(env, files, options, dead::add);
        return new Result(r.summary(), r.start(), r.end(), dead, r.alerts());
    }

    /**
     * The run, each dead letter handed to {@code deadLetters} as it comes (in input order) instead of
     * kept: a log of millions of junk lines must not fill the heap with them.
     */
    public static Result run(
            StreamExecutionEnvironment env,
            List<String> files,
            ReportOptions options,
            java.util.function.Consumer<DeadLetter> deadLetters)
            throws Exception {
        return run(env, files, options, deadLetters, null);
    }

    /**
     * @param alerting the incident detectors to run over the files, or null; their alerts come in
     *     the result in the order they were raised
     */
    public static Result run(
            StreamExecutionEnvironment env,
            List<String> files,
            ReportOptions options,
            java.util.function.Consumer<DeadLetter> deadLetters,
            Alerting alerting)
            throws Exception {
        // a run's summary holds every sender and recipient: far more than the collect sink's 2 MB default
        Configuration collect = new Configuration();
        collect.set(CollectSinkOperatorFactory.MAX_BATCH_SIZE, MemorySize.parse("1gb"));
        env.configure(collect);
        // every record of this pipeline is immutable once emitted: chained operators may share it
        env.getConfig().enableObjectReuse();
        // one reader, files in the order given: pflogsumm's numbers depend on line order. The rest of
        // the run is one chain on one thread, which needs a core of its own; the parse workers get
        // the others (on 2 cores a second worker only took time from the chain: 33.7 s against 28.0 s
        // for 20M lines)
        int workers = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        LogFileSource source = new LogFileSource(files, options, workers);
        DataStream<ParsedBatch> batches = env.fromSource(source, WatermarkStrategy.noWatermarks(), "log-files")
                .setParallelism(1)
                .uid("log-files");
        PflogTopology.RunOutputs outputs = PflogTopology.defineRun(batches, options, alerting);

        // a summary, or a dead letter or an alert
        TypeInformation<Either<DeadLetter, Alert>> aside =
                new EitherTypeInfo<>(TypeInformation.of(DeadLetter.class), TypeInformation.of(Alert.class));
        TypeInformation<Either<HostSummary, Either<DeadLetter, Alert>>> type =
                new EitherTypeInfo<>(TypeInformation.of(HostSummary.class), aside);
        DataStream<Either<HostSummary, Either<DeadLetter, Alert>>> results = outputs.partialTotals()
                .map(h -> Either.<HostSummary, Either<DeadLetter, Alert>>Left(h))
                .returns(type)
                .name("collect-summary")
                .union(outputs.deadLetters()
                        .map(d -> Either.<HostSummary, Either<DeadLetter, Alert>>Right(Either.Left(d)))
                        .returns(type)
                        // chained to the parse stage's subtask: the dead letters stay in input order
                        .setParallelism(outputs.deadLetters().getParallelism())
                        .name("collect-dead-letters"));
        if (outputs.alerts() != null) {
            results = results.union(outputs.alerts()
                    .map(a -> Either.<HostSummary, Either<DeadLetter, Alert>>Right(Either.Right(a)))
                    .returns(type)
                    // chained to the detectors' one subtask: the alerts keep the order they were raised in
                    .setParallelism(outputs.alerts().getParallelism())
                    .name("collect-alerts"));
        }
        List<Alert> alerts = new ArrayList<>();

        Summary summary = new Summary();
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        try (CloseableIterator<Either<HostSummary, Either<DeadLetter, Alert>>> it =
                results.executeAndCollect("pflogstream report")) {
            while (it.hasNext()) {
                Either<HostSummary, Either<DeadLetter, Alert>> e = it.next();
                if (e.isLeft()) {
                    summary.merge(e.left().summary());
                    start = Math.min(start, e.left().start());
                    end = Math.max(end, e.left().end());
                } else if (e.right().isLeft()) {
                    deadLetters.accept(e.right().left());
                } else {
                    alerts.add(e.right().right());
                }
            }
        }
        return start > end
                ? new Result(summary, 0, 0, List.of(), alerts)
                : new Result(summary, start, end, List.of(), alerts);
    }
}
