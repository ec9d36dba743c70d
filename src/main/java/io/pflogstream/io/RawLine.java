package io.pflogstream.io;

/**
 * A line as read, with where it came from.
 *
 * @param seq position in the whole input, in reading order
 */
public record RawLine(String source, long seq, String text) {}
