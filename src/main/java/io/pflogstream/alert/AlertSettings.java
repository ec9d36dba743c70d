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
 */
public record AlertSettings(
        int providerThreshold,
        Duration providerWindow,
        Duration providerQuiet,
        int saslThreshold,
        Duration saslWindow,
        Duration saslQuiet)
        implements Serializable {
    public static AlertSettings defaults() {
        return new AlertSettings(
                10, Duration.ofMinutes(30), Duration.ofHours(2), 10, Duration.ofMinutes(10), Duration.ofMinutes(30));
    }

    int threshold(String scope) {
        return scope.startsWith(Signals.SASL) ? saslThreshold : providerThreshold;
    }

    long window(String scope) {
        return (scope.startsWith(Signals.SASL) ? saslWindow : providerWindow).toMillis();
    }

    long quiet(String scope) {
        return (scope.startsWith(Signals.SASL) ? saslQuiet : providerQuiet).toMillis();
    }
}
