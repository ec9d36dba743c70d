package io.pflogstream.golden;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TiedRowsTest {
    // pflogsumm sorts these by count, then by normalize_host of the text: "Subject:" for both rows
    private static final String HOLDS = """

            message hold detail
            -------------------
              cleanup
                header (total: 3)
                       2   Subject: Quarterly figures
                       1   Subject: Zebra
                       1   Subject: Apples
            """;

    @Test
    void rowsTiedOnCountAndHostAreOrderedTheSameWayOnBothSides() {
        String swapped = HOLDS.replace(
                "1   Subject: Zebra\n           1   Subject: Apples",
                "1   Subject: Apples\n           1   Subject: Zebra");
        assertThat(swapped).isNotEqualTo(HOLDS);
        assertThat(TiedRows.canonical(swapped)).isEqualTo(TiedRows.canonical(HOLDS));
    }

    @Test
    void aDifferentCountIsStillADifference() {
        String changed = HOLDS.replace("2   Subject: Quarterly", "3   Subject: Quarterly");
        assertThat(TiedRows.canonical(changed)).isNotEqualTo(TiedRows.canonical(HOLDS));
    }

    @Test
    void rowsOrderedByHostNameAreNotTies() {
        String senders = """

                Senders by message count
                ------------------------
                      1   amy@b.example
                      1   zed@b.example
                """;
        String swapped = senders.replace("amy@b.example\n      1   zed", "zed@b.example\n      1   amy");
        assertThat(TiedRows.canonical(swapped)).isNotEqualTo(TiedRows.canonical(senders));
    }

    @Test
    void hostRowsWithOtherCountsOrSizesKeepTheirOrder() {
        String report = """

                Host/Domain Summary: Messages Received\s
                ---------------------------------------
                 msg cnt   bytes   host/domain
                 -------- -------  -----------
                      2      300   b.example
                      2      100   a.example
                """;
        String reordered = report.replace(
                "      2      300   b.example\n      2      100   a.example",
                "      2      100   a.example\n      2      300   b.example");
        assertThat(TiedRows.canonical(reordered)).isNotEqualTo(TiedRows.canonical(report));
    }

    @Test
    void nestedDetailRowsTiedAtTheCutAreComparedByCount() {
        String ours = """

                message bounce detail (by relay)
                --------------------------------
                  mx.example[192.0.2.1]:25 (top 2) (total: 5)
                         3   host said: 550 user unknown <a@example>
                         1   host said: 550 user unknown <b@example>
                """;
        String theirs = ours.replace("<b@example>", "<c@example>");
        assertThat(TiedRows.canonical(ours)).isEqualTo(TiedRows.canonical(theirs));
        assertThat(TiedRows.canonical(ours.replace(" (top 2)", "")))
                .isNotEqualTo(TiedRows.canonical(theirs.replace(" (top 2)", "")));
    }

    @Test
    void underATopNLimitOnlyTheCountsOfTiedRowsAtTheCutAreCompared() {
        String ours = """

                Host/Domain Summary: Messages Received (top 2)
                ----------------------------------------------
                 msg cnt   bytes   host/domain
                 -------- -------  -----------
                      4      900   a.example
                      1      100   b.example
                """;
        String theirs = ours.replace("b.example", "c.example");
        assertThat(TiedRows.canonical(ours)).isEqualTo(TiedRows.canonical(theirs));
        String unlimited = ours.replace(
                " (top 2)\n----------------------------------------------",
                "\n---------------------------------------");
        assertThat(TiedRows.canonical(unlimited))
                .isNotEqualTo(TiedRows.canonical(unlimited.replace("b.example", "c.example")));
        String fewerBytes = ours.replace("1      100   b.example", "1       90   b.example");
        assertThat(TiedRows.canonical(fewerBytes)).isNotEqualTo(TiedRows.canonical(ours));
    }
}
