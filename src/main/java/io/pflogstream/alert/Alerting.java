package io.pflogstream.alert;

import java.io.Serializable;

/** The detectors' configuration: the reply rules and the thresholds. */
public record Alerting(ReplyRules rules, AlertSettings settings) implements Serializable {
    public static Alerting defaults() {
        return new Alerting(ReplyRules.defaults(), AlertSettings.defaults());
    }
}
