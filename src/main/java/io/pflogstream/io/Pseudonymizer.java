package io.pflogstream.io;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces personal data on the SIEM topics by keyed hashes (HMAC-SHA-256): the same value and key
 * give the same pseudonym in every record and every run, so a SIEM can still count and join on it,
 * and nobody without the key can tell whose it is. Domains stay readable.
 *
 * <ul>
 *   <li>{@link Field#LOCAL_PART}: an address's local part, lower-cased first (so that {@code Bob@}
 *       and {@code bob@} stay one person): {@code u-<24 hex>@example.com};
 *   <li>{@link Field#SASL_USER}: a SASL user name; one of the form {@code user@domain} has its
 *       local part replaced, so a user logging in as {@code bob} and sending as {@code bob@...}
 *       gets the same pseudonym both times;
 *   <li>{@link Field#CLIENT_IP}: a client's address becomes an IPv6 address in {@code fd00::/8}
 *       (a unique local address nobody routes) made from the hash, so fields typed {@code ip} in
 *       a SIEM (ECS {@code source.ip}) still take it; a client host name that spells the address
 *       ({@code 84-12-33-1.dsl.example.net}) keeps only the labels after the last one with a digit.
 * </ul>
 *
 * Free text (a whole log line, a reject reason, a delivery reply) is scanned for every address,
 * {@code sasl_username=} and IP literal in it. The key is never printed.
 */
public final class Pseudonymizer implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What can be pseudonymized; the names {@code --pseudonymize} takes. */
    public enum Field {
        LOCAL_PART("local-part"),
        SASL_USER("sasl-user"),
        CLIENT_IP("client-ip");

        public final String option;

        Field(String option) {
            this.option = option;
        }

        /** The fields a comma-separated list names ("all" for every one). */
        public static Set<Field> parse(String list) {
            Set<Field> out = EnumSet.noneOf(Field.class);
            for (String name : list.split(",")) {
                String n = name.trim().toLowerCase(Locale.ROOT);
                if (n.equals("all")) {
                    out.addAll(EnumSet.allOf(Field.class));
                    continue;
                }
                Field found = null;
                for (Field f : values()) {
                    if (f.option.equals(n)) {
                        found = f;
                    }
                }
                if (found == null) {
                    throw new IllegalArgumentException("unknown field '" + name.trim()
                            + "' (the fields are local-part, sasl-user, client-ip, or all)");
                }
                out.add(found);
            }
            return out;
        }
    }

    /** The shortest key taken: HMAC-SHA-256's own block of security. */
    public static final int MIN_KEY_BYTES = 32;

    /**
     * An address; a Postfix field name before it ("to=bob@...") is not part of its local part.
     * Matches start only where a run of local-part characters starts, and the run is taken whole
     * (possessive): a 64 KB run with no '@' costs one pass, not one pass per character.
     */
    private static final Pattern ADDRESS = Pattern.compile("(?<![A-Za-z0-9!#$%&'*+/=?^_`{|}~.-])"
            + "((?:from|to|orig_to|sasl_username|sasl_sender|user)=)?"
            + "([A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]++)@((?:[A-Za-z0-9-]+\\.)*[A-Za-z0-9-]+|\\[[0-9A-Za-z:.]++\\])");

    private static final Pattern SASL_USERNAME = Pattern.compile("(sasl_username=)([^,\\s]+)");
    /**
     * In one pass, so that no pseudonym is hashed again (and linear: a host name's run is taken
     * whole, from its start only): Postfix's client form host[literal]
     * (groups 1, 2: the host name may spell the address), an IPv6 literal (group 3) or an IPv4 one
     * (group 4).
     */
    private static final Pattern CLIENT_OR_IP =
            Pattern.compile("(?<![A-Za-z0-9.-])([A-Za-z0-9.-]++)\\[((?:IPv6:)?[0-9A-Fa-f:.]++)\\]"
                    + "|(?<![0-9A-Za-z:.])((?:IPv6:)?(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)(?![0-9A-Za-z:])"
                    + "|(?<![0-9.])((?:[0-9]{1,3}\\.){3}[0-9]{1,3})(?![0-9.])");

    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern PSEUDONYM_DIGITS = Pattern.compile("[0-9a-f]{24}");
    private static final Pattern IPV4_LITERAL = Pattern.compile("(?:[0-9]{1,3}\\.){3}[0-9]{1,3}");

    private final byte[] key;
    private final Set<Field> fields;
    private transient Mac mac;

    public Pseudonymizer(byte[] key, Set<Field> fields) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a pseudonymization key needs at least " + MIN_KEY_BYTES
                    + " bytes (e.g. head -c 32 /dev/urandom | base64 > key)");
        }
        this.key = key.clone();
        this.fields = fields.isEmpty() ? EnumSet.noneOf(Field.class) : EnumSet.copyOf(fields);
    }

    public boolean covers(Field f) {
        return fields.contains(f);
    }

    /** An address ({@code local@domain}, or a bare local part) with its local part pseudonymized. */
    public String address(String address) {
        if (address == null || address.isEmpty() || !covers(Field.LOCAL_PART)) {
            return address;
        }
        int at = address.lastIndexOf('@');
        return at < 0 ? localPart(address) : localPart(address.substring(0, at)) + address.substring(at);
    }

    public String saslUser(String user) {
        if (user == null || user.isEmpty() || !covers(Field.SASL_USER)) {
            return user;
        }
        int at = user.lastIndexOf('@');
        return at < 0 ? localPart(user) : localPart(user.substring(0, at)) + user.substring(at);
    }

    /** A client IP address, as Postfix logs it (IPv4, IPv6, with or without "IPv6:"). */
    public String ip(String ip) {
        if (ip == null || ip.isEmpty() || !covers(Field.CLIENT_IP)) {
            return ip;
        }
        String plain = ip.regionMatches(true, 0, "IPv6:", 0, 5) ? ip.substring(5) : ip;
        byte[] h = hash("ip:" + plain.toLowerCase(Locale.ROOT));
        StringBuilder b = new StringBuilder("fd");
        b.append(HEX.toHexDigits(h[0]));
        for (int i = 1; i < 15; i += 2) {
            b.append(':').append(Integer.toHexString(((h[i] & 0xff) << 8) | (h[i + 1] & 0xff)));
        }
        return b.toString();
    }

    /** A client host name: labels up to the last one with a digit (which may spell the address) go. */
    public String clientHost(String host) {
        if (host == null || !covers(Field.CLIENT_IP) || host.equals("unknown")) {
            return host;
        }
        int cut = -1;
        for (int i = 0; i < host.length(); i++) {
            if (Character.isDigit(host.charAt(i))) {
                int dot = host.indexOf('.', i);
                cut = dot < 0 ? host.length() : dot;
                i = cut;
            }
        }
        if (cut < 0) {
            return host;
        }
        return cut >= host.length() ? "" : "*" + host.substring(cut);
    }

    /** Postfix's {@code host[ip]} client form. */
    public String client(String client) {
        if (client == null || !covers(Field.CLIENT_IP)) {
            return client;
        }
        int open = client.lastIndexOf('[');
        if (open < 0 || !client.endsWith("]")) {
            return text(client);
        }
        return clientHost(client.substring(0, open)) + '[' + ip(client.substring(open + 1, client.length() - 1)) + ']';
    }

    /** A reply from another server (a delivery's response): only the addresses in it. */
    public String addresses(String text) {
        if (text == null || text.isEmpty() || !covers(Field.LOCAL_PART)) {
            return text;
        }
        return replace(
                ADDRESS, text, m -> (m.group(1) == null ? "" : m.group(1)) + localPart(m.group(2)) + '@' + m.group(3));
    }

    /** A HELO name: an address literal, or a host name that may spell the client's address. */
    public String helo(String helo) {
        if (helo == null || !covers(Field.CLIENT_IP)) {
            return helo;
        }
        if (helo.startsWith("[") && helo.endsWith("]")) {
            return '[' + ip(helo.substring(1, helo.length() - 1)) + ']';
        }
        return clientHost(helo);
    }

    /** Free text about a client (a log line, a reject reason): every address, SASL user name and IP in it. */
    public String text(String text) {
        if (text == null || text.isEmpty() || fields.isEmpty()) {
            return text;
        }
        String out = text;
        if (covers(Field.SASL_USER)) {
            out = replace(SASL_USERNAME, out, m -> m.group(1) + saslUser(m.group(2)));
        }
        out = addresses(out);
        if (covers(Field.CLIENT_IP)) {
            out = replace(CLIENT_OR_IP, out, m -> {
                if (m.group(2) != null) { // host[literal]: a PID in brackets (smtpd[17]) stays
                    return validIp(m.group(2)) ? clientHost(m.group(1)) + '[' + ip(m.group(2)) + ']' : m.group();
                }
                String literal = m.group(3) != null ? m.group(3) : m.group(4);
                return validIp(literal) ? ip(literal) : m.group();
            });
        }
        return out;
    }

    private String localPart(String local) {
        if (local.length() == 26
                && local.startsWith("u-")
                && PSEUDONYM_DIGITS.matcher(local).region(2, 26).matches()) {
            return local; // already a pseudonym (text passes may meet one another's output)
        }
        byte[] h = hash("user:" + local.toLowerCase(Locale.ROOT));
        return "u-" + HEX.formatHex(h, 0, 12);
    }

    private byte[] hash(String value) {
        try {
            if (mac == null) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            }
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    private static boolean validIp(String literal) {
        return literal.indexOf(':') >= 0
                ? validIpv6(literal)
                : IPV4_LITERAL.matcher(literal).matches() && validIpv4(literal);
    }

    private static boolean validIpv4(String s) {
        for (String part : s.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An IPv6 literal: eight groups, or fewer with one "::"; not a time (10:00:01) or a MAC address. */
    private static boolean validIpv6(String literal) {
        String s = literal.startsWith("IPv6:") ? literal.substring(5) : literal;
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = s.split(":", -1);
        int count = 0;
        for (String g : groups) {
            if (!g.isEmpty()) {
                count += g.contains(".") ? 2 : 1;
            }
        }
        return doubleColon >= 0 ? count <= 7 : count == 8;
    }

    private interface Replacement {
        String of(Matcher m);
    }

    private static String replace(Pattern p, String text, Replacement r) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 32);
        int last = 0;
        do {
            b.append(text, last, m.start()).append(r.of(m));
            last = m.end();
        } while (m.find());
        return b.append(text, last, text.length()).toString();
    }

    @Override
    public String toString() {
        return "Pseudonymizer" + fields + " (key not shown)";
    }
}
