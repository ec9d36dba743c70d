package io.pflogstream;

import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of a test run, how many tests did not run and why (a missing broker,
 * pflogsumm, ../shared, ...), so that a run that skipped the differential tests says so where
 * everyone looks, not only in the surefire reports. Registered in META-INF/services.
 */
public final class SkippedTestsReport implements TestExecutionListener {
    private final Map<String, Integer> reasons = new TreeMap<>();

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        reasons.merge(reason, 1, Integer::sum);
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            reasons.merge(result.getThrowable().map(Throwable::getMessage).orElse("aborted"), 1, Integer::sum);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (reasons.isEmpty()) {
            return;
        }
        StringBuilder b =
                new StringBuilder("\npflogstream: tests that did not run (scripts/test.sh provides what they need):\n");
        reasons.forEach((reason, n) -> b.append(String.format("  %4d  %s%n", n, reason)));
        System.out.println(b);
    }
}
