package io.pflogstream.alert;

import io.pflogstream.serde.RecordUnionTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What a line tells the incident detectors, routed by {@link #scope()}: every signal that can open,
 * grow or resolve one incident reaches one key. Scopes are "provider|google", "dnsbl|spamhaus",
 * "receiver|example.com", "sasl|203.0.113.5", and "hosts|" for every host's clock.
 */
@TypeInfo(RecordUnionTypeInfo.Factory.class)
public sealed interface Signal {
    String scope();

    String host();

    long time();

    /**
     * A line that counts toward an incident of {@code rule}: a provider's refusal, a failed AUTH.
     *
     * @param key what the incident is about (the provider, the client IP)
     * @param detail the rule that recognized it (e.g. google.rate-limit) or the SASL method
     * @param subject the recipient domain, or the user name tried
     * @param evidence the reply, normalized, or the failure's reason
     */
    record Hit(
            String scope,
            String rule,
            String key,
            String host,
            long time,
            String detail,
            String subject,
            String evidence,
            String dsn,
            String url)
            implements Signal {}

    /** Mail from {@code host} delivered to the scope's provider: its incidents may be over there. */
    record Delivered(String scope, String host, long time) implements Signal {}

    /**
     * {@code host} logged in the minute that ends at {@code time} (one per host and minute: its
     * first line in it).
     */
    record Seen(String scope, String host, long time) implements Signal {}

    /**
     * Delivery attempts of the scope's host or sender domain from {@code host} in the bucket of
     * the log's time that ends at {@code time} (one of several parts of a bucket: they add up).
     */
    record Tally(String scope, String host, long time, long attempts, long deferred, long bounced) implements Signal {}

    /** A successful SASL login from the scope's client address. */
    record Login(String scope, String host, long time, String user) implements Signal {}
}
