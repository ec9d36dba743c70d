package io.pflogstream.alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the detector remembers of one rule's incident in one scope: the lines in its window while it
 * is closed (fewer than the threshold, or it would be open), its facts while it is open, its end
 * for a while after it resolved (so that a late line does not reopen it). A Flink POJO.
 */
public class Incident {
    public String rule;
    public String key;
    public boolean open;
    public long start;
    /** When it resolved; 0 while open or never opened. */
    public long end;

    public long count;
    public int revision;
    public long lastHit;
    /** The count and host count last published: an update is due when they grow enough. */
    public long publishedCount;

    public List<String> hosts = new ArrayList<>();
    /** host → its last counted line; a host whose mail got through since is in {@link #recovered}. */
    public Map<String, Long> lastHitByHost = new HashMap<>();

    public List<String> recovered = new ArrayList<>();
    public List<String> details = new ArrayList<>();
    public List<String> subjects = new ArrayList<>();
    public List<String> addresses = new ArrayList<>();
    public String sample;
    public String dsn;
    public String url;

    /** The window's lines while closed, oldest first. */
    public List<Long> windowTimes = new ArrayList<>();

    public List<String> windowHosts = new ArrayList<>();
    public List<String> windowSubjects = new ArrayList<>();
    public List<String> windowDetails = new ArrayList<>();

    public Incident() {}
}
