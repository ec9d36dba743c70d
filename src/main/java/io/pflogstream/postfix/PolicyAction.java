package io.pflogstream.postfix;

/** What an access restriction or content check did to a message. */
public enum PolicyAction {
    REJECT,
    REJECT_WARNING,
    HOLD,
    DISCARD;

    public static PolicyAction fromLogWord(String word) {
        return switch (word) {
            case "reject", "milter-reject" -> REJECT;
            case "reject_warning", "warning" -> REJECT_WARNING;
            case "hold" -> HOLD;
            case "discard" -> DISCARD;
            default -> throw new IllegalArgumentException(word);
        };
    }
}
