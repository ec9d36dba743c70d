package io.pflogstream.alert;

import java.util.ArrayList;
import java.util.List;

/**
 * One record of an incident's life: when it opens, when it grows, when it resolves. Records of one
 * incident share {@link #rule}, {@link #key} and {@link #start}. A Flink POJO.
 */
public class Alert {
    public static final String OPEN = "open";
    public static final String UPDATE = "update";
    public static final String RESOLVED = "resolved";

    /** A documented rule id: provider.rate-limit, sasl.brute-force, ... (docs/alerts.md). */
    public String rule;

    public String status;
    public String key;
    /** Every MTA involved so far, sorted. */
    public List<String> hosts = new ArrayList<>();
    /** The log's time of the incident's first line. */
    public long start;
    /** The log's time it resolved at; 0 until then. */
    public long end;
    /** The log's time of this record: the line that opened, grew or resolved the incident. */
    public long time;
    /** Lines counted so far. */
    public long count;
    /** The record's place in its incident's life: 1 for the opening. */
    public int revision;
    /** The rule that recognized the lines (google.rate-limit) or the SASL methods tried. */
    public List<String> details = new ArrayList<>();
    /** Recipient domains, or user names tried; at most {@link #MAX_LISTED}. */
    public List<String> subjects = new ArrayList<>();
    /** One line of evidence: the reply as normalized, or the failure's reason. */
    public String sample;

    public String dsn;
    /** The help or delisting page the reply names. */
    public String url;
    /** Addresses the evidence names: the sending IPs a provider quotes, the attacking client. */
    public List<String> addresses = new ArrayList<>();

    public static final int MAX_LISTED = 50;

    public Alert() {}

    /** The incident's identity on the alerts topic: rule|key|start. */
    public String incidentId() {
        return rule + '|' + key + '|' + start;
    }
}
