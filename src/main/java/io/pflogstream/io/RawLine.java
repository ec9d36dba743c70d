package io.pflogstream.io;

/**
 * A line as read, with where it came from.
 *
 * @param source a file, or "topic/partition" for Kafka
 * @param seq position in its source: line number, or Kafka offset
 * @param problem why the record could not even be read as a line (bad JSON envelope), else null
 */
public record RawLine(String source, long seq, String text, String problem) {
    public RawLine(String source, long seq, String text) {
        this(source, seq, text, null);
    }
}
