package io.pflogstream.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * How a Kafka record carries a syslog line: raw, or inside a log shipper's JSON. For JSON the
 * field names are configurable (dotted paths for nested fields); when the line field holds only
 * the message, the syslog line is rebuilt from the host, timestamp and tag fields.
 *
 * @param lineField the field with the line or the message ("message", "msg")
 * @param hostField the host ("host.name"), used when the line has no syslog header
 * @param timestampField an RFC 3339 timestamp ("@timestamp"), same
 * @param tagField the program tag with PID ("syslogtag": "postfix/smtpd[123]:"), or null
 * @param programField the program ("appname") and {@code pidField} its PID, when there is no tag
 */
public record LineEnvelope(
        boolean json,
        String lineField,
        String hostField,
        String timestampField,
        String tagField,
        String programField,
        String pidField)
        implements Serializable {
    private static final Pattern HAS_SYSLOG_HEADER = Pattern.compile(
            "^(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d)");

    public static final LineEnvelope RAW = new LineEnvelope(false, null, null, null, null, null, null);
    /** rsyslog's omkafka with a JSON template of its properties. */
    public static final LineEnvelope RSYSLOG =
            new LineEnvelope(true, "msg", "hostname", "timereported", "syslogtag", null, null);
    /** Filebeat or Elastic Agent reading the mail log: "message" is the whole line. */
    public static final LineEnvelope FILEBEAT =
            new LineEnvelope(true, "message", "host.name", "@timestamp", null, "process.name", "process.pid");
    /** Vector's syslog or file source. */
    public static final LineEnvelope VECTOR =
            new LineEnvelope(true, "message", "host", "timestamp", null, "appname", "procid");

    public static LineEnvelope preset(String name) {
        return switch (name) {
            case "raw" -> RAW;
            case "rsyslog" -> RSYSLOG;
            case "filebeat", "elastic-agent" -> FILEBEAT;
            case "vector" -> VECTOR;
            default ->
                throw new IllegalArgumentException(
                        "unknown input format '" + name + "' (raw, rsyslog, filebeat, elastic-agent, vector)");
        };
    }

    /** The syslog line a JSON document carries. */
    public String line(JsonNode doc) {
        String line = text(doc, lineField);
        if (line == null) {
            throw new IllegalArgumentException("no '" + lineField + "' field");
        }
        if (HAS_SYSLOG_HEADER.matcher(line).find()) {
            return line;
        }
        String host = text(doc, hostField);
        String stamp = text(doc, timestampField);
        if (host == null || stamp == null) {
            throw new IllegalArgumentException("'" + lineField + "' has no syslog header, and '" + hostField + "' or '"
                    + timestampField + "' is missing");
        }
        try {
            // keep the sender's wall clock, as pflogsumm does with the stamps it reads
            stamp = OffsetDateTime.parse(stamp).toString();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + timestampField + "' is not an RFC 3339 time: " + stamp);
        }
        String tag = text(doc, tagField);
        if (tag == null) {
            String program = text(doc, programField);
            String pid = text(doc, pidField);
            tag = (program == null ? "" : program) + (pid == null ? "" : "[" + pid + "]") + ":";
        }
        String message = line.startsWith(" ") ? line.substring(1) : line;
        return stamp + " " + host + " " + tag.trim() + " " + message;
    }

    private static String text(JsonNode doc, String path) {
        if (path == null) {
            return null;
        }
        JsonNode node = doc.get(path);
        if (node == null && path.contains(".")) {
            node = doc;
            for (String part : path.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
        }
        return node == null || node.isNull() ? null : node.asText();
    }
}
