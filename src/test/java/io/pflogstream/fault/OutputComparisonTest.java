package io.pflogstream.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.fault.OutputComparison.Published;
import io.pflogstream.fault.OutputComparison.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fault test's verdict must be able to fail: each kind of damage is seen and counted. */
class OutputComparisonTest {
    private static final List<Published> REFERENCE = List.of(
            new Published("mx1|hour|2026-11-20T00:00:00", 1, "{\"received\":3}"),
            new Published("mx1|hour|2026-11-20T01:00:00", 1, "{\"received\":5}"),
            new Published("fleet|day|2026-11-20T00:00:00", 1, "{\"received\":8}"));

    @Test
    void identicalOutputsPass() {
        assertThat(OutputComparison.compare(REFERENCE, REFERENCE)).isEqualTo(new Verdict(0, 0, 0, 3, 3));
    }

    @Test
    void aMissingTableIsLost() {
        assertThat(OutputComparison.compare(REFERENCE, REFERENCE.subList(0, 2)).lost())
                .isEqualTo(1);
    }

    @Test
    void aRecordPublishedTwiceIsADuplicate() {
        var twice = new java.util.ArrayList<>(REFERENCE);
        twice.add(REFERENCE.get(1));
        Verdict v = OutputComparison.compare(REFERENCE, twice);
        assertThat(v.duplicated()).isEqualTo(1);
        assertThat(v.lost() + v.mismatched()).isZero();
    }

    @Test
    void theFinalRevisionIsWhatCounts() {
        // a late line re-emitted the hour with revision 2: different content, not a duplicate
        var revised = List.of(
                REFERENCE.get(0),
                new Published("mx1|hour|2026-11-20T01:00:00", 1, "{\"received\":4}"),
                new Published("mx1|hour|2026-11-20T01:00:00", 2, "{\"received\":5}"),
                REFERENCE.get(2));
        assertThat(OutputComparison.compare(REFERENCE, revised)).isEqualTo(new Verdict(0, 0, 0, 3, 4));
        var wrong = List.of(
                REFERENCE.get(0),
                new Published("mx1|hour|2026-11-20T01:00:00", 1, "{\"received\":4}"),
                REFERENCE.get(2));
        assertThat(OutputComparison.compare(REFERENCE, wrong).mismatched()).isEqualTo(1);
    }

    @Test
    void eventsAndDeadLettersCountEachRecordAsOftenAsTheReference() {
        List<String> reference = List.of("{\"offset\":1}", "{\"offset\":2}", "{\"a\":1}", "{\"a\":1}");
        assertThat(OutputComparison.compareCounts(reference, reference)).isEqualTo(new Verdict(0, 0, 0, 4, 4));
        // one of two equal events missing, another published twice
        Verdict v = OutputComparison.compareCounts(
                reference, List.of("{\"offset\":1}", "{\"offset\":2}", "{\"offset\":2}", "{\"a\":1}"));
        assertThat(v.lost()).isEqualTo(1);
        assertThat(v.duplicated()).isEqualTo(1);
    }

    @Test
    void fieldsTheOldBuildDidNotWriteAreLeftOutAtAnyDepth() throws Exception {
        var json = io.pflogstream.io.Json.mapper()
                .readTree("{\"totals\":{\"delivered\":2},\"delays\":{\"all\":{}},"
                        + "\"recipientDomains\":[{\"domain\":\"a.example\",\"sent\":2,\"delays\":{\"total\":{}}}]}");
        OutputComparison.withoutFields(json, List.of("delays"));
        assertThat(json.toString())
                .isEqualTo(
                        "{\"totals\":{\"delivered\":2},\"recipientDomains\":[{\"domain\":\"a.example\",\"sent\":2}]}");
        OutputComparison.withoutFields(json, List.of());
        assertThat(json.toString()).contains("totals");
    }
}
