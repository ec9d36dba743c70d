package io.pflogstream.postfix;

/**
 * Where and when a line was logged.
 *
 * @param seq the line's position in its input
 * @param time wall-clock time of the line, epoch milliseconds
 * @param daemon pflogsumm's {@code $cmd}: smtpd, qmgr, smtp, ...
 */
public record Origin(String host, long seq, long time, String daemon) {}
