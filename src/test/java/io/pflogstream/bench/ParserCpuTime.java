package io.pflogstream.bench;

import io.pflogstream.parse.BlockParser;
import io.pflogstream.parse.ParsedBatch;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The report's parse stage ({@link ParserBenchmark#blocksOfBytes}'s work) timed by the parsing
 * thread's own CPU time rather than the wall clock: on a shared machine, time the thread spends
 * waiting for a core is not the parser's. Prints lines per CPU-second over many passes of the same
 * 100,000 lines after a warm-up. {@code scripts/jmh.sh --cpu-time [passes]}.
 */
public final class ParserCpuTime {
    private ParserCpuTime() {}

    public static void main(String[] args) {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        List<byte[]> blocks = blocks(BenchInput.lines(16_000, 7).subList(0, ParserBenchmark.LINES));
        BlockParser parser = new BlockParser(BenchInput.compat().read());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] rates = new double[passes];
        long events = 0; // of one pass
        for (int pass = -passes / 3; pass < passes; pass++) { // the first third warms the JIT up
            long start = threads.getCurrentThreadCpuTime();
            long seq = 0;
            events = 0;
            for (byte[] b : blocks) {
                ParsedBatch batch = parser.parse("bench", b, b.length, seq);
                seq += batch.lines();
                events += batch.events().size();
            }
            long cpu = threads.getCurrentThreadCpuTime() - start;
            if (pass >= 0) {
                rates[pass] = seq / (cpu / 1e9);
            }
        }
        Arrays.sort(rates);
        System.out.printf(
                "ParserCpuTime.blocksOfBytes  %d passes of %d lines: median %.0f, best %.0f, worst %.0f lines per CPU-second"
                        + " (%d events a pass)%n",
                passes, ParserBenchmark.LINES, rates[passes / 2], rates[passes - 1], rates[0], events);
    }

    /** The lines cut as the file source cuts them: 32 KB blocks of whole lines. */
    static List<byte[]> blocks(List<String> lines) {
        List<byte[]> cut = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String line : lines) {
            if (block.length() + line.length() + 1 > 1 << 15) {
                cut.add(block.toString().getBytes(StandardCharsets.ISO_8859_1));
                block.setLength(0);
            }
            block.append(line).append('\n');
        }
        cut.add(block.toString().getBytes(StandardCharsets.ISO_8859_1));
        return cut;
    }
}
