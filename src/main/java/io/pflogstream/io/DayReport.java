package io.pflogstream.io;

import io.pflogstream.config.ReportOptions;
import io.pflogstream.report.PflogsummReport;
import io.pflogstream.summary.HostSummary;
import java.nio.charset.StandardCharsets;

/**
 * pflogsumm's report of one closed day, for one host or the fleet.
 *
 * @param text the whole report, for the report files
 * @param topicText the report as the report topic gets it: the whole one when it fits a record,
 *     else its tables cut to the top rows that fit ("top N" titles, exact grand totals)
 */
public record DayReport(String host, String date, int revision, String text, String topicText) {
    public static DayReport of(HostSummary day, ReportOptions options, RecordLimit limit) {
        String text = PflogsummReport.formatDay(day.summary(), options);
        String topicText = text;
        if (!limit.fits(bytes(text))) {
            for (int rows = SummaryJson.FIRST_CUT; rows >= 1; rows /= 2) {
                topicText =
                        PflogsummReport.formatDay(SummaryJson.cutCopy(day, rows).summary(), options);
                if (limit.fits(bytes(topicText))) {
                    break;
                }
            }
        }
        return new DayReport(
                day.host(), SummaryJson.wallClock(day.start()).substring(0, 10), day.revision(), text, topicText);
    }

    public byte[] topicBytes() {
        return bytes(topicText);
    }

    private static byte[] bytes(String report) {
        return report.getBytes(StandardCharsets.ISO_8859_1);
    }
}
