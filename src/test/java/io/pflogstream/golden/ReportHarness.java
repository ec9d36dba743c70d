package io.pflogstream.golden;

import io.pflogstream.cli.ReportArguments;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.job.ReportRunner;
import io.pflogstream.report.PflogsummReport;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the real topology on the test MiniCluster and prints the report, as the CLI does. */
public final class ReportHarness {
    /** The day the shared corpus references were made: pflogsumm's year guess depends on it. */
    public static final LocalDate CORPUS_DAY = LocalDate.of(2026, 11, 27);

    private ReportHarness() {}

    /** The shared test MiniCluster: one TaskManager, two slots (this machine has two cores). */
    public static org.apache.flink.test.junit5.MiniClusterExtension miniCluster() {
        return new org.apache.flink.test.junit5.MiniClusterExtension(
                new org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }

    /**
     * pflogsumm and pflogstream on the same logs with the same options: fails unless the reports
     * are equal once tied rows are put in a fixed order ({@link TiedRows}). Returns pflogsumm's.
     */
    public static String assertSameAsPflogsumm(List<Path> logs, List<String> args, LocalDate today) throws Exception {
        String expected = Pflogsumm.run(args, logs, today);
        String actual = report(logs, args, today);
        org.assertj.core.api.Assertions.assertThat(TiedRows.canonical(actual)).isEqualTo(TiedRows.canonical(expected));
        return expected;
    }

    public static String report(List<Path> logs, List<String> args, LocalDate today) throws Exception {
        ReportOptions options = ReportArguments.parse(args.toArray(String[]::new), today).options;
        return report(logs, options);
    }

    public static String report(List<Path> logs, ReportOptions options) throws Exception {
        return PflogsummReport.format(run(logs, options).summary(), options);
    }

    public static ReportRunner.Result run(List<Path> logs, ReportOptions options) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return ReportRunner.run(
                env, logs.stream().map(p -> p.toAbsolutePath().toString()).toList(), options);
    }

    /** ../shared beside the repository, where the corpus and samples live when present. */
    public static Path shared() {
        return Path.of(System.getProperty("pflogstream.shared", "../shared"));
    }
}
