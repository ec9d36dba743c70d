package io.pflogstream.alert;

import java.io.Serializable;
import java.time.Duration;

/**
 * Thresholds and windows of the detectors, per rule family (docs/alerts.md says why each default).
 *
 * @param providerThreshold a provider's refusals of one class within {@code providerWindow} that open
 *     an incident (counted over every host)
 * @param providerQuiet an open provider or DNSBL incident with no refusal for this long resolves
 * @param saslThreshold failed AUTH from one client address within {@code saslWindow}, all hosts together
 * @param saslQuiet an attack with no failure for this long is over; a login from the address within
 *     this long after its last failure is "sasl.login-after-attack"
 * @param maximalQueueLifetime Postfix's {@code maximal_queue_lifetime} (5d by default): a deferred
 *     message older than this is returned to its sender
 * @param expiryShare a deferral of a message older than this share of the lifetime puts it at risk
 *     ("queue.expiry-risk", one incident per destination domain, opened by its first such deferral)
 * @param silentAfter a host with no line for this long while another host logs on is "host.silent"
 * @param forgetHostAfter a host silent this long is no longer watched: its incident resolves, its
 *     clock is dropped (a host taken out of service)
 * @param rateBucket the span of the log's time over which a host's and a sender domain's bounce
 *     and deferral rates are judged against their own baseline
 * @param rateMinAttempts delivery attempts a bucket needs before its rate is judged
 * @param rateMinIncrease how far above its usual rate a bucket's must be (0.10: ten points)
 */
public record AlertSettings(
        int providerThreshold,
        Duration providerWindow,
        Duration providerQuiet,
        int saslThreshold,
        Duration saslWindow,
        Duration saslQuiet,
        Duration maximalQueueLifetime,
        double expiryShare,
        Duration silentAfter,
        Duration forgetHostAfter,
        Duration rateBucket,
        int rateMinAttempts,
        double rateMinIncrease)
        implements Serializable {
    public static AlertSettings defaults() {
        return new AlertSettings(
                10,
                Duration.ofMinutes(30),
                Duration.ofHours(2),
                10,
                Duration.ofMinutes(10),
                Duration.ofMinutes(30),
                Duration.ofDays(5),
                0.5,
                Duration.ofMinutes(30),
                Duration.ofDays(7),
                Duration.ofMinutes(10),
                20,
                0.10);
    }

    /** The settings' names as the command line takes them: provider-threshold, silent-after, ... */
    public static java.util.List<String> names() {
        return java.util.Arrays.stream(AlertSettings.class.getRecordComponents())
                .map(c -> c.getName().replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT))
                .toList();
    }

    /** The type a setting takes (Duration, int or double), or null for a name that is none. */
    public static Class<?> typeOf(String name) {
        int i = names().indexOf(name);
        return i < 0 ? null : AlertSettings.class.getRecordComponents()[i].getType();
    }

    /** These settings with one changed: {@code value} of {@link #typeOf(String) its type}. */
    public AlertSettings with(String name, Object value) {
        var components = AlertSettings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getAccessor().invoke(this);
            }
            values[names().indexOf(name)] = value;
            return AlertSettings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The age (delay=, seconds) from which a deferred message is at risk of expiring. */
    public double expiryRiskSeconds() {
        return maximalQueueLifetime.toSeconds() * expiryShare;
    }

    int threshold(String scope) {
        if (scope.startsWith(Signals.QUEUE)) {
            return 1; // every message at risk matters: its sender will get it back
        }
        return scope.startsWith(Signals.SASL) ? saslThreshold : providerThreshold;
    }

    long window(String scope) {
        if (scope.startsWith(Signals.HOSTS)) {
            return silentAfter.toMillis();
        }
        return (scope.startsWith(Signals.SASL) ? saslWindow : providerWindow).toMillis();
    }

    long quiet(String scope) {
        return (scope.startsWith(Signals.SASL) ? saslQuiet : providerQuiet).toMillis();
    }
}
