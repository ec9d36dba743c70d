package io.pflogstream.golden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns payload-only test strings (postfix-logwatch's {@code #TD} lines, postfix-grok-patterns'
 * YAML cases) into whole syslog lines, the way postfix-logwatch's own test generator does, so
 * they can be fed to pflogsumm and to pflogstream alike.
 */
public final class FixtureLogs {
    private static final Pattern TD = Pattern.compile("^#TD([a-z]*)([NQ]?)(\\d*)(?:\\((\\d+)\\))?:? (.*)$");
    private static final Map<String, String> LOGWATCH_SERVICES = Map.ofEntries(
            Map.entry("", "postfix/smtpd"),
            Map.entry("sd", "postfix/smtpd"),
            Map.entry("s", "postfix/smtp"),
            Map.entry("c", "postfix/cleanup"),
            Map.entry("q", "postfix/qmgr"),
            Map.entry("l", "postfix/local"),
            Map.entry("v", "postfix/virtual"),
            Map.entry("b", "postfix/bounce"),
            Map.entry("p", "postfix/pickup"),
            Map.entry("pp", "postfix/pipe"),
            Map.entry("m", "postfix/master"),
            Map.entry("ps", "postfix/postsuper"),
            Map.entry("pg", "postgrey"),
            Map.entry("pfw", "postfwd"),
            Map.entry("spf", "postfix/policy-spf"));
    private static final Map<String, String> GROK_DAEMONS = Map.ofEntries(
            Map.entry("command_counter_data", "smtpd"),
            Map.entry("delays", "smtp"),
            Map.entry("tls_features", "smtpd"),
            Map.entry("script", "postfix-script"),
            Map.entry("relay", "relay/smtp"));

    private FixtureLogs() {}

    static Path logwatch(Path tdLines, Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        int second = 0;
        for (String line : Files.readAllLines(tdLines, StandardCharsets.ISO_8859_1)) {
            Matcher m = TD.matcher(line);
            if (!m.matches() || !LOGWATCH_SERVICES.containsKey(m.group(1))) {
                continue;
            }
            String prefix = switch (m.group(2)) {
                case "N" -> "NOQUEUE: ";
                case "Q" -> "9A1B2C3D4E" + (m.group(4) == null ? "" : m.group(4)) + ": ";
                default -> "";
            };
            int count = m.group(3).isEmpty() ? 1 : Integer.parseInt(m.group(3));
            for (int i = 0; i < count; i++, second++) {
                out.add(stamp(second) + " mail " + LOGWATCH_SERVICES.get(m.group(1)) + "[123]: " + prefix + m.group(5));
            }
        }
        return write(dir.resolve("logwatch-td.log"), out);
    }

    static Path grok(Path yamlDir, Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        int second = 0;
        try (Stream<Path> files = Files.list(yamlDir)) {
            for (Path yaml :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String name = yaml.getFileName().toString().replaceFirst("_\\d+\\.yaml$", "");
                String daemon = GROK_DAEMONS.getOrDefault(name, name);
                for (String line : Files.readAllLines(yaml, StandardCharsets.ISO_8859_1)) {
                    if (line.startsWith("data: ")) {
                        String tag = daemon.equals("postfix-script") ? "postfix/postfix-script" : "postfix/" + daemon;
                        out.add(stamp(second++) + " mail " + tag + "[4242]: "
                                + unquote(line.substring(6).trim()));
                    }
                }
            }
        }
        return write(dir.resolve("grok-cases.log"), out);
    }

    /** A YAML scalar as the grok cases write it: plain, double or single quoted. */
    public static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        return v;
    }

    private static String stamp(int second) {
        return String.format("Nov 27 %02d:%02d:%02d", 10 + second / 3600 % 12, second / 60 % 60, second % 60);
    }

    private static Path write(Path file, List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.ISO_8859_1);
        return file;
    }
}
