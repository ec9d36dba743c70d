package io.pflogstream.summary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pflogsumm's sort orders. Where pflogsumm leaves ties to Perl's hash order (random per run),
 * pflogstream breaks them by name, so its output is the same every time.
 */
public final class HostOrder {
    private static final Pattern DOTTED_QUAD = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");
    private static final Pattern DOMAIN_REORDER =
            Pattern.compile("^(.*)\\.([^.]+)\\.([^.]{3}|[^.]{2,3}\\.[^.]{2})$", Pattern.UNIX_LINES);

    private static final Pattern LABEL_SEPARATOR = Pattern.compile("[.@]");

    private HostOrder() {}

    /** {@code normalize_host}: IPs as four code points, names with their labels reversed. */
    public static String normalizeHost(String s) {
        String first = firstWord(s);
        Matcher m = DOTTED_QUAD.matcher(first);
        if (m.matches()) {
            StringBuilder b = new StringBuilder(4);
            for (int i = 1; i <= 4; i++) {
                b.appendCodePoint(Integer.parseInt(m.group(i)));
            }
            return b.toString();
        }
        String[] parts = LABEL_SEPARATOR.split(first, -1);
        StringBuilder b = new StringBuilder(first.length());
        for (int i = parts.length - 1; i >= 0; i--) {
            b.append(io.pflogstream.postfix.PflogsummText.lowerAscii(parts[i]));
        }
        return b.toString();
    }

    private static String firstWord(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
                return s.substring(0, i);
            }
        }
        return s;
    }

    /**
     * Sorts by count descending, then normalised host ascending, then the key (our tie-break).
     * Like pflogsumm, each key is normalised once, not at every comparison.
     */
    public static <V> List<Map.Entry<String, V>> sortByCountThenHost(
            Collection<Map.Entry<String, V>> entries, java.util.function.ToLongFunction<V> count) {
        record Decorated<V>(Map.Entry<String, V> entry, long count, String host) {}
        List<Decorated<V>> rows = new ArrayList<>(entries.size());
        for (Map.Entry<String, V> e : entries) {
            rows.add(new Decorated<>(e, count.applyAsLong(e.getValue()), normalizeHost(e.getKey())));
        }
        rows.sort(Comparator.comparingLong((Decorated<V> d) -> d.count())
                .reversed()
                .thenComparing(Decorated::host)
                .thenComparing(d -> d.entry().getKey()));
        List<Map.Entry<String, V>> sorted = new ArrayList<>(rows.size());
        rows.forEach(d -> sorted.add(d.entry()));
        return sorted;
    }

    /** {@code reverse sort by_count_then_size}, ties by name. */
    public static <V> Comparator<Map.Entry<String, V>> byCountThenSize(
            java.util.function.ToLongFunction<V> count, java.util.function.ToLongFunction<V> size) {
        Comparator<Map.Entry<String, V>> c = Comparator.comparingLong(
                        (Map.Entry<String, V> e) -> count.applyAsLong(e.getValue()))
                .thenComparingLong(e -> size.applyAsLong(e.getValue()))
                .reversed();
        return c.thenComparing(Map.Entry::getKey);
    }

    /** {@code by_domain_then_user} on each message's first detail line (its sender). */
    public static int byDomainThenUser(String qidA, String firstA, String qidB, String firstB) {
        String[] a = userAndDomain(firstA);
        String[] b = userAndDomain(firstB);
        int c = a[1].compareTo(b[1]);
        if (c != 0) {
            return c;
        }
        c = a[0].replaceFirst("^.*!", "").compareTo(b[0].replaceFirst("^.*!", ""));
        if (c != 0) {
            return c;
        }
        return qidA.compareTo(qidB);
    }

    private static String[] userAndDomain(String addr) {
        String[] at = addr.split("@");
        String user = at.length > 0 ? at[0] : "";
        String domain = at.length > 1 ? at[1] : "";
        if (domain.isEmpty()) {
            String[] bang = addr.split("!");
            user = bang.length > 0 ? bang[bang.length - 1] : "";
            domain = bang.length > 1 ? bang[bang.length - 2] : "";
        }
        domain = DOMAIN_REORDER.matcher(domain).replaceFirst("$2.$3.$1");
        return new String[] {user, domain};
    }
}
