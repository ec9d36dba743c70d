package io.pflogstream.parse;

import io.pflogstream.syslog.EnvelopeResult;

/**
 * A line as read, with where it came from.
 *
 * @param source a file, or "topic/partition" for Kafka
 * @param seq position in its source: line number, or Kafka offset
 * @param problem why the record could not even be read as a line (bad JSON envelope), else null
 * @param envelope the syslog envelope, when the source already read it (the Kafka source does, for
 *     the line's event time), else null; the parse stage then does not read it a second time
 */
public record RawLine(String source, long seq, String text, String problem, EnvelopeResult envelope) {
    public RawLine(String source, long seq, String text) {
        this(source, seq, text, null, null);
    }

    public RawLine(String source, long seq, String text, String problem) {
        this(source, seq, text, problem, null);
    }

    /**
     * Event time: the syslog stamp, as the source read it. A line without one gets the smallest
     * time there is, so junk can never move its partition's watermark (it goes to the dead letters).
     */
    public long eventTime() {
        return envelope instanceof EnvelopeResult.Postfix p ? p.line().timestampMillis() : Long.MIN_VALUE;
    }
}
