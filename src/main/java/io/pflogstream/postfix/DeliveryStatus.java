package io.pflogstream.postfix;

public enum DeliveryStatus {
    SENT("sent"),
    DEFERRED("deferred"),
    BOUNCED("bounced"),
    /** Any other status word (e.g. "undeliverable" from verify): parsed, not counted. */
    OTHER(null);

    private static final DeliveryStatus[] COUNTED = {SENT, DEFERRED, BOUNCED};

    /** The word Postfix logs after "status=". */
    private final String word;

    DeliveryStatus(String word) {
        this.word = word;
    }

    /** The status word s[start, end), without cutting it out. */
    static DeliveryStatus of(String s, int start, int end) {
        int length = end - start;
        for (DeliveryStatus counted : COUNTED) {
            if (length == counted.word.length() && s.startsWith(counted.word, start)) {
                return counted;
            }
        }
        return OTHER;
    }
}
