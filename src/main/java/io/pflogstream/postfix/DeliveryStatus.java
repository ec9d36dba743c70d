package io.pflogstream.postfix;

public enum DeliveryStatus {
    SENT,
    DEFERRED,
    BOUNCED,
    /** Any other status word (e.g. "undeliverable" from verify): parsed, not counted. */
    OTHER;

    public static DeliveryStatus of(String word) {
        return switch (word) {
            case "sent" -> SENT;
            case "deferred" -> DEFERRED;
            case "bounced" -> BOUNCED;
            default -> OTHER;
        };
    }
}
