package io.pflogstream.parse;

import io.pflogstream.config.ReadOptions;
import io.pflogstream.postfix.Origin;
import io.pflogstream.postfix.PatternBudget;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.PostfixEventParser;
import io.pflogstream.syslog.EnvelopeResult;
import io.pflogstream.syslog.SyslogEnvelopeParser;
import io.pflogstream.syslog.SyslogLine;

/**
 * One line through the parse stage: syslog envelope, then the Postfix daemon's message. Shared by
 * the per-line parse function of the stream job and the block parser of the report's file source.
 * The outcome of the last line is kept in fields rather than a new object per line: the parse
 * stage runs on every line. Not thread-safe; one per thread.
 */
public final class LineParser {
    public enum Outcome {
        /** a Postfix line that became {@link #event()} */
        EVENT,
        /** a Postfix line no rule knows: {@link #reason()}, and {@link #line()} for its day */
        UNRECOGNIZED,
        /** a syslog line of another program */
        OTHER_PROGRAM,
        /** not a syslog line: {@link #reason()} */
        MALFORMED,
        /** outside the day or range asked for (-d) */
        OUTSIDE
    }

    private final SyslogEnvelopeParser envelopes;
    private final PostfixEventParser events;
    private final int maxLineLength;
    private SyslogLine line;
    private PostfixEvent event;
    private String reason;

    public LineParser(ReadOptions options) {
        this.maxLineLength = options.maxLineLength();
        this.envelopes = new SyslogEnvelopeParser(options);
        this.events = new PostfixEventParser(options);
    }

    /**
     * Whether a parser's results depend on the lines it saw before ({@code --year} and the corrected
     * mode follow each host's years from line to line): then one parser must see every line in order.
     */
    public static boolean orderDependent(ReadOptions options) {
        return SyslogEnvelopeParser.followsYears(options);
    }

    public Outcome parse(String text, long seq) {
        if (text.length() > maxLineLength) {
            return tooLong();
        }
        try {
            return outcome(envelopes.parse(text, seq));
        } catch (RuntimeException | StackOverflowError e) {
            return failed(e);
        }
    }

    /** A line of Latin-1 bytes without its '\n' (see {@link SyslogEnvelopeParser#parse(byte[], int, int, long)}). */
    public Outcome parse(byte[] bytes, int start, int end, long seq) {
        if (end - start > maxLineLength) {
            return tooLong();
        }
        try {
            return outcome(envelopes.parse(bytes, start, end, seq));
        } catch (RuntimeException | StackOverflowError e) {
            return failed(e);
        }
    }

    /** A line whose envelope the source already read (see {@link io.pflogstream.parse.RawLine#envelope()}). */
    public Outcome parse(EnvelopeResult envelope) {
        try {
            return outcome(envelope);
        } catch (RuntimeException | StackOverflowError e) {
            return failed(e);
        }
    }

    private Outcome tooLong() {
        reason = DeadLetter.tooLong(maxLineLength);
        return Outcome.MALFORMED;
    }

    /**
     * The last guard: a line no rule foresaw must not stop a job that runs for months. The reason
     * names the failure so that it can be found and fixed (the fuzz tests require there be none).
     */
    private Outcome failed(Throwable e) {
        if (e == PatternBudget.EXCEEDED) {
            reason = "too costly to read: " + e.getMessage();
            return Outcome.MALFORMED;
        }
        reason = INTERNAL_ERROR + e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        return Outcome.MALFORMED;
    }

    /** How the reason of a line the parser failed on begins. */
    public static final String INTERNAL_ERROR = "parser failed on this line: ";

    private Outcome outcome(EnvelopeResult result) {
        if (result instanceof EnvelopeResult.Postfix p) {
            line = p.line();
            event = events.parse(line);
            if (event instanceof PostfixEvent.Unrecognized u) {
                reason = u.reason();
                return Outcome.UNRECOGNIZED;
            }
            return Outcome.EVENT;
        } else if (result instanceof EnvelopeResult.OtherProgram) {
            return Outcome.OTHER_PROGRAM;
        } else if (result instanceof EnvelopeResult.Malformed m) {
            reason = m.reason();
            return Outcome.MALFORMED;
        }
        return Outcome.OUTSIDE;
    }

    /** The Postfix line of the last EVENT or UNRECOGNIZED outcome. */
    public SyslogLine line() {
        return line;
    }

    public PostfixEvent event() {
        return event;
    }

    public String reason() {
        return reason;
    }

    /** pflogsumm counts a day each time the day of month changes from one Postfix line to the next. */
    public static PostfixEvent.NewDay newDay(SyslogLine line) {
        return new PostfixEvent.NewDay(new Origin(line.host(), line.seq(), line.timestampMillis(), line.daemon()));
    }
}
