package io.pflogstream.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The incidents of one scope (a provider, a DNSBL, a client address: the key), fleet-wide: every
 * host's signals for it meet here. Signals wait for the watermark and are replayed in time order
 * (timer "release-signals"), so that the same lines give the same incidents however they were
 * split over partitions and whatever their arrival order.
 *
 * <p>A rule's incident opens when {@code threshold} of its lines fall within its window; it grows
 * (an "update") when a host joins or its count doubles; it resolves when every host involved has
 * delivered to the provider since its last refusal, or when no line came for the quiet period
 * (timer "resolve-when-quiet"). A line older than a resolved incident's end neither reopens nor
 * grows it. Timer "forget-window" drops window lines that aged out and, once the window is empty
 * and the resolved incident is a window old, the incident.
 */
public class IncidentFunction extends KeyedProcessFunction<String, Signal, Alert> {
    static final String BRUTE_FORCE = "sasl.brute-force";
    static final String LOGIN_AFTER_ATTACK = "sasl.login-after-attack";
    /** Counts messages, not deferrals: a message at risk is deferred again every retry. */
    static final String EXPIRY_RISK = "queue.expiry-risk";
    /** A user whose name met a burst of failed AUTH, then logged in and sent far more than usual. */
    static final String VOLUME_AFTER_ATTACK = "sasl.volume-after-attack";
    /** A failed AUTH for a user name, in the user's scope: counted, never an incident of its own. */
    static final String USER_FAILURE = "sasl.user-failure";
    /** Failed AUTH for a name within the SASL window before its mail that make the mail suspect. */
    static final int FAILURES_BEFORE_SUSPECT_LOGIN = 3;
    /** How long after a suspect login its user's volume is watched. */
    static final long SUSPECT_FOR = 24 * 3_600_000L;

    /** A host with no line while the others log on: one incident per host, key the host. */
    static final String SILENT_HOST = "host.silent";

    private static final long MINUTE = 60_000;

    private final AlertSettings settings;

    private transient MapState<Long, List<Signal>> pending;
    /** rule (and, for logins after an attack, "|user") → its incident. */
    private transient MapState<String, Incident> incidents;
    /** Scope "hosts|" only: host → the end of the last minute it logged in. */
    private transient MapState<String, Long> hostClocks;
    /** Scope "hosts|" only: when the hosts' clocks were last looked over for a silent one. */
    private transient ValueState<Long> lastLookedOver;
    /** Rate scopes only: the host's or sender domain's usual bounce and deferral rates. */
    private transient ValueState<RateBaseline> baseline;

    /**
     * Metrics, not state: the incidents this subtask saw open by rule, and each host's lag behind
     * the newest host's clock (gauges "openIncidents" with a rule label, "eventTimeLagSeconds"
     * with an mta label). After a restore an incident open before it counts again once it changes.
     */
    private transient Map<String, java.util.Set<String>> openByRule;

    private transient Map<String, Long> clocksSeen;
    private transient long newestClock;

