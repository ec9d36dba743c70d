package io.pflogstream.parse;

import io.pflogstream.config.ReadOptions;
import io.pflogstream.postfix.PostfixEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a block of raw log bytes (whole lines, '\n'-separated, a trailing '\r' dropped) into a
 * {@link ParsedBatch}. Blocks are parsed on several threads at once and put back in order by the
 * source; everything that depends on the line before (day changes) is settled when they are.
 * Bytes are Latin-1, one char per byte, as pflogsumm (which never decodes) sees them.
 */
public final class BlockParser {
    private final LineParser parser;

    private final int maxLineLength;

    public BlockParser(ReadOptions options) {
        this.parser = new LineParser(options);
        this.maxLineLength = options.maxLineLength();
    }

    /** @param firstSeq line number of the block's first line in the whole input (from 0) */
    public ParsedBatch parse(String source, byte[] bytes, int length, long firstSeq) {
        List<PostfixEvent> events = new ArrayList<>(length / 100 + 16);
        List<DeadLetter> dead = new ArrayList<>(0);
        int firstDay = 0;
        int lastDay = 0;
        int other = 0;
        int malformed = 0;
        int unrecognized = 0;
        long seq = firstSeq;
        int start = 0;
        while (start < length) {
            int end = Newlines.next(bytes, start, length);
            int textEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
            LineParser.Outcome outcome = parser.parse(bytes, start, textEnd, seq);
            switch (outcome) {
                case EVENT, UNRECOGNIZED -> {
                    int day = parser.line().day();
                    if (firstDay == 0 || day != lastDay) {
                        if (firstDay == 0) {
                            firstDay = day;
                        }
                        lastDay = day;
                        events.add(LineParser.newDay(parser.line()));
                    }
                    if (outcome == LineParser.Outcome.EVENT) {
                        events.add(parser.event());
                    } else {
                        unrecognized++;
                        dead.add(new DeadLetter(source, seq, text(bytes, start, textEnd), parser.reason()));
                    }
                }
                case OTHER_PROGRAM -> other++;
                case MALFORMED -> {
                    malformed++;
                    dead.add(new DeadLetter(source, seq, text(bytes, start, textEnd), parser.reason()));
                }
                case OUTSIDE -> {}
            }
            seq++;
            start = end + 1;
        }
        return new ParsedBatch((int) (seq - firstSeq), events, dead, firstDay, lastDay, other, malformed, unrecognized);
    }

    /** The line for a dead letter: a line over the maximum length is cut there. */
    private String text(byte[] bytes, int start, int end) {
        return DeadLetter.copy(bytes, start, end, maxLineLength);
    }
}
