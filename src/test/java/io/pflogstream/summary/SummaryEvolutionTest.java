package io.pflogstream.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.StateEvolution;
import io.pflogstream.config.ReportOptions;
import io.pflogstream.io.SummaryJson;
import io.pflogstream.lifecycle.MessageStage;
import io.pflogstream.lifecycle.MessageState;
import io.pflogstream.report.PflogsummReport;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.java.typeutils.runtime.NullableSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.junit.jupiter.api.Test;

/**
 * The roll-ups keep {@link Summary} values in state, the lifecycle operator {@link MessageState}:
 * Flink's POJO serializer writes them field by field and records the field names and their
 * serializers in the savepoint. A field this build added (the cut tables' counts were added to a
 * Summary of the previous release) is migrated: the rest reads as written, the new field starts
 * empty, and the restored summary merges and prints as before. A field whose kind changed is
 * refused before any state is read; Flink then stops the restore with "The new state serializer
 * ... must not be incompatible with the old state serializer".
 */
class SummaryEvolutionTest {
    /** The fields this release added to Summary: a savepoint of the previous release lacks them. */
    private static final Set<String> ADDED_TO_SUMMARY = Set.of("delays", "providerDelays");

    /** The previous release's summary: without those, and its domain rows without their delays. */
    private static PojoSerializer<Summary> previousRelease() {
        return StateEvolution.withoutAndFieldAs(
                Summary.class,
                ADDED_TO_SUMMARY,
                "recipientDomains",
                // a map field's serializer as Flink's NullableMapTypeInfo makes it
                NullableSerializer.wrap(
                        new MapSerializer<>(
                                NullableSerializer.wrap(StringSerializer.INSTANCE, false),
                                StateEvolution.without(Summary.DomainDelivery.class, Set.of("delays"))),
                        false));
    }

    private static final long HOUR = HostSummary.HOUR;
    private static final long T0 = 1_795_000_000_000L / HOUR * HOUR;

    @Test
    void aSummaryOfThePreviousReleaseIsMigratedAndMergesAsBefore() throws Exception {
        Summary written = sample();
        var restored = StateEvolution.restore(previousRelease(), Summary.class, List.of(written));
        assertThat(restored.compatibility().isCompatibleAfterMigration())
                .as("%s", restored.compatibility())
                .isTrue();
        Summary back = restored.values().get(0);
        assertThat(json(back)).isEqualTo(json(written));
        // the fields added since start empty, never null: the delays of what comes after the upgrade
        assertThat(back.delays.isEmpty()).isTrue();
        assertThat(back.providerDelays).isNotNull().isEmpty();
        assertThat(back.recipientDomains.get("example.net").delays.isEmpty()).isTrue();
        Summary after = new Summary();
        after.delivered(delivery(T0 + 120_000, "example.net", 2.5, "0.1/0.2/0.3/1.9"));
        Summary resumed = new Summary().merge(back).merge(after);
        assertThat(resumed.recipientDomains.get("example.net").sent).isEqualTo(2);
        assertThat(resumed.delays).isEqualTo(after.delays);
        assertThat(resumed.recipientDomains.get("example.net").delays.count()).isEqualTo(1);

        // what the roll-up then does with it: merge another part, cut, publish
        ReportOptions options = ReportOptions.defaults(LocalDate.of(2026, 11, 27));
        Summary merged = new Summary().merge(back).merge(sample());
        assertThat(PflogsummReport.format(merged, options))
                .isEqualTo(PflogsummReport.format(new Summary().merge(written).merge(sample()), options));
        assertThat(merged.keepTop(1).isCut()).isTrue();
    }

    @Test
    void aSummaryFieldOfAnotherKindIsRefused() throws Exception {
        var restored = StateEvolution.restore(
                StateEvolution.withFieldAs(Summary.class, "received", StringSerializer.INSTANCE),
                Summary.class,
                List.<Summary>of());
        assertThat(restored.compatibility().isIncompatible()).isTrue();
    }

    @Test
    void anUnchangedSummaryReadsAsIs() throws Exception {
        var restored = StateEvolution.restore(StateEvolution.current(Summary.class), Summary.class, List.of(sample()));
        assertThat(restored.compatibility().isCompatibleAsIs()).isTrue();
        assertThat(json(restored.values().get(0))).isEqualTo(json(sample()));
    }

    @Test
    void aMessageStateWithoutAFieldAddedLaterIsMigrated() throws Exception {
        MessageState state = new MessageState();
        state.setStage(MessageStage.QUEUED);
        state.setSize(2048);
        state.setSender("alice@example.com");
        var restored = StateEvolution.restore(
                StateEvolution.without(MessageState.class, Set.of("saslUser", "recipients")),
                MessageState.class,
                List.of(state));
        assertThat(restored.compatibility().isCompatibleAfterMigration()).isTrue();
        MessageState back = restored.values().get(0);
        assertThat(back.getStage()).isEqualTo(MessageStage.QUEUED);
        assertThat(back.getSize()).isEqualTo(2048);
        assertThat(back.getSender()).isEqualTo("alice@example.com");
        assertThat(back.getSaslUser()).isNull();
    }

    @Test
    void aMessageStateFieldOfAnotherKindIsRefused() throws Exception {
        var restored = StateEvolution.restore(
                StateEvolution.withFieldAs(MessageState.class, "size", StringSerializer.INSTANCE),
                MessageState.class,
                List.<MessageState>of());
        assertThat(restored.compatibility().isIncompatible()).isTrue();
    }

    /** A summary with rows in its tables and a cut one's counts. */
    private static Summary sample() {
        Summary s = new Summary();
        s.received(T0 + 60_000);
        s.senderCounted("alice@example.com", "example.com", 1200);
        s.senderCounted("bob@example.org", "example.org", 800);
        s.senderCounted("alice@example.com", "example.com", 300);
        s.delivered(delivery(T0 + 90_000, "example.net", 0.4, null));
        s.postscreen("PASS NEW", "192.0.2.7");
        s.smtpFailure("lost connection", "mx.example.net");
        s.master("daemon started");
        return s;
    }

    /** A delivery as the previous release's lifecycle sent it: without a provider or delays. */
    private static ReportFact.RecipientDelivered delivery(long time, String domain, double delay, String delays) {
        return new ReportFact.RecipientDelivered(
                time, time, "Q" + time, "bob@" + domain, domain, delay, 900, true, delays == null ? null : "", delays);
    }

    private static String json(Summary s) {
        return SummaryJson.toJson(new HostSummary("mail", T0, T0 + HOUR, 1, s)).toString();
    }
}
