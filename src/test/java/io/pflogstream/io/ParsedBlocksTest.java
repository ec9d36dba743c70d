package io.pflogstream.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.parse.DeadLetter;
import io.pflogstream.parse.Newlines;
import io.pflogstream.parse.ParsedBatch;
import io.pflogstream.postfix.PostfixEvent;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parallel block reader gives back every line once, in file order, numbered across files. */
class ParsedBlocksTest {
    private static final ReportOptions OPTIONS = ReportOptions.defaults(LocalDate.of(2026, 11, 27));

    @TempDir
    Path dir;

    private static String line(int i) {
        // a Postfix line whose queue ID carries its number, so order can be checked from the events
        return String.format(
                "Nov 20 %02d:%02d:%02d mail postfix/qmgr[1]: Q%07d: removed", i / 3600 % 24, i / 60 % 60, i % 60, i);
    }

    /** Drains like the task thread: poll, and when nothing is there wait on nextReady. */
    private static List<ParsedBatch> drain(ParsedBlocks blocks) throws Exception {
        List<ParsedBatch> out = new ArrayList<>();
        while (!blocks.exhausted()) {
            ParsedBatch b = blocks.poll();
            if (b != null) {
                out.add(b);
            } else if (!blocks.exhausted()) {
                blocks.nextReady().get(10, TimeUnit.SECONDS);
            }
        }
        return out;
    }

    private static List<String> queueIds(List<ParsedBatch> batches) {
        List<String> ids = new ArrayList<>();
        for (ParsedBatch b : batches) {
            for (PostfixEvent e : b.events()) {
                if (e instanceof PostfixEvent.Removed r) {
                    ids.add(r.queueId());
                }
            }
        }
        return ids;
    }

