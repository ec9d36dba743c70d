package io.pflogstream.fuzz;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.generate.LogGenerator;
import io.pflogstream.parse.LineParser;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The fuzzing campaign ({@code scripts/fuzz.sh}): millions of hostile lines, each through the
 * parse stage both ways (the report's bytes, the stream's String) with its time measured, the two
 * outcomes compared, and the parser's last guard required never to fire; the same lines, between
 * good ones, written to a log for the report and sent to a topic for the stream job. It prints
 * the figures and how many lines each output must hold as dead letters.
 *
 * <pre>FuzzCampaign --lines N [--seed S] [--log FILE] [--bootstrap HOST:PORT --topic T [--partitions P]]</pre>
 */
public final class FuzzCampaign {
    /** Lines over this are not sent to Kafka whole (the broker's default record limit is 1 MB). */
    private static final int KAFKA_RECORD_LIMIT = 900_000;

    private static final int HOSTILE_PER_GOOD = 4;

    private FuzzCampaign() {}

    public static void main(String[] args) throws Exception {
        long lines = 10_000_000;
        long seed = 1;
        Path log = null;
        String bootstrap = null;
        String topic = null;
        int partitions = 2;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lines" -> lines = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--log" -> log = Path.of(args[++i]);
                case "--bootstrap" -> bootstrap = args[++i];
                case "--topic" -> topic = args[++i];
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // one good line for every HOSTILE_PER_GOOD hostile ones, the log long enough for that (about
        // 6.9 lines a message), so that time only moves forward and no good line is late in the stream
        StringWriter generated = new StringWriter();
        int days = (int) Math.max(1, lines / HOSTILE_PER_GOOD / 7 / 20_000 + 1);
        new LogGenerator(
                        new LogGenerator.Spec(seed, 2, days, 20_000, LocalDate.of(2026, 6, 1), false, false), generated)
                .run();
        List<String> good = List.of(generated.toString().split("\n"));
        generated = null;
        HostileLines mutator = new HostileLines(seed, good);
        SplittableRandom random = new SplittableRandom(seed);
        ReportOptions options = ReportOptions.defaults(LocalDate.of(2026, 11, 27));
        LineParser bytesParser = new LineParser(options.read());
        LineParser stringParser = new LineParser(options.read());

        Map<HostileLines.Kind, long[]> perKind = new EnumMap<>(HostileLines.Kind.class); // count, dead, worst ns
        Map<LineParser.Outcome, Long> outcomes = new EnumMap<>(LineParser.Outcome.class);
        long internalErrors = 0;
        long disagreements = 0;
        long worst = 0;
        String worstLine = "";
        long totalNanos = 0;
        long bytes = 0;
        long goodDead = 0;
        long fileDead = 0;
        long streamDead = 0;
        long goodLines = 0;
        long warmUp = Math.min(200_000, lines / 10);

        OutputStream out = log == null ? null : new BufferedOutputStream(Files.newOutputStream(log), 1 << 20);
        KafkaProducer<byte[], byte[]> producer = bootstrap == null ? null : producer(bootstrap);
        // records go round-robin to partitions by their index, so each one's (partition, offset)
        // is known here and a dead letter the stream should not have written can be named
        long records = 0;
        OutputStream expectedDead = log == null
                ? null
                : new BufferedOutputStream(Files.newOutputStream(log.resolveSibling("expected-stream-dead.txt")));
        long started = System.nanoTime();
        for (long n = 0; n < lines; n++) {
            int at = (int) (n / HOSTILE_PER_GOOD % good.size());
            if (n % HOSTILE_PER_GOOD == 0) {
                // a good line before each few hostile ones: the readable context the outputs must count
                byte[] context = good.get(at).getBytes(StandardCharsets.ISO_8859_1);
                LineParser.Outcome goodOutcome = bytesParser.parse(context, 0, context.length, n);
                goodDead +=
                        goodOutcome == LineParser.Outcome.MALFORMED || goodOutcome == LineParser.Outcome.UNRECOGNIZED
                                ? 1
                                : 0;
                goodLines++;
                if (out != null) {
                    out.write(context);
                    out.write('\n');
                }
                if (producer != null) {
                    producer.send(new ProducerRecord<>(topic, (int) (records % partitions), null, context));
                }
                if (expectedDead != null && isDead(goodOutcome)) {
                    expectedDead.write(position(records, partitions));
                }
                records++;
            }
            HostileLines.Kind kind = pick(random, n);
            byte[] line = mutator.next(kind, at);
            long t0 = System.nanoTime();
            LineParser.Outcome byBytes = bytesParser.parse(line, 0, line.length, n);
            long took = System.nanoTime() - t0;
            String text = new String(line, StandardCharsets.ISO_8859_1);
            LineParser.Outcome byString = stringParser.parse(text, n);
            boolean dead = byBytes == LineParser.Outcome.MALFORMED || byBytes == LineParser.Outcome.UNRECOGNIZED;
            if (dead && bytesParser.reason().startsWith(LineParser.INTERNAL_ERROR)) {
                if (internalErrors++ < 5) {
                    System.err.println("internal error: " + bytesParser.reason() + " on " + kind + ": " + clip(text));
                }
            }
            if (byBytes != byString || (dead && !bytesParser.reason().equals(stringParser.reason()))) {
                if (disagreements++ < 5) {
                    System.err.println(
                            "paths disagree (" + byBytes + " / " + byString + ") on " + kind + ": " + clip(text));
                }
            }
            // what the two readers hand the parser: the file's a line without one trailing '\r',
            // Kafka's a record without its trailing '\r's and '\n's
            int fileEnd = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
            fileDead += isDead(bytesParser.parse(line, 0, fileEnd, n)) ? 1 : 0;
            int recordEnd = line.length;
            while (recordEnd > 0 && (line[recordEnd - 1] == '\r' || line[recordEnd - 1] == '\n')) {
                recordEnd--;
            }
            boolean streamLineDead = isDead(bytesParser.parse(line, 0, recordEnd, n));
            streamDead += streamLineDead ? 1 : 0;
            if (expectedDead != null && streamLineDead) {
                expectedDead.write(position(records, partitions));
            }
            outcomes.merge(byBytes, 1L, Long::sum);
            long[] k = perKind.computeIfAbsent(kind, x -> new long[3]);
            k[0]++;
            k[1] += dead ? 1 : 0;
            if (n >= warmUp) {
                k[2] = Math.max(k[2], took);
                totalNanos += took;
                if (took > worst) {
                    worst = took;
                    worstLine = kind + ", " + line.length + " bytes: " + clip(text);
                    if (log != null) {
                        Files.write(log.resolveSibling("worst-line.txt"), line);
                    }
                }
            }
            bytes += line.length;
            if (out != null) {
                out.write(line);
                out.write('\n');
            }
            if (producer != null) {
                producer.send(new ProducerRecord<>(
                        topic,
                        (int) (records % partitions),
                        null,
                        line.length > KAFKA_RECORD_LIMIT ? java.util.Arrays.copyOf(line, KAFKA_RECORD_LIMIT) : line));
            }
            records++;
        }
        if (out != null) {
            out.close();
            expectedDead.close();
        }
        if (producer != null) {
            producer.close();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long hostileDead = perKind.values().stream().mapToLong(k -> k[1]).sum();

        System.out.printf(
                "hostile lines: %,d (%,d MB), each parsed both ways, in %.0f s%n", lines, bytes >> 20, seconds);
        System.out.printf("%-18s %12s %12s %14s%n", "kind", "lines", "dead letters", "worst parse µs");
        perKind.forEach((kind, k) -> System.out.printf("%-18s %,12d %,12d %,14.1f%n", kind, k[0], k[1], k[2] / 1000.0));
        System.out.println("outcomes (bytes path): " + outcomes);
        System.out.printf(
                "mean parse time %.2f µs a line; worst %.1f µs (%s)%n",
                totalNanos / 1000.0 / Math.max(1, lines - warmUp), worst / 1000.0, worstLine);
        System.out.println("internal errors (the parser's last guard): " + internalErrors);
        System.out.println("bytes and String paths disagree: " + disagreements);
        // what a report or a stream over the written log must show as dead letters
        System.out.println("expected_report_dead_letters=" + (fileDead + goodDead) + " expected_stream_dead_letters="
                + (streamDead + goodDead) + " good_lines=" + goodLines + " hostile_lines=" + lines + " hostile_dead="
                + hostileDead);
        if (internalErrors > 0 || disagreements > 0) {
            System.exit(1);
        }
    }

    /** "partition offset\n" of the record with this index, as fuzz.sh reads it off the dead letters. */
    private static byte[] position(long record, int partitions) {
        return ((record % partitions) + " " + (record / partitions) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean isDead(LineParser.Outcome o) {
        return o == LineParser.Outcome.MALFORMED || o == LineParser.Outcome.UNRECOGNIZED;
    }

    /** Long lines are rare: a 1 MB line every 20,000, bait and endless queue IDs one in a thousand. */
    private static HostileLines.Kind pick(SplittableRandom random, long n) {
        if (n % 20_000 == 19_999) {
            return HostileLines.Kind.HUGE_LINE;
        }
        if (n % 1000 == 500) {
            return random.nextBoolean() ? HostileLines.Kind.BACKTRACKING_BAIT : HostileLines.Kind.ENDLESS_QUEUE_ID;
        }
        HostileLines.Kind[] common = {
            HostileLines.Kind.TRUNCATED,
            HostileLines.Kind.RANDOM_BYTES,
            HostileLines.Kind.INVALID_UTF8,
            HostileLines.Kind.CONTROL_CHARS,
            HostileLines.Kind.HUGE_NUMBER,
            HostileLines.Kind.SPLICED,
            HostileLines.Kind.NOISE
        };
        return common[random.nextInt(common.length)];
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", ByteArraySerializer.class.getName());
        p.put("value.serializer", ByteArraySerializer.class.getName());
        p.put("linger.ms", "20");
        p.put("batch.size", "262144");
        p.put("max.request.size", "1048576");
        p.put("compression.type", "lz4");
        return new KafkaProducer<>(p);
    }

    private static String clip(String s) {
        String t = s.length() > 160 ? s.substring(0, 160) + "..." : s;
        StringBuilder b = new StringBuilder();
        for (char c : t.toCharArray()) {
            b.append(c < 0x20 || c >= 0x7F ? '?' : c);
        }
        return b.toString();
    }
}
