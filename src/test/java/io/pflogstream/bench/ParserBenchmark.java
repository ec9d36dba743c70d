package io.pflogstream.bench;

import io.pflogstream.parse.BlockParser;
import io.pflogstream.parse.ParsedBatch;
import io.pflogstream.postfix.PostfixEventParser;
import io.pflogstream.syslog.EnvelopeResult;
import io.pflogstream.syslog.SyslogEnvelopeParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Lines per second on one core through the parse stage: syslog envelope, then the Postfix
 * daemon's message into a typed event (what {@code LineParseFunction} does per line).
 * {@code scripts/bench.sh} runs it; alone: {@code scripts/jmh.sh ParserBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-XX:+UseSerialGC"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class ParserBenchmark {
    static final int LINES = 100_000;

    private List<String> lines;
    private SyslogEnvelopeParser envelopes;
    private PostfixEventParser events;
    private BlockParser blocks;
    private byte[][] blockBytes;

    @Setup
    public void setUp() {
        // ~16,000 messages → 100k lines of one generated day: the real mix of daemons and shapes
        List<String> all = BenchInput.lines(16_000, 7);
        lines = all.subList(0, Math.min(LINES, all.size()));
        if (lines.size() < LINES) {
            throw new IllegalStateException("generator gave " + lines.size() + " lines");
        }
        envelopes = new SyslogEnvelopeParser(BenchInput.compat().read());
        events = new PostfixEventParser(BenchInput.compat().read());
        blocks = new BlockParser(BenchInput.compat().read());
        // the input cut like the file source cuts it: 32 KB blocks of whole lines
        List<byte[]> cut = ParserCpuTime.blocks(lines);
        blockBytes = cut.toArray(new byte[0][]);
    }

    /**
     * The report's parse stage: raw bytes of whole lines, split and parsed a block at a time, as the
     * file source's workers do.
     */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void blocksOfBytes(Blackhole sink) {
        long seq = 0;
        for (byte[] b : blockBytes) {
            ParsedBatch batch = blocks.parse("bench", b, b.length, seq);
            seq += batch.lines();
            sink.consume(batch);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void envelopeAndEvent(Blackhole sink) {
        long seq = 0;
        for (String line : lines) {
            EnvelopeResult r = envelopes.parse(line, ++seq);
            if (r instanceof EnvelopeResult.Postfix p) {
                sink.consume(events.parse(p.line()));
            } else {
                sink.consume(r);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void envelopeOnly(Blackhole sink) {
        long seq = 0;
        for (String line : lines) {
            sink.consume(envelopes.parse(line, ++seq));
        }
    }
}
