package io.pflogstream.postfix;

/**
 * What an smtpd warning "host[ip]: SASL METHOD authentication failed: reason, sasl_username=user"
 * says, as fields: the SIEM topic's {@code source.*} and {@code user.name}, and the SASL attack
 * detector's input. Postfix appends {@code sasl_username} only when the client sent one.
 *
 * @param user the name tried, or null
 */
public record SaslFailure(String clientHost, String clientIp, String method, String reason, String user) {
    private static final String MARKER = "]: SASL ";
    private static final String FAILED = " authentication failed";
    private static final String USER = ", sasl_username=";

    /** The failure a warning's text (after "warning: ") reports, or null for any other warning. */
    public static SaslFailure of(String warning) {
        int close = warning.indexOf(MARKER);
        if (close < 0) {
            return null;
        }
        int open = warning.lastIndexOf('[', close);
        if (open < 0 || warning.indexOf(' ') < open && warning.indexOf(' ') >= 0) {
            return null; // the client is the warning's first word: "host[ip]: SASL ..."
        }
        int methodStart = close + MARKER.length();
        int methodEnd = warning.indexOf(' ', methodStart);
        if (methodEnd < 0 || !warning.startsWith(FAILED, methodEnd)) {
            return null;
        }
        String reason = "";
        String user = null;
        int after = methodEnd + FAILED.length();
        if (warning.startsWith(": ", after)) {
            int userAt = warning.lastIndexOf(USER);
            if (userAt >= after) {
                reason = warning.substring(after + 2, userAt);
                user = warning.substring(userAt + USER.length());
            } else {
                reason = warning.substring(after + 2);
            }
        }
        return new SaslFailure(
                warning.substring(0, open),
                warning.substring(open + 1, close),
                warning.substring(methodStart, methodEnd),
                reason,
                user == null || user.isEmpty() ? null : user);
    }
}
