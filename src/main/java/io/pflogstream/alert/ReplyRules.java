package io.pflogstream.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pflogstream.postfix.PatternBudget;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which provider a delivery went to, and what its refusal means: the rules of
 * {@code alerts/replies.json} (and the user's, tried first). A reply is normalized before it is
 * matched: Postfix flattens a multi-line reply into one line but keeps each line's
 * "421-4.7.28 " prefix, which would split the text a rule looks for.
 */
public final class ReplyRules implements Serializable {
    /** A provider, told by its relays' host names (label suffixes) or its recipients' domains. */
    public record Provider(String id, List<String> relays, List<String> domains) implements Serializable {}

    /**
     * @param provider the provider the rule is about, or "*" for any relay
     * @param key what the incident is about: the provider, a DNSBL's name, or "$domain"
     */
    public record Rule(String id, String provider, String key, String ruleClass, Pattern match, String meaning)
            implements Serializable {}

    /** A reply classified: the rule that matched and what the incident is keyed by. */
    public record Verdict(Rule rule, String key, String reply, String url) {
        public boolean ignored() {
            return rule.ruleClass().equals(IGNORE);
        }
    }

    /** The class of a rule that recognizes a reply so that no other rule takes it, and raises nothing. */
    public static final String IGNORE = "ignore";

    private static final Pattern CONTINUATION =
            Pattern.compile("(?<![\\w.-])(\\d{3})-(\\d\\.\\d{1,3}\\.\\d{1,3})?\\s*");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern URL = Pattern.compile("https?://[^\\s)\"'>]+");
    private static final String DEFAULTS = "/alerts/replies.json";

    private final List<Provider> providers;
    private final List<Rule> rules;
    /** relay → its provider ("" for none): a fleet's mail goes to few relays, each looked up once. */
    private transient java.util.Map<String, String> byRelay;
    /** recipient domain → provider. */
    private transient java.util.Map<String, String> byDomain;

    private static final int CACHED_RELAYS = 10_000;
    /**
     * provider NUL reply → its verdict (NONE for none): a log repeats its replies ("Connection timed
     * out", a greylisting text), and trying every rule's pattern on each was most of what the
     * detectors cost per line.
     */
    private transient java.util.Map<String, Verdict> byReply;

    private static final Verdict NONE = new Verdict(null, null, null, null);
    private static final int CACHED_REPLIES = 10_000;

    private ReplyRules(List<Provider> providers, List<Rule> rules) {
        this.providers = List.copyOf(providers);
        this.rules = List.copyOf(rules);
    }

    public static ReplyRules defaults() {
        try (InputStream in = ReplyRules.class.getResourceAsStream(DEFAULTS)) {
            return read(in.readAllBytes(), DEFAULTS, new ReplyRules(List.of(), List.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The defaults with a user's rules and providers before them. */
    public static ReplyRules withUserFile(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString(), defaults());
    }

    private static ReplyRules read(byte[] json, String source, ReplyRules after) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<Provider> providers = new ArrayList<>();
        for (JsonNode p : root.path("providers")) {
            providers.add(new Provider(text(p, "id", source), strings(p.path("relays")), strings(p.path("domains"))));
        }
        providers.addAll(after.providers);
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : root.path("replies")) {
            String id = text(r, "id", source);
            String provider = text(r, "provider", source);
            String key = r.hasNonNull("key") ? r.get("key").asText() : provider;
            if (key.equals("*")) {
                throw new IOException(source + ": rule " + id + " applies to any provider and needs a \"key\"");
            }
            try {
                rules.add(new Rule(
                        id,
                        provider,
                        key,
                        text(r, "class", source),
                        Pattern.compile(text(r, "match", source), Pattern.CASE_INSENSITIVE),
                        r.path("meaning").asText("")));
            } catch (PatternSyntaxException e) {
                throw new IOException(source + ": rule " + id + ": " + e.getDescription(), e);
            }
        }
        rules.addAll(after.rules);
        return new ReplyRules(providers, rules);
    }

    private static String text(JsonNode node, String field, String source) throws IOException {
        if (!node.hasNonNull(field) || node.get(field).asText().isEmpty()) {
            throw new IOException(source + ": an entry lacks \"" + field + "\": " + node);
        }
        return node.get(field).asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText().toLowerCase(Locale.ROOT)));
        return out;
    }

    /** A rule's pattern on a reply, within a budget of reads: a reply built to backtrack matches nothing. */
    private static boolean matches(Pattern pattern, String text) {
        try {
            return pattern.matcher(PatternBudget.of(text)).find();
        } catch (RuntimeException e) {
            if (e == PatternBudget.EXCEEDED) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The reply as one: its codes once, where its first line had them ("421 4.7.28 "), every
     * line's prefix ("421-4.7.28 ", and the last line's "421 4.7.28 ") dropped, spaces collapsed.
     */
    public static String normalize(String reply) {
        Matcher first = CONTINUATION.matcher(reply);
        if (!first.find()) {
            return SPACES.matcher(reply).replaceAll(" ").trim();
        }
        String code = first.group(1);
        String enhanced = first.group(2);
        String codes = enhanced == null ? code : code + " " + enhanced;
        Pattern prefix = Pattern.compile("(?<![\\w.-])" + code + "[- ]"
                + (enhanced == null ? "" : Pattern.quote(enhanced) + "(?![\\w.])") + "\\s*");
        String lines = prefix.matcher(reply.substring(first.end())).replaceAll(" ");
        return SPACES.matcher(reply.substring(0, first.start()) + codes + " " + lines)
                .replaceAll(" ")
                .trim();
    }

    /**
     * The provider a delivery went to, or null.
     *
     * @param relay Postfix's {@code relay=}: "host[ip]:port", or "none"
     */
    public String providerOf(String relay, String recipientDomain) {
        if (byRelay == null) {
            byRelay = new java.util.HashMap<>();
            byDomain = new java.util.HashMap<>();
            for (int i = providers.size() - 1; i >= 0; i--) { // the first listed wins
                for (String d : providers.get(i).domains()) {
                    byDomain.put(d, providers.get(i).id());
                }
            }
        }
        String key = relay == null ? "" : relay;
        String provider = byRelay.get(key);
        if (provider == null) {
            if (byRelay.size() >= CACHED_RELAYS) {
                byRelay.clear();
            }
            String found = relayProvider(relay);
            provider = found == null ? "" : found;
            byRelay.put(key, provider);
        }
        if (!provider.isEmpty()) {
            return provider;
        }
        return recipientDomain == null ? null : byDomain.get(recipientDomain.toLowerCase(Locale.ROOT));
    }

    private String relayProvider(String relay) {
        String host = relayHost(relay);
        for (Provider p : providers) {
            for (String suffix : p.relays()) {
                if (host.equals(suffix) || host.endsWith("." + suffix)) {
                    return p.id();
                }
            }
        }
        return null;
    }

    static String relayHost(String relay) {
        if (relay == null) {
            return "";
        }
        int bracket = relay.indexOf('[');
        return (bracket >= 0 ? relay.substring(0, bracket) : relay).toLowerCase(Locale.ROOT);
    }

    /** The first rule that matches the reply of a delivery that was not sent, or null. */
    public Verdict classify(String relay, String recipientDomain, String reply) {
        if (reply == null || reply.isEmpty()) {
            return null;
        }
        String provider = providerOf(relay, recipientDomain);
        if (byReply == null) {
            byReply = new java.util.HashMap<>();
        }
        // the recipient domain is part of a verdict only through a "$domain" key
        String cacheKey = provider + '\u0000' + recipientDomain + '\u0000' + reply;
        Verdict cached = byReply.get(cacheKey);
        if (cached != null) {
            return cached == NONE ? null : cached;
        }
        if (byReply.size() >= CACHED_REPLIES) {
            byReply.clear();
        }
        Verdict v = classifyText(provider, recipientDomain, reply);
        byReply.put(cacheKey, v == null ? NONE : v);
        return v;
    }

    /** Longer than any provider's reply: what a hostile line adds beyond it is not read. */
    static final int MAX_REPLY = 2048;

    /** As much of a reply as is read: {@link #MAX_REPLY} characters. */
    static String head(String reply) {
        return reply.length() > MAX_REPLY ? reply.substring(0, MAX_REPLY) : reply;
    }

    private Verdict classifyText(String provider, String recipientDomain, String reply) {
        String text = normalize(head(reply));
        for (Rule r : rules) {
            if (!r.provider().equals("*") && !r.provider().equals(provider)) {
                continue;
            }
            if (matches(r.match(), text)) {
                String key = r.key().equals("$domain") ? String.valueOf(recipientDomain) : r.key();
                Matcher url = URL.matcher(text);
                return new Verdict(r, key, text, url.find() ? url.group() : null);
            }
        }
        return null;
    }
}
