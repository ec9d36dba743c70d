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
        Duration forgetHostAfter)
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
                Duration.ofDays(7));
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
