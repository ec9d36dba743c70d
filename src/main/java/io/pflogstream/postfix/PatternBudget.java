package io.pflogstream.postfix;

/**
 * Text for a regular expression with a budget of character reads: a line built to make a pattern
 * backtrack (a fuzzed 57 KB line took 16 s) stops it with {@link #EXCEEDED} instead of holding the
 * parse stage. The budget is linear in the text's length, far above what any pattern here needs on
 * a real line (a few reads a character); the line parser turns the exception into a dead letter.
 */
public final class PatternBudget implements CharSequence {
    /** Reads a pattern may make per character of its text, on top of {@link #BASE}. */
    static final int READS_PER_CHAR = 64;

    static final int BASE = 20_000;
    /** Thrown when a pattern ran out of budget: no stack trace, it is an answer, not a fault. */
    public static final RuntimeException EXCEEDED =
            new RuntimeException("a pattern would backtrack too long on this line", null, false, false) {};

    private final String text;
    private int left;

    private PatternBudget(String text, int budget) {
        this.text = text;
        this.left = budget;
    }

    /** The text with a budget of reads for one pattern's use. */
    public static CharSequence of(String text) {
        return new PatternBudget(text, BASE + READS_PER_CHAR * text.length());
    }

    @Override
    public char charAt(int index) {
        if (--left < 0) {
            throw EXCEEDED;
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
