package io.pflogstream.alert;

import io.pflogstream.postfix.DeliveryStatus;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.postfix.SaslFailure;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The detectors' signals in a stream of events, for the route stage: a provider's refusals
 * (classified by {@link ReplyRules}), deliveries to a provider, failed and successful AUTH.
 * Deliveries are the bulk of a log, so a delivery to a provider is passed on only when it can
 * end an incident: the first from a host after that host's refusal from the provider, else at
 * most once a minute per host and provider. A host's lines are read in order by one subtask,
 * so the first delivery after a refusal is never the one held back.
 */
public final class Signals implements Serializable {
    static final String PROVIDER = "provider|";
    static final String DNSBL = "dnsbl|";
    static final String RECEIVER = "receiver|";
    static final String SASL = "sasl|";
    static final String QUEUE = "queue|";
    /** One scope for the whole fleet: a host is silent only against the others. */
    static final String HOSTS = "hosts|";

    private static final long MINUTE = 60_000;

    private final ReplyRules rules;
    /** delay= from which a deferral is a message at risk of expiring (seconds). */
    private final double expiryRisk;
    /** host|provider → when a delivery was last passed on; negative: a refusal came after it. */
    private transient Map<String, Long> lastDelivered;
    /** host → the minute of its last Seen. */
    private transient Map<String, Long> lastSeen;

    public Signals(ReplyRules rules) {
        this(rules, AlertSettings.defaults());
    }

    public Signals(ReplyRules rules, AlertSettings settings) {
        this.rules = rules;
        this.expiryRisk = settings.expiryRiskSeconds();
    }

    public void from(PostfixEvent event, Consumer<Signal> out) {
        seen(event.origin().host(), event.origin().time(), out);
        if (event instanceof PostfixEvent.Delivery d) {
            delivery(d, out);
        } else if (event instanceof PostfixEvent.DaemonProblem p) {
            SaslFailure f = SaslFailure.of(p.line());
            if (f != null) {
                out.accept(new Signal.Hit(
                        SASL + f.clientIp(),
                        "sasl.brute-force",
                        f.clientIp(),
                        p.origin().host(),
                        p.origin().time(),
                        f.method(),
                        f.user(),
                        f.reason(),
                        null,
                        null));
                if (f.user() != null && !f.user().isEmpty()) {
                    // the name's own count: a login soon after a burst of them, then a flood of mail
                    out.accept(new Signal.Hit(
                            Tallies.USER + f.user(),
                            IncidentFunction.USER_FAILURE,
                            f.user(),
                            p.origin().host(),
                            p.origin().time(),
                            f.method(),
                            f.user(),
                            null,
                            null,
                            null));
                }
            }
        } else if (event instanceof PostfixEvent.Received r && r.saslUser() != null && r.client() != null) {
            String ip = clientIp(r.client());
            if (ip != null) {
                out.accept(new Signal.Login(
                        SASL + ip, r.origin().host(), r.origin().time(), r.saslUser()));
            }
        }
    }

    private void delivery(PostfixEvent.Delivery d, Consumer<Signal> out) {
        String host = d.origin().host();
        long t = d.origin().time();
        String domain = d.recipientDomain();
        if (d.status() == DeliveryStatus.SENT) {
            String provider = rules.providerOf(d.relay(), domain);
            if (provider == null) {
                return;
            }
            if (lastDelivered == null) {
                lastDelivered = new HashMap<>();
            }
            String at = host + '|' + provider;
            Long last = lastDelivered.get(at);
            if (last == null || last < 0 || t >= last + MINUTE) {
                lastDelivered.put(at, t);
                out.accept(new Signal.Delivered(PROVIDER + provider, host, t));
            }
            return;
        }
        if (d.status() != DeliveryStatus.DEFERRED && d.status() != DeliveryStatus.BOUNCED) {
            return;
        }
        if (d.status() == DeliveryStatus.DEFERRED && d.delay() >= expiryRisk) {
            out.accept(new Signal.Hit(
                    QUEUE + domain,
                    "queue.expiry-risk",
                    domain,
                    host,
                    t,
                    "queued " + ageText(d.delay()),
                    host + ':' + d.queueId(),
                    d.response() == null ? null : ReplyRules.normalize(ReplyRules.head(d.response())),
                    d.dsn(),
                    null));
        }
        ReplyRules.Verdict v = rules.classify(d.relay(), domain, d.response());
        if (v == null || v.ignored()) {
            return;
        }
        String cls = v.rule().ruleClass();
        String scope;
        String rule;
        if (cls.equals("dnsbl-listing")) {
            scope = DNSBL + v.key();
            rule = "dnsbl.listed";
        } else if (cls.equals("receiver-misconfigured")) {
            scope = RECEIVER + v.key();
            rule = "receiver.dnsbl-misconfigured";
        } else {
            scope = PROVIDER + v.key();
            rule = "provider." + cls;
            if (lastDelivered != null) {
                // the next delivery from this host to the provider may end the incident: pass it on
                lastDelivered.computeIfPresent(host + '|' + v.key(), (k, last) -> -1L);
            }
        }
        out.accept(new Signal.Hit(scope, rule, v.key(), host, t, v.rule().id(), domain, v.reply(), d.dsn(), v.url()));
    }

    private void seen(String host, long t, Consumer<Signal> out) {
        if (lastSeen == null) {
            lastSeen = new HashMap<>();
        }
        // the end of the line's minute: the same signals whatever the partitions and restarts
        long minuteEnd = t - Math.floorMod(t, MINUTE) + MINUTE - 1;
        Long last = lastSeen.get(host);
        if (last == null || last != minuteEnd) {
            lastSeen.put(host, minuteEnd);
            out.accept(new Signal.Seen(HOSTS, host, minuteEnd));
        }
    }

    /** A message's age as an on-call operator reads it: "2d 13h". */
    static String ageText(double seconds) {
        long hours = (long) (seconds / 3600);
        return hours >= 24 ? hours / 24 + "d " + hours % 24 + "h" : hours + "h";
    }

    /** The address of "host[ip]" (smtpd's client), or null. */
    static String clientIp(String client) {
        int open = client.lastIndexOf('[');
        int close = client.lastIndexOf(']');
        return open >= 0 && close > open + 1 ? client.substring(open + 1, close) : null;
    }
}
