package io.pflogstream.postfix;

/**
 * Known Postfix lines that carry no number the report counts. Naming them keeps the dead-letter
 * output for lines that are really new.
 */
final class NoticeKinds {
    private NoticeKinds() {}

    static String classify(String daemon, String rest) {
        String msg = message(rest);
        if (msg.contains("TLS connection established")) return "tls-established";
        if (msg.startsWith("statistics: ")) return daemon + "-statistics";
        if (msg.startsWith("lost connection after ")) return "lost-connection";
        if (msg.startsWith("timeout after ")) return "timeout";
        if (msg.startsWith("too many errors after ")) return "too-many-errors";
        if (msg.startsWith("improper command pipelining after ")) return "improper-pipelining";
        if (msg.startsWith("SSL_accept error")) return "tls-error";
        if (msg.startsWith("connect to ")) return "connect-failure";
        if (msg.contains("sender non-delivery notification: ")) return "bounce-notification";
        if (msg.contains("sender delay notification: ")) return "delay-notification";
        if (msg.contains("sender delivery status notification: ")) return "dsn-notification";
        if (msg.contains(": redirect: ")
                || msg.contains(": info: ")
                || msg.contains(": replace: ")
                || msg.contains(": prepend: ")
                || msg.contains(": filter: ")) return "cleanup-action";
        if (msg.contains("released from hold")
                || msg.startsWith("Released from hold")
                || msg.startsWith("Deleted: ")
                || msg.startsWith("Requeued: ")
                || msg.contains(": placed on hold")) return "postsuper";
        if (msg.contains("the Postfix mail system")) return "postfix-script";
        if (msg.startsWith("cache ")) return "postscreen-cache";
        if (msg.contains("table ") && msg.contains("has changed -- restarting")) return "table-changed";
        if (msg.startsWith("connect from ") || msg.startsWith("disconnect from ")) return "connection";
        if (msg.startsWith("Anonymous TLS")
                || msg.startsWith("Trusted TLS")
                || msg.startsWith("Verified TLS")
                || msg.startsWith("Untrusted TLS")) return "tls-established";
        if (daemon.equals("postscreen")
                || daemon.equals("dnsblog")
                || daemon.equals("tlsproxy")
                || daemon.equals("anvil")
                || daemon.equals("scache")
                || daemon.equals("postfix-script")
                || daemon.equals("postsuper")
                || daemon.equals("verify")
                || daemon.equals("tlsmgr")) {
            return daemon;
        }
        if (msg.contains(": host ") && msg.contains(" said: ")) return "smtp-reply";
        if (msg.contains(": uid=") || msg.contains(": sender=")) return "submission";
        if (msg.contains(": conversation with ") || msg.contains(": enabling PIX")) return "smtp-session";
        if (msg.contains(": to=<")) return "delivery-other";
        return null;
    }

    private static String message(String rest) {
        int tagEnd = rest.indexOf(": ");
        return tagEnd >= 0 ? rest.substring(tagEnd + 2) : rest;
    }
}