    public IncidentFunction(AlertSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        pending = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "pending-signals", Types.LONG, new ListTypeInfo<>(TypeInformation.of(Signal.class))));
        incidents = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("incidents", Types.STRING, TypeInformation.of(Incident.class)));
        hostClocks = getRuntimeContext().getMapState(new MapStateDescriptor<>("host-clocks", Types.STRING, Types.LONG));
        lastLookedOver = getRuntimeContext().getState(new ValueStateDescriptor<>("hosts-looked-over", Types.LONG));
        baseline = getRuntimeContext().getState(new ValueStateDescriptor<>("rate-baseline", RateBaseline.class));
        openByRule = new java.util.HashMap<>();
        clocksSeen = new java.util.HashMap<>();
    }

    @Override
    public void processElement(Signal signal, Context ctx, Collector<Alert> out) throws Exception {
        long t = signal.time();
        if (t <= ctx.timerService().currentWatermark()) {
            handle(signal, ctx, out); // late: its time has been replayed already
            return;
        }
        List<Signal> waiting = pending.get(t);
        if (waiting == null) {
            waiting = new ArrayList<>(2);
        }
        waiting.add(signal);
        pending.put(t, waiting);
        ctx.timerService().registerEventTimeTimer(t); // timer "release-signals"
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<Signal> due = pending.get(timestamp);
        if (due != null) {
            pending.remove(timestamp);
            // lines of one millisecond from several hosts: an order of their own, not arrival's
            due.sort(Comparator.comparing(Signal::host).thenComparing(Object::toString));
            List<Signal.Tally> bucket = new ArrayList<>();
            for (Signal s : due) {
                if (s instanceof Signal.Tally t) {
                    bucket.add(t); // a bucket's parts add up before it is judged
                } else {
                    handle(s, ctx, out);
                }
            }
            if (!bucket.isEmpty()) {
                bucket(bucket, timestamp, ctx, out);
            }
        }
        String scope = ctx.getCurrentKey();
        if (scope.startsWith(Tallies.HOST) || scope.startsWith(Tallies.SENDER) || scope.startsWith(Tallies.USER)) {
            RateBaseline base = baseline.value(); // timer "forget-baseline"
            if (base != null && base.lastBucket + settings.forgetHostAfter().toMillis() <= timestamp) {
                baseline.clear();
            }
        }
        if (scope.startsWith(Signals.HOSTS)) {
            forgetHosts(timestamp);
        }
        List<String> forgotten = new ArrayList<>();
        for (Map.Entry<String, Incident> e : incidents.entries()) {
            Incident inc = e.getValue();
            boolean changed = false;
            if (inc.open && inc.lastHit + quiet(inc) <= timestamp) { // timer "resolve-when-quiet"
                resolve(inc, inc.lastHit + quiet(inc), ctx, out);
                changed = true;
            }
            if (!inc.open) { // timer "forget-window"
                changed |= pruneWindow(inc, timestamp - settings.window(scope));
                if (inc.windowTimes.isEmpty() && (inc.end == 0 || inc.end + settings.window(scope) <= timestamp)) {
                    forgotten.add(e.getKey());
                    continue;
                }
            }
            if (changed) {
                incidents.put(e.getKey(), inc);
            }
        }
        for (String rule : forgotten) {
            incidents.remove(rule);
        }
    }

    private void handle(Signal signal, Context ctx, Collector<Alert> out) throws Exception {
        if (signal instanceof Signal.Hit h) {
            hit(h, ctx, out);
        } else if (signal instanceof Signal.Delivered d) {
            delivered(d, ctx, out);
        } else if (signal instanceof Signal.Login l) {
            login(l, ctx, out);
        } else if (signal instanceof Signal.Seen s) {
            seen(s, ctx, out);
        }
    }

    private void hit(Signal.Hit h, Context ctx, Collector<Alert> out) throws Exception {
        if (h.rule().equals(USER_FAILURE)) {
            userFailure(h, ctx);
            return;
        }
        Incident inc = incidents.get(h.rule());
        if (inc == null) {
            inc = new Incident();
            inc.rule = h.rule();
            inc.key = h.key();
        }
        long t = h.time();
        if (!inc.open) {
            if (inc.end > 0 && t <= inc.end) {
                return; // a late line of an incident already resolved
            }
            if (inc.sample == null) {
                evidence(inc, h);
            }
            pruneWindow(inc, t - settings.window(ctx.getCurrentKey()));
            int at = 0;
            while (at < inc.windowTimes.size() && inc.windowTimes.get(at) <= t) {
                at++;
            }
            inc.windowTimes.add(at, t);
            inc.windowHosts.add(at, h.host());
            inc.windowSubjects.add(at, String.valueOf(h.subject()));
            inc.windowDetails.add(at, String.valueOf(h.detail()));
            if (inc.windowTimes.size() >= settings.threshold(ctx.getCurrentKey())) {
                openIncident(inc, t, ctx, out);
            } else {
                ctx.timerService().registerEventTimeTimer(t + settings.window(ctx.getCurrentKey()));
            }
            incidents.put(h.rule(), inc);
            return;
        }
        inc.lastHit = Math.max(inc.lastHit, t);
        if (h.rule().equals(EXPIRY_RISK) && inc.subjects.contains(String.valueOf(h.subject()))) {
            // the same message deferred again: still at risk, not one more
            ctx.timerService().registerEventTimeTimer(t + quiet(inc));
            incidents.put(h.rule(), inc);
            return;
        }
        inc.count++;
        boolean newHost = addSorted(inc.hosts, h.host(), Integer.MAX_VALUE);
        inc.lastHitByHost.merge(h.host(), t, Math::max);
        inc.recovered.remove(h.host());
        addSorted(inc.subjects, String.valueOf(h.subject()), Alert.MAX_LISTED);
        addSorted(inc.details, String.valueOf(h.detail()), Alert.MAX_LISTED);
        if (newHost || inc.count >= 2 * inc.publishedCount) {
            publish(inc, Alert.UPDATE, t, out);
        }
        ctx.timerService().registerEventTimeTimer(t + quiet(inc));
        incidents.put(h.rule(), inc);
    }

    private void openIncident(Incident inc, long t, Context ctx, Collector<Alert> out) {
        inc.open = true;
        inc.end = 0;
        inc.start = inc.windowTimes.get(0);
        inc.count = inc.windowTimes.size();
        inc.lastHit = t;
        inc.revision = 0;
        for (int i = 0; i < inc.windowTimes.size(); i++) {
            addSorted(inc.hosts, inc.windowHosts.get(i), Integer.MAX_VALUE);
            inc.lastHitByHost.merge(inc.windowHosts.get(i), inc.windowTimes.get(i), Math::max);
            if (inc.windowSubjects.get(i) != null) {
                addSorted(inc.subjects, inc.windowSubjects.get(i), Alert.MAX_LISTED);
            }
            addSorted(inc.details, inc.windowDetails.get(i), Alert.MAX_LISTED);
        }
        inc.windowTimes.clear();
        inc.windowHosts.clear();
        inc.windowSubjects.clear();
        inc.windowDetails.clear();
        publish(inc, Alert.OPEN, t, out);
        ctx.timerService().registerEventTimeTimer(t + quiet(inc));
    }

    private void delivered(Signal.Delivered d, Context ctx, Collector<Alert> out) throws Exception {
        List<Map.Entry<String, Incident>> open = new ArrayList<>();
        for (Map.Entry<String, Incident> e : incidents.entries()) {
            if (e.getValue().open) {
                open.add(e);
            }
        }
        for (Map.Entry<String, Incident> e : open) {
            Incident inc = e.getValue();
            Long last = inc.lastHitByHost.get(d.host());
            if (last == null || d.time() <= last || inc.recovered.contains(d.host())) {
                continue;
            }
            inc.recovered.add(d.host());
            if (inc.recovered.size() >= inc.hosts.size()) {
                resolve(inc, d.time(), ctx, out);
            }
            incidents.put(e.getKey(), inc);
        }
    }

    private void login(Signal.Login l, Context ctx, Collector<Alert> out) throws Exception {
        Incident attack = incidents.get(BRUTE_FORCE);
        boolean attacking = attack != null && attack.open;
        if (!attacking) {
            return;
        }
        String id = LOGIN_AFTER_ATTACK + '|' + l.user();
        Incident inc = incidents.get(id);
        if (inc == null || (!inc.open && l.time() > inc.end)) {
            inc = new Incident();
            inc.rule = LOGIN_AFTER_ATTACK;
            inc.key = l.user();
            // no user name or address in the text: they are the key and the addresses, pseudonymized there
            inc.sample = "AUTH succeeded from an address after " + attack.count + " failed AUTH from it";
            addSorted(inc.addresses, attack.key, Alert.MAX_LISTED);
            inc.windowTimes.add(l.time());
            inc.windowHosts.add(l.host());
            inc.windowSubjects.add(l.user());
            inc.windowDetails.add("login");
            openIncident(inc, l.time(), ctx, out);
        } else if (inc.open) {
            inc.count++;
            inc.lastHit = Math.max(inc.lastHit, l.time());
            if (addSorted(inc.hosts, l.host(), Integer.MAX_VALUE)) {
                publish(inc, Alert.UPDATE, l.time(), out);
            }
            ctx.timerService().registerEventTimeTimer(l.time() + quiet(inc));
        } else {
            return; // a late login of a resolved incident
        }
        incidents.put(id, inc);
    }

    /**
     * A host's line: ends its silence, and, at most once a minute of the log's time, looks over the
     * other hosts' clocks. A host whose last line is {@code silentAfter} older than this one is
     * silent while this host logs on (its own previous line is less than {@code silentAfter} old):
     * when every host is quiet (a quiet night) and wakes, nobody's line says so, and a fleet of one
     * host never alerts. A host silent for {@code
     * forgetHostAfter} is dropped: its incident resolves then (timer "resolve-when-quiet").
     */
    private void seen(Signal.Seen s, Context ctx, Collector<Alert> out) throws Exception {
        watchLag(s.host(), s.time());
        long silentAfter = settings.silentAfter().toMillis();
        Long last = hostClocks.get(s.host());
        // a host back from a gap of its own (a fleet waking from a quiet night) tells nothing of the others
        boolean loggingOn = last != null && s.time() - last < silentAfter;
        if (last == null || s.time() > last) {
            hostClocks.put(s.host(), s.time());
            // timer "forget-hosts": one an hour, however many hosts log
            long hour = s.time() - Math.floorMod(s.time(), 3_600_000L);
            ctx.timerService()
                    .registerEventTimeTimer(
                            hour + 3_600_000L + settings.forgetHostAfter().toMillis());
        }
        String id = SILENT_HOST + '|' + s.host();
        Incident silence = incidents.get(id);
        long minute = s.time() - (MINUTE - 1); // the start of the minute it logged in
        if (silence != null && silence.open && minute >= silence.start) {
            resolve(silence, minute, ctx, out);
            incidents.put(id, silence);
        }
        Long looked = lastLookedOver.value();
        if (!loggingOn || (looked != null && s.time() < looked + MINUTE && s.time() >= looked)) {
            return;
        }
        lastLookedOver.update(s.time());
        for (Map.Entry<String, Long> e : hostClocks.entries()) {
            String host = e.getKey();
            long lastLine = e.getValue();
            long silentFrom = lastLine + 1; // the minute after its last
            if (silentFrom + silentAfter > minute
                    || lastLine + settings.forgetHostAfter().toMillis() <= s.time()) {
                continue;
            }
            String hostId = SILENT_HOST + '|' + host;
            Incident inc = incidents.get(hostId);
            if (inc != null && (inc.open || inc.start == silentFrom)) {
                continue; // this silence has its incident
            }
            inc = new Incident();
            inc.rule = SILENT_HOST;
            inc.key = host;
            inc.sample = "no line from the host for " + settings.silentAfter().toMinutes()
                    + " minutes while other hosts logged on";
            inc.windowTimes.add(silentFrom);
            inc.windowHosts.add(host);
            inc.windowSubjects.add(null);
            inc.windowDetails.add("silent");
            openIncident(inc, silentFrom + silentAfter, ctx, out);
            incidents.put(hostId, inc);
        }
    }

    /**
     * A bucket of a host's or sender domain's delivery attempts, judged against its baseline for
     * bounces and for deferrals. A bucket that stands out opens or grows an incident and stays out
     * of the baseline (an incident does not become the usual); one back to usual resolves it.
     */
    private void bucket(List<Signal.Tally> parts, long end, Context ctx, Collector<Alert> out) throws Exception {
        long attempts = 0;
        long deferred = 0;
        long bounced = 0;
        List<String> deferring = new ArrayList<>();
        List<String> bouncing = new ArrayList<>();
        for (Signal.Tally t : parts) {
            attempts += t.attempts();
            deferred += t.deferred();
            bounced += t.bounced();
            if (t.deferred() > 0) {
                addSorted(deferring, t.host(), Integer.MAX_VALUE);
            }
            if (t.bounced() > 0) {
                addSorted(bouncing, t.host(), Integer.MAX_VALUE);
            }
        }
        String scope = ctx.getCurrentKey();
        if (scope.startsWith(Tallies.USER)) {
            submissions(attempts, parts, end, ctx, out);
            return;
        }
        String family = scope.startsWith(Tallies.HOST) ? "host." : "sender.";
        String key = scope.substring(scope.indexOf('|') + 1);
        RateBaseline base = baseline.value();
        if (base == null) {
            base = new RateBaseline();
        }
        boolean unusual = judge(family + "bounce-rate", key, base, attempts, bounced, true, bouncing, end, ctx, out);
        unusual |= judge(family + "deferral-rate", key, base, attempts, deferred, false, deferring, end, ctx, out);
        if (unusual) {
            base.lastBucket = Math.max(base.lastBucket, end);
        } else {
            base.absorb(attempts, deferred, bounced, end);
        }
        baseline.update(base);
        long hour = end - Math.floorMod(end, 3_600_000L);
        ctx.timerService()
                .registerEventTimeTimer(
                        hour + 3_600_000L + settings.forgetHostAfter().toMillis());
    }

    /**
     * A failed AUTH for the scope's user name. Kept (as the window of a record that never opens)
     * while it can still make a login suspect.
     */
    private void userFailure(Signal.Hit h, Context ctx) throws Exception {
        Incident failures = incidents.get(USER_FAILURE);
        if (failures == null) {
            failures = new Incident();
            failures.rule = USER_FAILURE;
            failures.key = h.key();
        }
        long window = settings.saslWindow().toMillis();
        pruneWindow(failures, h.time() - window - settings.rateBucket().toMillis());
        failures.windowTimes.add(h.time());
        failures.windowHosts.add(h.host());
        failures.windowSubjects.add(null);
        failures.windowDetails.add(h.detail());
        incidents.put(USER_FAILURE, failures);
        // timer "forget-window": the failures age out
        ctx.timerService()
                .registerEventTimeTimer(
                        h.time() + window + settings.rateBucket().toMillis());
    }

    /**
     * A bucket of the scope's user's submissions. Mail in a bucket that a burst of failed AUTH for
     * the name ran into (at least {@link #FAILURES_BEFORE_SUSPECT_LOGIN} within the SASL window
     * before the bucket's end) makes the user suspect for {@link #SUSPECT_FOR}; while suspect, a
     * bucket of at least {@code rateMinAttempts} messages and four times its usual volume opens
     * {@link #VOLUME_AFTER_ATTACK}. A dormant account has no usual volume: its first flood counts.
     */
    private void submissions(long messages, List<Signal.Tally> parts, long end, Context ctx, Collector<Alert> out)
            throws Exception {
        String user = ctx.getCurrentKey().substring(Tallies.USER.length());
        long bucket = settings.rateBucket().toMillis();
        Incident failures = incidents.get(USER_FAILURE);
        if (failures != null) {
            long recent = failures.windowTimes.stream()
                    .filter(t -> t > end - bucket - settings.saslWindow().toMillis() && t <= end)
                    .count();
            if (recent >= FAILURES_BEFORE_SUSPECT_LOGIN && failures.end < end + SUSPECT_FOR) {
                failures.end = end + SUSPECT_FOR; // suspect until then (the record is forgotten after)
                failures.count = recent;
                incidents.put(USER_FAILURE, failures);
                ctx.timerService().registerEventTimeTimer(failures.end);
            }
        }
        RateBaseline base = baseline.value();
        if (base == null) {
            base = new RateBaseline();
        }
        boolean suspect = failures != null && failures.end >= end;
        boolean flood = messages >= settings.rateMinAttempts() && messages >= 4 * base.attempts;
        Incident inc = incidents.get(VOLUME_AFTER_ATTACK);
        List<String> hosts = new ArrayList<>();
        for (Signal.Tally t : parts) {
            addSorted(hosts, t.host(), Integer.MAX_VALUE);
        }
        if (inc != null && inc.open) {
            if (flood) {
                grow(inc, messages, hosts, end, ctx, out);
            } else {
                resolve(inc, end, ctx, out);
            }
            incidents.put(VOLUME_AFTER_ATTACK, inc);
        } else if (suspect && flood) {
            // no user name or address in the text: the key is the user, pseudonymized there
            inc = openBucket(
                    VOLUME_AFTER_ATTACK,
                    user,
                    messages,
                    hosts,
                    String.format(
                            java.util.Locale.ROOT,
                            "%d messages in %d minutes after %d failed AUTH for the name, usually %.1f",
                            messages,
                            settings.rateBucket().toMinutes(),
                            failures.count,
                            base.attempts),
                    end,
                    ctx,
                    out);
            incidents.put(VOLUME_AFTER_ATTACK, inc);
        } else {
            base.absorb(messages, 0, 0, end); // a flood does not become the usual
        }
        base.lastBucket = Math.max(base.lastBucket, end);
        baseline.update(base);
        long hour = end - Math.floorMod(end, 3_600_000L);
        ctx.timerService()
                .registerEventTimeTimer(
                        hour + 3_600_000L + settings.forgetHostAfter().toMillis());
    }

    /** A judged bucket (a rate, a user's volume) that opens an incident of {@code count} lines. */
    private Incident openBucket(
            String rule,
            String key,
            long count,
            List<String> hosts,
            String sample,
            long end,
            Context ctx,
            Collector<Alert> out) {
        Incident inc = new Incident();
        inc.rule = rule;
        inc.key = key;
        inc.open = true;
        inc.start = end - settings.rateBucket().toMillis() + 1;
        inc.count = count;
        inc.lastHit = end;
        for (String h : hosts) {
            addSorted(inc.hosts, h, Integer.MAX_VALUE);
        }
        inc.details.add(rule);
        inc.sample = sample;
        publish(inc, Alert.OPEN, end, out);
        ctx.timerService().registerEventTimeTimer(end + quiet(inc));
        return inc;
    }

    /** A judged bucket that keeps an incident open: an update when a host joins or the count doubles. */
    private void grow(Incident inc, long count, List<String> hosts, long end, Context ctx, Collector<Alert> out) {
        inc.count += count;
        inc.lastHit = end;
        boolean newHost = false;
        for (String h : hosts) {
            newHost |= addSorted(inc.hosts, h, Integer.MAX_VALUE);
        }
        if (newHost || inc.count >= 2 * inc.publishedCount) {
            publish(inc, Alert.UPDATE, end, out);
        }
        ctx.timerService().registerEventTimeTimer(end + quiet(inc));
    }

    /** @return whether the bucket is unusual for this rule (opens, grows or keeps open its incident) */
    private boolean judge(
            String rule,
            String key,
            RateBaseline base,
            long attempts,
            long failed,
            boolean bounces,
            List<String> hosts,
            long end,
            Context ctx,
            Collector<Alert> out)
            throws Exception {
        int minAttempts = settings.rateMinAttempts();
        double minIncrease = settings.rateMinIncrease();
        boolean standsOut = base.standsOut(attempts, failed, bounces, minAttempts, minIncrease);
        Incident inc = incidents.get(rule);
        if (inc != null && inc.open) {
            if (standsOut) {
                grow(inc, failed, hosts, end, ctx, out);
            } else if (base.backToUsual(attempts, failed, bounces, minAttempts, minIncrease)) {
                resolve(inc, end, ctx, out);
                incidents.put(rule, inc);
                return false;
            }
            incidents.put(rule, inc);
            return true;
        }
        if (!standsOut) {
            return false;
        }
        inc = openBucket(
                rule,
                key,
                failed,
                hosts,
                String.format(
                        java.util.Locale.ROOT,
                        "%d of %d delivery attempts %s in %d minutes (%.0f%%), usually %.1f%%",
                        failed,
                        attempts,
                        bounces ? "bounced" : "deferred",
                        settings.rateBucket().toMinutes(),
                        100.0 * failed / attempts,
                        100 * base.usual(bounces)),
                end,
                ctx,
                out);
        incidents.put(rule, inc);
        return true;
    }

    /** Timer "forget-hosts": hosts silent for {@code forgetHostAfter} are no longer watched. */
    private void forgetHosts(long now) throws Exception {
        List<String> forgotten = new ArrayList<>();
        for (Map.Entry<String, Long> e : hostClocks.entries()) {
            if (e.getValue() + settings.forgetHostAfter().toMillis() <= now) {
                forgotten.add(e.getKey());
            }
        }
        for (String host : forgotten) {
            hostClocks.remove(host);
            clocksSeen.remove(host);
        }
        if (hostClocks.isEmpty()) {
            lastLookedOver.clear();
        }
    }

    private void resolve(Incident inc, long end, Context ctx, Collector<Alert> out) {
        inc.open = false;
        inc.end = end;
        publish(inc, Alert.RESOLVED, end, out);
        inc.hosts.clear();
        inc.lastHitByHost.clear();
        inc.recovered.clear();
        inc.details.clear();
        inc.subjects.clear();
        inc.addresses.clear();
        inc.sample = null;
        inc.dsn = null;
        inc.url = null;
        inc.count = 0;
        inc.publishedCount = 0;
        ctx.timerService().registerEventTimeTimer(end + settings.window(ctx.getCurrentKey()));
    }

    private void publish(Incident inc, String status, long time, Collector<Alert> out) {
        Alert a = new Alert();
        a.rule = inc.rule;
        a.key = inc.key;
        a.status = status;
        a.start = inc.start;
        a.end = status.equals(Alert.RESOLVED) ? inc.end : 0;
        a.time = time;
        a.count = inc.count;
        a.revision = ++inc.revision;
        a.hosts = new ArrayList<>(inc.hosts);
        a.details = new ArrayList<>(inc.details);
        a.subjects = new ArrayList<>(inc.subjects);
        a.addresses = new ArrayList<>(inc.addresses);
        a.sample = inc.sample;
        a.dsn = inc.dsn;
        a.url = inc.url;
        inc.publishedCount = inc.count;
        watchOpen(a);
        out.collect(a);
    }

    private void watchOpen(Alert a) {
        java.util.Set<String> open = openByRule.get(a.rule);
        if (open == null) {
            java.util.Set<String> ids = new java.util.HashSet<>();
            openByRule.put(a.rule, ids);
            getRuntimeContext().getMetricGroup().addGroup("rule", a.rule).gauge("openIncidents", ids::size);
            open = ids;
        }
        if (a.status.equals(Alert.RESOLVED)) {
            open.remove(a.incidentId());
        } else {
            open.add(a.incidentId());
        }
    }

    private void watchLag(String host, long minuteEnd) {
        newestClock = Math.max(newestClock, minuteEnd);
        Long known = clocksSeen.get(host);
        if (known != null) {
            clocksSeen.put(host, Math.max(known, minuteEnd));
        } else if (clocksSeen.size() < 1000) { // bounded labels, as for the route's host metrics
            clocksSeen.put(host, minuteEnd);
            getRuntimeContext()
                    .getMetricGroup()
                    .addGroup("mta", host)
                    .gauge(
                            "eventTimeLagSeconds",
                            () -> (newestClock - clocksSeen.getOrDefault(host, newestClock)) / 1000);
        }
    }

    private static void evidence(Incident inc, Signal.Hit h) {
        // one line's worth: a hostile line's 64 KB reason does not ride along in every record
        inc.sample = h.evidence() == null || h.evidence().length() <= ReplyRules.MAX_REPLY
                ? h.evidence()
                : h.evidence().substring(0, ReplyRules.MAX_REPLY) + "...";
        inc.dsn = h.dsn();
        inc.url = h.url();
        if (h.rule().equals(BRUTE_FORCE)) {
            addSorted(inc.addresses, h.key(), Alert.MAX_LISTED);
        } else if (h.evidence() != null && !h.rule().equals(EXPIRY_RISK)) {
            // the sending IPs a provider quotes ("[203.0.113.5]", "from 203.0.113.5"), not the
            // receiving server Postfix names first ("host mx.example[192.0.2.1] said: ...")
            int said = h.evidence().indexOf(" said: ");
            java.util.regex.Matcher ip =
                    IPV4.matcher(said < 0 ? h.evidence() : h.evidence().substring(said));
            while (ip.find()) {
                addSorted(inc.addresses, ip.group(1), 8);
            }
        }
    }

    private static final java.util.regex.Pattern IPV4 =
            java.util.regex.Pattern.compile("(?<![\\d.])((?:\\d{1,3}\\.){3}\\d{1,3})(?![\\d.])");

    private long quiet(Incident inc) {
        if (inc.rule.equals(SILENT_HOST)) {
            // opened silentAfter past the host's last line: resolves forgetHostAfter past it
            return settings.forgetHostAfter().toMillis()
                    - settings.silentAfter().toMillis();
        }
        return inc.rule.startsWith("sasl.")
                ? settings.saslQuiet().toMillis()
                : settings.providerQuiet().toMillis();
    }

    /** Drops window lines at or before {@code oldest}; says whether any went. */
    private static boolean pruneWindow(Incident inc, long oldest) {
        int drop = 0;
        while (drop < inc.windowTimes.size() && inc.windowTimes.get(drop) <= oldest) {
            drop++;
        }
        if (drop == 0) {
            return false;
        }
        inc.windowTimes.subList(0, drop).clear();
        inc.windowHosts.subList(0, drop).clear();
        inc.windowSubjects.subList(0, drop).clear();
        inc.windowDetails.subList(0, drop).clear();
        return true;
    }

    /** Adds to a sorted list of at most {@code max}; says whether it was new. */
    private static boolean addSorted(List<String> list, String value, int max) {
        int at = java.util.Collections.binarySearch(list, value);
        if (at >= 0 || list.size() >= max) {
            return false;
        }
        list.add(-at - 1, value);
        return true;
    }
}
