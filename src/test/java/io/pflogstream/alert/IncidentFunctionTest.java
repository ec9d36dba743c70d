package io.pflogstream.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Incidents from signals whose truth is known: when they open, grow and resolve, and the controls
 * that must stay quiet. Every case ends with the operator's state and timers at zero.
 */
class IncidentFunctionTest {
    private static final long T0 = 1_795_000_000_000L;
    private static final long MIN = 60_000;
    private static final AlertSettings SETTINGS = AlertSettings.defaults();
    private static final String GOOGLE = "provider|google";

    private static Signal.Hit rateLimit(String host, long t) {
        return new Signal.Hit(
                GOOGLE,
                "provider.rate-limit",
                "google",
                host,
                t,
                "google.rate-limit",
                "gmail.com",
                "421 4.7.28 [203.0.113.5 15] Our system has detected an unusual rate of unsolicited mail",
                "4.7.28",
                "https://support.google.com/mail/?p=UnsolicitedRateLimitError");
    }

    private static Signal.Hit saslFailure(String host, long t, String user) {
        return new Signal.Hit(
                "sasl|198.51.100.66",
                IncidentFunction.BRUTE_FORCE,
                "198.51.100.66",
                host,
                t,
                "LOGIN",
                user,
                "authentication failure",
                null,
                null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, Signal, Alert> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new IncidentFunction(SETTINGS)), Signal::scope, Types.STRING);
        h.open();
        return h;
    }

    private static List<Alert> run(List<Signal> signals, long until) throws Exception {
        // a day after the last line, every incident and window is gone
        return run(signals, until, Duration.ofDays(1).toMillis());
    }

    /**
     * The signals in any order (the operator replays them in time order at the watermark), the
     * records up to {@code until}, and nothing left {@code forgetAfter} later.
     */
    private static List<Alert> run(List<Signal> signals, long until, long forgetAfter) throws Exception {
        var h = harness();
        for (Signal s : signals) {
            h.processElement(s, s.time());
        }
        h.processWatermark(until);
        List<Alert> out = new ArrayList<>(h.extractOutputValues());
        h.processWatermark(until + forgetAfter);
        assertThat(h.numKeyedStateEntries()).as("state left").isZero();
        assertThat(h.numEventTimeTimers()).as("timers left").isZero();
        h.close();
        return out;
    }

    @Test
    void aProviderRateLimitOpensGrowsAndResolvesWhenMailGetsThrough() throws Exception {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 10; i++) { // ten refusals in 18 minutes on two hosts
            signals.add(rateLimit(i % 2 == 0 ? "mx1" : "mx2", T0 + i * 2 * MIN));
        }
        signals.add(rateLimit("mx3", T0 + 25 * MIN)); // a third host joins
        signals.add(new Signal.Delivered(GOOGLE, "mx1", T0 + 40 * MIN));
        signals.add(new Signal.Delivered(GOOGLE, "mx2", T0 + 41 * MIN));
        signals.add(new Signal.Delivered(GOOGLE, "mx1", T0 + 42 * MIN)); // again: nothing new
        signals.add(new Signal.Delivered(GOOGLE, "mx3", T0 + 50 * MIN));
        List<Alert> alerts = run(signals, T0 + 60 * MIN);

        assertThat(alerts).extracting(a -> a.status).containsExactly(Alert.OPEN, Alert.UPDATE, Alert.RESOLVED);
        Alert open = alerts.get(0);
        assertThat(open.rule).isEqualTo("provider.rate-limit");
        assertThat(open.key).isEqualTo("google");
        assertThat(open.hosts).containsExactly("mx1", "mx2");
        assertThat(open.start).isEqualTo(T0);
        assertThat(open.time).isEqualTo(T0 + 18 * MIN);
        assertThat(open.count).isEqualTo(10);
        assertThat(open.details).containsExactly("google.rate-limit");
        assertThat(open.addresses).containsExactly("203.0.113.5");
        assertThat(open.url).isEqualTo("https://support.google.com/mail/?p=UnsolicitedRateLimitError");
        assertThat(open.end).isZero();
        assertThat(alerts.get(1).hosts).containsExactly("mx1", "mx2", "mx3");
        assertThat(alerts.get(1).count).isEqualTo(11);
        Alert resolved = alerts.get(2);
        assertThat(resolved.end).isEqualTo(T0 + 50 * MIN);
        assertThat(alerts).allSatisfy(a -> assertThat(a.start).isEqualTo(T0));
        assertThat(alerts).extracting(a -> a.revision).containsExactly(1, 2, 3);
    }

    @Test
    void belowTheThresholdOrSpreadOverMoreThanTheWindowNothingOpens() throws Exception {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            signals.add(rateLimit("mx1", T0 + i * MIN));
        }
        for (int i = 0; i < 20; i++) { // one every 4 minutes: never ten within 30 minutes
            signals.add(rateLimit("mx2", T0 + Duration.ofHours(3).toMillis() + i * 4 * MIN));
        }
        assertThat(run(signals, T0 + Duration.ofHours(5).toMillis())).isEmpty();
    }

    @Test
    void anIncidentWithNoMoreRefusalsResolvesAfterTheQuietPeriodAndALateLineDoesNotReopenIt() throws Exception {
        var h = harness();
        for (int i = 0; i < 10; i++) {
            h.processElement(rateLimit("mx1", T0 + i * MIN), T0 + i * MIN);
        }
        long quietEnd = T0 + 9 * MIN + SETTINGS.providerQuiet().toMillis();
        h.processWatermark(quietEnd + MIN);
        List<Alert> alerts = h.extractOutputValues();
        assertThat(alerts).extracting(a -> a.status).containsExactly(Alert.OPEN, Alert.RESOLVED);
        assertThat(alerts.get(1).end).isEqualTo(quietEnd);
        // refusals logged before the end, arriving late: neither a new incident nor an update
        h.getOutput().clear();
        for (int i = 0; i < 12; i++) {
            h.processElement(rateLimit("mx4", T0 + 30 * MIN + i), T0 + 30 * MIN + i);
        }
        h.processWatermark(quietEnd + Duration.ofDays(1).toMillis());
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void theSameLinesInAnyOrderGiveTheSameIncidents() throws Exception {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            signals.add(rateLimit("mx" + (i % 4), T0 + i * 37_000));
            signals.add(saslFailure("mx" + (i % 3), T0 + i * 11_000, "user" + (i % 7)));
        }
        signals.add(new Signal.Delivered(GOOGLE, "mx0", T0 + 30 * MIN));
        List<String> expected = null;
        Random random = new Random(17);
        for (int round = 0; round < 5; round++) {
            var h = harness();
            // a bounded disorder, as partitions interleave: shuffled within each minute
            List<Signal> shuffled = new ArrayList<>(signals);
            Collections.shuffle(shuffled, random);
            shuffled.sort(java.util.Comparator.comparingLong(s -> s.time() / MIN));
            for (Signal s : shuffled) {
                h.processElement(s, s.time());
                if (random.nextInt(10) == 0) {
                    h.processWatermark(s.time() - MIN - 1);
                }
            }
            h.processWatermark(T0 + Duration.ofDays(1).toMillis());
            List<String> got = h.extractOutputValues().stream()
                    .map(a -> a.rule + " " + a.status + " " + a.key + " " + a.start + " " + a.time + " " + a.hosts + " "
                            + a.count + " " + a.subjects)
                    .toList();
            if (expected == null) {
                expected = got;
                assertThat(got).hasSizeGreaterThanOrEqualTo(4);
            }
            assertThat(got).as("round %d", round).isEqualTo(expected);
            h.close();
        }
    }

    @Test
    void failedAuthSpreadOverHostsIsOneAttackAndALoginFromItIsFlagged() throws Exception {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // four tries on each of three hosts: under any per-host rule
            signals.add(saslFailure("mx" + (i % 3), T0 + i * 20_000, i < 6 ? "admin" : "info@example.com"));
        }
        signals.add(new Signal.Login("sasl|198.51.100.66", "mx2", T0 + 5 * MIN, "info@example.com"));
        List<Alert> alerts = run(signals, T0 + 10 * MIN);
        assertThat(alerts)
                .extracting(a -> a.rule + " " + a.status)
                .containsExactly("sasl.brute-force open", "sasl.login-after-attack open");
        Alert attack = alerts.get(0);
        assertThat(attack.key).isEqualTo("198.51.100.66");
        assertThat(attack.hosts).containsExactly("mx0", "mx1", "mx2");
        assertThat(attack.subjects).containsExactly("admin", "info@example.com");
        assertThat(attack.count).isEqualTo(10);
        Alert login = alerts.get(1);
        assertThat(login.key).isEqualTo("info@example.com");
        assertThat(login.hosts).containsExactly("mx2");
        assertThat(login.addresses).containsExactly("198.51.100.66");
    }

    @Test
    void aMistypedPasswordThenALoginIsQuiet() throws Exception {
        List<Signal> signals = List.of(
                saslFailure("mx1", T0, "alice@example.com"),
                saslFailure("mx1", T0 + 5_000, "alice@example.com"),
                new Signal.Login("sasl|198.51.100.66", "mx1", T0 + 20_000, "alice@example.com"));
        assertThat(run(signals, T0 + MIN)).isEmpty();
    }

    /** The end of the minute holding {@code t}: a Seen's time. */
    private static long minuteEnd(long t) {
        return t - Math.floorMod(t, MIN) + MIN - 1;
    }

    private static List<Signal> seen(String host, long from, long to) {
        List<Signal> out = new ArrayList<>();
        for (long t = from; t <= to; t += MIN) {
            out.add(new Signal.Seen("hosts|", host, minuteEnd(t)));
        }
        return out;
    }

    @Test
    void aHostThatStopsLoggingWhileTheOthersGoOnIsSilentUntilItLogsAgain() throws Exception {
        List<Signal> signals = new ArrayList<>();
        signals.addAll(seen("mx1", T0, T0 + 180 * MIN));
        signals.addAll(seen("mx2", T0, T0 + 20 * MIN)); // silent for 100 minutes
        signals.addAll(seen("mx2", T0 + 120 * MIN, T0 + 180 * MIN));
        List<Alert> out =
                run(signals, minuteEnd(T0 + 180 * MIN), Duration.ofDays(8).toMillis());
        assertThat(out)
                .extracting(a -> a.rule + " " + a.status + " " + a.key + " " + a.hosts)
                .containsExactly("host.silent open mx2 [mx2]", "host.silent resolved mx2 [mx2]");
        assertThat(out.get(0).start).as("the minute after its last line").isEqualTo(minuteEnd(T0 + 20 * MIN) + 1);
        assertThat(out.get(0).time).as("half an hour later").isEqualTo(minuteEnd(T0 + 20 * MIN) + 1 + 30 * MIN);
        assertThat(out.get(1).end)
                .as("the minute of its first line back")
                .isEqualTo(minuteEnd(T0 + 120 * MIN) + 1 - MIN);
    }

    @Test
    void aWholeFleetFallingQuietAndAShortGapAreNoSilence() throws Exception {
        List<Signal> signals = new ArrayList<>();
        // a quiet night: both hosts stop at once and resume together
        signals.addAll(seen("mx1", T0, T0 + 60 * MIN));
        signals.addAll(seen("mx2", T0, T0 + 60 * MIN));
        signals.addAll(seen("mx1", T0 + 300 * MIN, T0 + 360 * MIN));
        signals.addAll(seen("mx2", T0 + 300 * MIN, T0 + 360 * MIN));
        // a gap of 29 minutes on mx2 while mx1 logs on
        signals.addAll(seen("mx1", T0 + 361 * MIN, T0 + 420 * MIN));
        signals.addAll(seen("mx2", T0 + 389 * MIN, T0 + 420 * MIN));
        assertThat(run(signals, minuteEnd(T0 + 420 * MIN), Duration.ofDays(8).toMillis()))
                .isEmpty();
    }

    @Test
    void aHostTakenOutOfServiceIsSilentForAWeekThenNoLongerWatched() throws Exception {
        List<Signal> signals = new ArrayList<>();
        signals.addAll(seen("mx1", T0, T0 + 60 * MIN));
        signals.addAll(seen("mx2", T0, T0 + 10 * MIN));
        // mx1 logs on for eight days, a line an hour
        for (long t = T0 + 120 * MIN; t <= T0 + Duration.ofDays(8).toMillis(); t += 60 * MIN) {
            signals.add(new Signal.Seen("hosts|", "mx1", minuteEnd(t)));
        }
        long end = T0 + Duration.ofDays(8).toMillis();
        List<Alert> out = run(signals, minuteEnd(end), Duration.ofDays(8).toMillis());
        assertThat(out)
                .extracting(a -> a.rule + " " + a.status + " " + a.key)
                .containsExactly("host.silent open mx2", "host.silent resolved mx2");
        assertThat(out.get(1).end)
                .as("a week after its last line")
                .isEqualTo(minuteEnd(T0 + 10 * MIN) + 1 + Duration.ofDays(7).toMillis());
    }

    @Test
    void aLateLineOfASilentHostDoesNotOpenItAgain() throws Exception {
        var h = harness();
        List<Signal> signals = new ArrayList<>();
        signals.addAll(seen("mx1", T0, T0 + 120 * MIN));
        signals.addAll(seen("mx2", T0, T0 + 10 * MIN));
        signals.sort(java.util.Comparator.comparingLong(Signal::time));
        for (Signal s : signals) {
            h.processElement(s, s.time());
        }
        h.processWatermark(minuteEnd(T0 + 120 * MIN));
        // mx2's line of T0 + 5 min, read late (a shipper's retry)
        h.processElement(new Signal.Seen("hosts|", "mx2", minuteEnd(T0 + 5 * MIN)), T0 + 5 * MIN);
        h.processElement(new Signal.Seen("hosts|", "mx1", minuteEnd(T0 + 121 * MIN)), T0 + 121 * MIN);
        h.processWatermark(T0 + 130 * MIN);
        assertThat(h.extractOutputValues())
                .extracting(a -> a.rule + " " + a.status + " " + a.key)
                .containsExactly("host.silent open mx2");
        h.close();
    }

    private static final long BUCKET = 10 * MIN;

    /** The end of the {@code i}th ten-minute bucket after T0: a tally's time. */
    private static long bucketEnd(int i) {
        long first = T0 - Math.floorMod(T0, BUCKET);
        return first + (i + 1) * BUCKET - 1;
    }

    /** A day of buckets from two hosts: {@code attempts} each, 2% deferred, 1% bounced, but where changed. */
    private static List<Signal> usualDay(String scope, int buckets, int attempts) {
        List<Signal> out = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            // a bucket in two parts, as a checkpoint between two of its lines leaves it
            out.add(new Signal.Tally(scope, "mx1", bucketEnd(i), attempts / 2, i % 2, i % 3 == 0 ? 1 : 0));
            out.add(new Signal.Tally(scope, "mx2", bucketEnd(i), attempts - attempts / 2, i % 3 == 0 ? 1 : 0, 0));
        }
        return out;
    }

    private static void replace(List<Signal> signals, String scope, int bucket, Signal.Tally... parts) {
        signals.removeIf(s -> s instanceof Signal.Tally t && t.time() == bucketEnd(bucket));
        signals.addAll(List.of(parts));
    }

    @Test
    void aHostsBounceRateFarAboveItsOwnUsualOpensAndResolvesWhenItIsBack() throws Exception {
        String scope = "rate-host|mx1";
        List<Signal> signals = usualDay(scope, 40, 100);
        // buckets 20 and 21: a third of mx1's attempts bounce (its usual: about 0.3%)
        replace(signals, scope, 20, new Signal.Tally(scope, "mx1", bucketEnd(20), 90, 1, 30));
        replace(signals, scope, 21, new Signal.Tally(scope, "mx1", bucketEnd(21), 120, 2, 80));
        List<Alert> out = run(signals, bucketEnd(40), Duration.ofDays(8).toMillis());
        assertThat(out)
                .extracting(a -> a.rule + " " + a.status + " " + a.key + " " + a.hosts + " " + a.count)
                .containsExactly(
                        "host.bounce-rate open mx1 [mx1] 30",
                        "host.bounce-rate update mx1 [mx1] 110", // the count more than doubled
                        "host.bounce-rate resolved mx1 [mx1] 110");
        assertThat(out.get(0).start).isEqualTo(bucketEnd(19) + 1);
        assertThat(out.get(0).sample).isEqualTo("30 of 90 delivery attempts bounced in 10 minutes (33%), usually 1.0%");
        assertThat(out.get(2).end).as("the next bucket, back to usual").isEqualTo(bucketEnd(22));
    }

    @Test
    void aSenderDomainsDeferralsAcrossHostsAreOneIncidentListingThem() throws Exception {
        String scope = "rate-sender|example.com";
        List<Signal> signals = usualDay(scope, 30, 60);
        replace(
                signals,
                scope,
                25,
                new Signal.Tally(scope, "mx1", bucketEnd(25), 30, 12, 0),
                new Signal.Tally(scope, "mx2", bucketEnd(25), 30, 14, 0));
        List<Alert> out = run(signals, bucketEnd(30), Duration.ofDays(8).toMillis());
        assertThat(out)
                .extracting(a -> a.rule + " " + a.status + " " + a.key + " " + a.hosts + " " + a.count)
                .containsExactly(
                        "sender.deferral-rate open example.com [mx1, mx2] 26",
                        "sender.deferral-rate resolved example.com [mx1, mx2] 26");
    }

    @Test
    void aKeysOwnHighUsualRateFewAttemptsAndAColdBaselineAreQuiet() throws Exception {
        List<Signal> signals = new ArrayList<>();
        // a host whose mail always bounces a fifth: that is its usual, not an incident
        for (int i = 0; i < 40; i++) {
            signals.add(new Signal.Tally("rate-host|list", "list", bucketEnd(i), 100, 0, 18 + i % 5));
        }
        // a small host: 10 attempts, 5 bounced, under the 20 a bucket needs
        signals.addAll(usualDay("rate-host|small", 30, 10));
        replace(signals, "rate-host|small", 25, new Signal.Tally("rate-host|small", "small", bucketEnd(25), 10, 0, 5));
        // a new sender domain, bouncing from its second bucket: no baseline yet
        for (int i = 0; i < 5; i++) {
            signals.add(new Signal.Tally("rate-sender|new.example", "mx1", bucketEnd(i), 50, 0, i == 0 ? 0 : 25));
        }
        // a busy host whose deferrals rise a little (2% → 6%): not ten points
        signals.addAll(usualDay("rate-host|busy", 30, 1000));
        replace(signals, "rate-host|busy", 25, new Signal.Tally("rate-host|busy", "busy", bucketEnd(25), 1000, 60, 0));
        assertThat(run(signals, bucketEnd(40), Duration.ofDays(8).toMillis())).isEmpty();
    }

    @Test
    void anIncidentsBucketsDoNotBecomeTheUsualAndALateTallyIsNotJudged() throws Exception {
        String scope = "rate-host|mx1";
        var h = harness();
        List<Signal> signals = usualDay(scope, 20, 100);
        for (int i = 20; i < 40; i++) { // twenty buckets in a row at 40%: still unusual at the end
            signals.add(new Signal.Tally(scope, "mx1", bucketEnd(i), 100, 0, 40));
        }
        signals.sort(java.util.Comparator.comparingLong(Signal::time));
        for (Signal s : signals) {
            h.processElement(s, s.time());
        }
        h.processWatermark(bucketEnd(40));
        // a late part of bucket 10 after its bucket was judged: not judged again
        h.processElement(new Signal.Tally(scope, "mx1", bucketEnd(10), 100, 0, 90), bucketEnd(10));
        h.processWatermark(bucketEnd(41));
        assertThat(h.extractOutputValues())
                .extracting(a -> a.rule + " " + a.status)
                .containsExactly(
                        "host.bounce-rate open",
                        "host.bounce-rate update",
                        "host.bounce-rate update",
                        "host.bounce-rate update",
                        "host.bounce-rate update");
        h.close();
    }

    private static Signal.Hit userFailure(String user, long t) {
        return new Signal.Hit(
                "rate-user|" + user, IncidentFunction.USER_FAILURE, user, "mx1", t, "LOGIN", user, null, null, null);
    }

    private static Signal.Tally submitted(String user, int bucket, long messages) {
        return new Signal.Tally("rate-user|" + user, "mx2", bucketEnd(bucket), messages, 0, 0);
    }

    @Test
    void aFloodOfMailAfterABurstOfFailedLoginsForTheNameIsFlaggedAndTheControlsAreQuiet() throws Exception {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // both send two or three messages a bucket
            signals.add(submitted("info", i, 2 + i % 2));
            signals.add(submitted("alice", i, 2 + i % 2));
            signals.add(submitted("list", i, 200 + i % 7)); // and a list owner two hundred
        }
        long attack = bucketEnd(20) - 9 * MIN;
        for (int i = 0; i < 3; i++) { // three failures for info, two for alice (a mistyped password), three for list
            signals.add(userFailure("info", attack + i * 1000));
            signals.add(userFailure("list", attack + i * 1000));
            if (i < 2) {
                signals.add(userFailure("alice", attack + i * 1000));
            }
        }
        signals.add(submitted("info", 20, 120)); // then a flood
        signals.add(submitted("info", 21, 150));
        signals.add(submitted("info", 22, 3));
        signals.add(submitted("alice", 20, 120)); // alice's newsletter
        signals.add(submitted("list", 20, 230)); // the list owner's usual
        List<Alert> out = run(signals, bucketEnd(25), Duration.ofDays(8).toMillis());
        assertThat(out)
                .extracting(a -> a.rule + " " + a.status + " " + a.key + " " + a.count)
                .containsExactly(
                        "sasl.volume-after-attack open info 120",
                        "sasl.volume-after-attack update info 270",
                        "sasl.volume-after-attack resolved info 270");
        assertThat(out.get(0).sample)
                .isEqualTo("120 messages in 10 minutes after 3 failed AUTH for the name, usually 2.5");
        assertThat(out.get(2).end).isEqualTo(bucketEnd(22));
    }
    /**
     * A savepoint taken mid-incident, while signals wait for the watermark, a rate baseline is warm
     * and a host is silent: the restored operator goes on to the same records as one never stopped.
     */
    @Test
    void restoredMidIncidentItGoesOnAsIfNeverStopped() throws Exception {
        List<Signal> signals = new ArrayList<>();
        for (int i = 0; i < 14; i++) { // a rate limit from 10 refusals on, resolved by quiet
            signals.add(rateLimit(i % 2 == 0 ? "mx1" : "mx2", T0 + i * 2 * MIN));
        }
        for (int i = 0; i < 12; i++) {
            signals.add(saslFailure("mx" + (i % 3), T0 + 5 * MIN + i * 20_000, "user" + (i % 3)));
        }
        signals.addAll(usualDay("rate-host|mx1", 30, 100));
        // after the restore: the baseline the savepoint carried is warm by then
        replace(signals, "rate-host|mx1", 20, new Signal.Tally("rate-host|mx1", "mx1", bucketEnd(20), 100, 0, 50));
        signals.addAll(seen("mx1", T0, T0 + 300 * MIN));
        signals.addAll(seen("mx2", T0, T0 + 40 * MIN));
        signals.addAll(seen("mx2", T0 + 120 * MIN, T0 + 300 * MIN));
        signals.sort(java.util.Comparator.comparingLong(Signal::time));
        long cut = T0 + 75 * MIN; // mx2 silent, the rate limit open, the rate baseline half warm
        long end = T0 + 300 * MIN;

        var whole = harness();
        for (Signal s : signals) {
            whole.processElement(s, s.time());
            whole.processWatermark(s.time() - MIN);
        }
        whole.processWatermark(end);
        List<String> expected = describe(whole.extractOutputValues());
        whole.close();

        var first = harness();
        int i = 0;
        for (; i < signals.size() && signals.get(i).time() <= cut; i++) {
            first.processElement(signals.get(i), signals.get(i).time());
            first.processWatermark(signals.get(i).time() - MIN);
        }
        var snapshot = first.snapshot(1, 1);
        List<String> got = new ArrayList<>(describe(first.extractOutputValues()));
        first.close();
        var restored = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new IncidentFunction(SETTINGS)), Signal::scope, Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        for (; i < signals.size(); i++) {
            restored.processElement(signals.get(i), signals.get(i).time());
            restored.processWatermark(signals.get(i).time() - MIN);
        }
        restored.processWatermark(end);
        got.addAll(describe(restored.extractOutputValues()));
        restored.close();
        assertThat(got).isEqualTo(expected);
        assertThat(expected)
                .anyMatch(a -> a.startsWith("host.silent open mx2"))
                .anyMatch(a -> a.startsWith("host.silent resolved mx2"))
                .anyMatch(a -> a.startsWith("sasl.brute-force resolved"))
                .anyMatch(a -> a.startsWith("host.bounce-rate open mx1"));
    }

    private static List<String> describe(List<Alert> alerts) {
        return alerts.stream()
                .map(a -> a.rule + " " + a.status + " " + a.key + " " + a.start + " " + a.time + " " + a.end + " "
                        + a.hosts + " " + a.count + " " + a.revision + " " + a.sample)
                .toList();
    }
}
