package io.pflogstream.io;

/** Input that no rule took: the raw line, why, and where it came from. Nothing is dropped silently. */
public record DeadLetter(String source, long seq, String line, String reason) {}
