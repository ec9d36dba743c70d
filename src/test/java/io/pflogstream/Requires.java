package io.pflogstream;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from outside the repository: a Kafka broker, Debian's pflogsumm (the ground
 * truth), the shared corpus and samples in {@code ../shared}, chromium. Tests that need one carry
 * its {@link org.junit.jupiter.api.Tag} and call the matching method here before using it. Under
 * plain {@code mvn test} (an IDE) a missing one skips the test with the reason, listed at the end
 * of the run ({@link SkippedTestsReport}); under {@code scripts/test.sh}, which sets
 * {@value #EVERYTHING} and provides them all, it fails the test: a green CI run cannot hide that
 * the differential or streaming tests did not run.
 */
public final class Requires {
    /** Set to 1 by scripts/test.sh: every requirement must be met. */
    public static final String EVERYTHING = "PFLOGSTREAM_TESTS_REQUIRE_EVERYTHING";

    public static final String KAFKA = "kafka";
    public static final String PFLOGSUMM = "pflogsumm";
    public static final String SHARED_DATA = "shared-data";
    public static final String CHROMIUM = "chromium";

    private Requires() {}

    /** Skips (or, under scripts/test.sh, fails) the test when {@code met} is false. */
    public static void that(boolean met, String missing) {
        if (met) {
            return;
        }
        if ("1".equals(System.getenv(EVERYTHING))) {
            throw new AssertionError(missing + ", and scripts/test.sh requires every test to run");
        }
        Assumptions.abort(missing);
    }

    /**
     * The third-party samples and corpus in ../shared: used when present. scripts/test.sh cannot
     * provide them, so it requires them only when the directory is there (then a test that does
     * not find its file fails, under scripts/test.sh, rather than skip).
     */
    public static void sharedData(boolean met, String missing) {
        if (met) {
            return;
        }
        if (java.nio.file.Files.isDirectory(io.pflogstream.golden.ReportHarness.shared())) {
            that(false, missing);
        }
        Assumptions.abort(missing + " (../shared is not there)");
    }

    public static void pflogsumm() {
        that(
                io.pflogstream.golden.Pflogsumm.available(),
                "pflogsumm 1.1.5 and faketime are not installed (apt-get install pflogsumm libdate-calc-perl faketime)");
    }

    /** A Kafka broker's address, from what scripts/test.sh exports under this name. */
    public static String broker(String variable) {
        String v = System.getenv(variable);
        that(v != null && !v.isBlank(), "no Kafka broker: " + variable + " is not set (scripts/test.sh starts one)");
        return v;
    }
}