    @Test
    void linesComeBackOnceAndInOrderAcrossFilesAndCompression() throws Exception {
        int perFile = 20_000;
        List<String> expected = new ArrayList<>();
        Path plain = dir.resolve("a.log");
        Path gz = dir.resolve("b.log.gz");
        Path unterminated = dir.resolve("c.log");
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < perFile; i++) {
            a.append(line(i)).append('\n');
            expected.add(String.format("Q%07d", i));
        }
        Files.writeString(plain, a, StandardCharsets.ISO_8859_1);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            for (int i = perFile; i < 2 * perFile; i++) {
                out.write((line(i) + "\r\n").getBytes(StandardCharsets.ISO_8859_1)); // CRLF: the CR is dropped
                expected.add(String.format("Q%07d", i));
            }
        }
        Files.writeString(unterminated, line(2 * perFile) + "\n" + line(2 * perFile + 1), StandardCharsets.ISO_8859_1);
        expected.add(String.format("Q%07d", 2 * perFile));
        expected.add(String.format("Q%07d", 2 * perFile + 1));
        Path empty = dir.resolve("empty.log");
        Files.writeString(empty, "");

        List<String> files = List.of(plain.toString(), empty.toString(), gz.toString(), unterminated.toString());
        try (ParsedBlocks blocks = new ParsedBlocks(files, 0, 0, OPTIONS, 3)) {
            List<ParsedBatch> batches = drain(blocks);
            assertThat(queueIds(batches)).containsExactlyElementsOf(expected);
            assertThat(batches.stream().mapToInt(ParsedBatch::lines).sum()).isEqualTo(2 * perFile + 2);
            assertThat(batches.size()).isGreaterThan(10); // really cut into blocks
            // line numbers run on across files: the last line is number 2 * perFile + 1
            PostfixEvent last = batches.get(batches.size() - 1)
                    .events()
                    .get(batches.get(batches.size() - 1).events().size() - 1);
            assertThat(last.origin().seq()).isEqualTo(2L * perFile + 1);
            assertThat(blocks.remaining().files).isEqualTo(List.of(unterminated.toString()));
            assertThat(blocks.remaining().linesDone).isEqualTo(2);
        }
    }

    @Test
    void aLineLongerThanABlockIsReadWholeAndItsDeadLetterKeepsACopyCutShort() throws Exception {
        String junk = "x".repeat(3 * ParsedBlocks.BLOCK_BYTES / 2);
        Path f = dir.resolve("long.log");
        Files.writeString(f, line(1) + "\n" + junk + "\n" + line(2) + "\n", StandardCharsets.ISO_8859_1);
        try (ParsedBlocks blocks = new ParsedBlocks(List.of(f.toString()), 0, 0, OPTIONS, 2)) {
            List<ParsedBatch> batches = drain(blocks);
            assertThat(queueIds(batches)).containsExactly("Q0000001", "Q0000002");
            List<DeadLetter> dead =
                    batches.stream().flatMap(b -> b.deadLetters().stream()).toList();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).line()).isEqualTo(junk.substring(0, DeadLetter.COPY_LIMIT) + DeadLetter.CUT);
            assertThat(dead.get(0).reason()).startsWith("no syslog timestamp");
            assertThat(dead.get(0).seq()).isEqualTo(1);
        }
    }

    @Test
    void linesOverTheMaximumLengthAreDeadLettersAndTheLinesAroundThemCount() throws Exception {
        ReportOptions small = ReportOptions.builder(OPTIONS.read().today())
                .maxLineLength(1000)
                .build();
        // a Postfix line made long, a huge one with no newline in sight, and one at the very end
        String longPostfix = line(2) + " " + "y".repeat(1500);
        String huge = "z".repeat(5 * ParsedBlocks.BLOCK_BYTES + 17);
        Path f = dir.resolve("overlong.log");
        Files.writeString(
                f,
                line(1) + "\n" + longPostfix + "\n" + huge + "\n" + line(3) + "\n" + huge,
                StandardCharsets.ISO_8859_1);
        try (ParsedBlocks blocks = new ParsedBlocks(List.of(f.toString()), 0, 0, small, 2)) {
            List<ParsedBatch> batches = drain(blocks);
            assertThat(queueIds(batches)).containsExactly("Q0000001", "Q0000003");
            List<DeadLetter> dead =
                    batches.stream().flatMap(b -> b.deadLetters().stream()).toList();
            assertThat(dead).extracting(DeadLetter::seq).containsExactly(1L, 2L, 4L);
            assertThat(dead).extracting(DeadLetter::reason).containsOnly(DeadLetter.tooLong(1000));
            assertThat(dead.get(0).line()).isEqualTo(longPostfix.substring(0, 1000) + DeadLetter.CUT);
            assertThat(dead.get(1).line()).isEqualTo(huge.substring(0, 1000) + DeadLetter.CUT);
            assertThat(dead.get(2).line()).isEqualTo(huge.substring(0, 1000) + DeadLetter.CUT);
            assertThat(batches.stream().mapToLong(ParsedBatch::lines).sum()).isEqualTo(5);
        }
    }

    @Test
    void aRestoredSplitSkipsTheLinesAlreadyEmitted() throws Exception {
        Path f = dir.resolve("r.log");
        Files.writeString(f, line(0) + "\n" + line(1) + "\n" + line(2) + "\n", StandardCharsets.ISO_8859_1);
        try (ParsedBlocks blocks = new ParsedBlocks(List.of(f.toString()), 2, 7, OPTIONS, 2)) {
            List<ParsedBatch> batches = drain(blocks);
            assertThat(queueIds(batches)).containsExactly("Q0000002");
            assertThat(batches.get(0)
                            .events()
                            .get(batches.get(0).events().size() - 1)
                            .origin()
                            .seq())
                    .isEqualTo(7);
        }
    }

    @Test
    void closingStopsEveryWorkerEvenMidFile() throws Exception {
        Path f = dir.resolve("big.log");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            b.append(line(i)).append('\n');
        }
        Files.writeString(f, b, StandardCharsets.ISO_8859_1);
        ParsedBlocks blocks = new ParsedBlocks(List.of(f.toString()), 0, 0, OPTIONS, 4);
        ParsedBatch first = null;
        while (first == null) { // a wake-up may come for a later block than the one awaited
            blocks.nextReady().get(10, TimeUnit.SECONDS);
            first = blocks.poll();
        }
        Thread.sleep(200); // the workers fill the room ahead and wait
        blocks.close();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("pflogstream-parse-")) {
                t.join(5_000);
                assertThat(t.isAlive()).as(t.getName()).isFalse();
            }
        }
    }

    @Test
    void anUnreadableFileFailsTheReadWithItsName() {
        String missing = dir.resolve("missing.log").toString();
        try (ParsedBlocks blocks = new ParsedBlocks(List.of(missing), 0, 0, OPTIONS, 2)) {
            assertThatThrownBy(() -> drain(blocks))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(missing);
        }
    }

    @Test
    void newlinesAreFoundAndCountedEightBytesAtATime() {
        byte[] bytes = new byte[1000];
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < bytes.length; i++) {
            int k = r.nextInt(6);
            bytes[i] = (byte) (k == 0 ? '\n' : k == 1 ? 0x8A : k == 2 ? 0x0B : k == 3 ? 0 : k == 4 ? 0xFF : 'a');
        }
        for (int length = 0; length <= bytes.length; length += 37) {
            int expected = 0;
            for (int i = 0; i < length; i++) {
                expected += bytes[i] == '\n' ? 1 : 0;
            }
            assertThat(Newlines.count(bytes, 0, length)).as("length %d", length).isEqualTo(expected);
            for (int from = 0; from < length; from += 13) {
                int first = from;
                while (first < length && bytes[first] != '\n') {
                    first++;
                }
                assertThat(Newlines.next(bytes, from, length))
                        .as("from %d to %d", from, length)
                        .isEqualTo(first);
            }
        }
    }
}
