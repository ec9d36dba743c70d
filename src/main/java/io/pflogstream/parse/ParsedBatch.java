package io.pflogstream.parse;

import io.pflogstream.postfix.PostfixEvent;
import java.util.List;

/**
 * Consecutive lines of one file, parsed together ({@link BlockParser}). The events are in line
 * order, day changes included; a block does not know the day of the line before it, so its first
 * Postfix line always opens with a day change, which {@link BatchUnpackFunction} drops when the
 * day did not change after all.
 *
 * @param firstDay day of month of the first Postfix line, 0 if the block has none
 * @param lastDay day of month of the last Postfix line, 0 if the block has none
 */
public record ParsedBatch(
        int lines,
        List<PostfixEvent> events,
        List<DeadLetter> deadLetters,
        int firstDay,
        int lastDay,
        int otherPrograms,
        int malformed,
        int unrecognized) {}
