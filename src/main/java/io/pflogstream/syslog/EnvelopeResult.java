package io.pflogstream.syslog;

/** What the envelope parser made of a raw line: a Postfix line, a line of another program, or junk. */
public sealed interface EnvelopeResult {
    record Postfix(SyslogLine line) implements EnvelopeResult {}

    /** A well-formed syslog line from a program that is not Postfix (dovecot, amavis, ...). */
    record OtherProgram(String program) implements EnvelopeResult {}

    /** A line outside the {@code -d} day. */
    record OutsideDay() implements EnvelopeResult {}

    record Malformed(String reason) implements EnvelopeResult {}
}
