package io.pflogstream.config;

import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything one run of the dataflow is told, in three parts by what each is for: how lines are
 * read ({@link ReadOptions}), what the report prints and counts ({@link PrintOptions}), how the
 * pipeline runs ({@link PipelineOptions}). Each stage takes the part it needs; all three are built
 * here, by one builder whose methods are named after pflogsumm's options.
 */
public record ReportOptions(ReadOptions read, PrintOptions print, PipelineOptions pipeline) implements Serializable {

    /**
     * Longer lines are dead letters (with a truncated copy): syslog daemons cut records at 8 KB
     * (rsyslog), 48 KB (journald) or 64 KB (syslog-ng), so a longer line is not one Postfix wrote.
     */
    public static final int DEFAULT_MAX_LINE_LENGTH = 64 * 1024;
    /** Enough to spread a fleet's tables over the subtasks of a few TaskManagers. */
    public static final int DEFAULT_FLEET_SHARDS = 8;
    /** A shard is a key: more than the job's key groups (pipeline.max-parallelism) cannot spread further. */
    public static final int MAX_FLEET_SHARDS = 128;
    /** Rows per table and order the fleet's summaries keep (its reports print "top 1000"). */
    public static final int DEFAULT_FLEET_ROWS = 1000;

    /** pflogsumm's defaults, with the clock at {@code today}. */
    public static Builder builder(LocalDate today) {
        return new Builder(today);
    }

    public static ReportOptions defaults(LocalDate today) {
        return builder(today).build();
    }

    /** The same reading and printing, run as {@code pipeline} says. */
    public ReportOptions withPipeline(PipelineOptions pipeline) {
        return new ReportOptions(read, print, pipeline);
    }

    /** These options, printing the delay percentiles the pipeline keeps (the HTML day reports). */
    public ReportOptions printingKeptDelays() {
        PrintOptions p = print;
        return new ReportOptions(
                read,
                new PrintOptions(
                        p.hostLimit(),
                        p.userLimit(),
                        p.bounceDetail(),
                        p.deferralDetail(),
                        p.rejectDetail(),
                        p.smtpDetail(),
                        p.smtpdWarningDetail(),
                        p.messageDetail(),
                        p.quiet(),
                        p.problemsFirst(),
                        p.isoDateTime(),
                        p.zeroFill(),
                        p.smtpdStats(),
                        p.noNoMsgSize(),
                        p.colWidth(),
                        p.postscreenStats(),
                        p.postscreenDetail(),
                        p.exact(),
                        pipeline.delayPercentiles()),
                pipeline);
    }

    public static final class Builder {
        private LocalDate today;
        private YearRule yearRule = YearRule.PFLOGSUMM;
        private List<String> syslogNames = List.of();
        private boolean verboseMsgDetail;
        private boolean ignoreCase;
        private boolean uucpMung;
        private Integer verpMung;
        private boolean rejectAddFrom;
        private boolean noNoMsgSize;
        private String dayFilter;
        private int hostLimit = -1;
        private int userLimit = -1;
        private int bounceDetail = -1;
        private int deferralDetail = -1;
        private int rejectDetail = -1;
        private int smtpDetail = -1;
        private int smtpdWarningDetail = -1;
        private boolean messageDetail;
        private boolean quiet;
        private boolean problemsFirst;
        private boolean isoDateTime;
        private boolean zeroFill;
        private boolean smtpdStats;
        // a bit longer than Postfix's default maximal_queue_lifetime of 5 days
        private Duration messageTtl = Duration.ofDays(6);
        /**
         * pflogsumm never forgets a queue ID: one Postfix reuses after {@code removed} inherits the
         * old size and deferral flag, and its own sender and size go uncounted. False (the default)
         * reproduces that; true forgets a message at {@code removed} (the right count).
         */
        private boolean forgetRemovedMessages;
        /**
         * null: no watermark until the input ends, so any line order gives pflogsumm's numbers
         * (it never forgets a queue ID); a duration bounds memory on huge inputs instead.
         */
        private Duration maxOutOfOrderness;

        private Duration allowedLateness = Duration.ZERO;
        /** Late lines within this much processing time make one revision of their window, not one each. */
        private Duration lateRevisionDelay = Duration.ZERO;

        private int fleetShards = DEFAULT_FLEET_SHARDS;
        private int fleetRows = DEFAULT_FLEET_ROWS;
        private boolean keepDelayPercentiles;
        private boolean printDelayPercentiles;

        private boolean reorderByEventTime;
        private boolean lifecycleRecords;
        private boolean sourceAssignsEventTime;
        private boolean daysStandAlone;
        private java.time.ZoneId timeZone;
        private boolean exact;
        private Integer year;
        private LocalDate dateFrom;
        private LocalDate dateTo;
        private Integer colWidth;
        private boolean srsMung;
        private boolean useOrigTo;
        private boolean rejectAddTo;
        private boolean postscreenStats;
        private int postscreenDetail = -1;
        private int maxLineLength = DEFAULT_MAX_LINE_LENGTH;

        private Builder(LocalDate today) {
            this.today = today;
        }

        public Builder today(LocalDate v) {
            today = v;
            return this;
        }

        public Builder yearRule(YearRule v) {
            yearRule = v;
            return this;
        }

        public Builder syslogNames(List<String> v) {
            syslogNames = List.copyOf(v);
            return this;
        }

        public Builder verboseMsgDetail(boolean v) {
            verboseMsgDetail = v;
            return this;
        }

        public Builder ignoreCase(boolean v) {
            ignoreCase = v;
            return this;
        }

        public Builder uucpMung(boolean v) {
            uucpMung = v;
            return this;
        }

        public Builder verpMung(Integer v) {
            verpMung = v;
            return this;
        }

        public Builder rejectAddFrom(boolean v) {
            rejectAddFrom = v;
            return this;
        }

        public Builder noNoMsgSize(boolean v) {
            noNoMsgSize = v;
            return this;
        }

        public Builder dayFilter(String v) {
            dayFilter = v;
            return this;
        }

        public Builder hostLimit(int v) {
            hostLimit = v;
            return this;
        }

        public Builder userLimit(int v) {
            userLimit = v;
            return this;
        }

        public Builder bounceDetail(int v) {
            bounceDetail = v;
            return this;
        }

        public Builder deferralDetail(int v) {
            deferralDetail = v;
            return this;
        }

        public Builder rejectDetail(int v) {
            rejectDetail = v;
            return this;
        }

        public Builder smtpDetail(int v) {
            smtpDetail = v;
            return this;
        }

        public Builder smtpdWarningDetail(int v) {
            smtpdWarningDetail = v;
            return this;
        }

        public Builder messageDetail(boolean v) {
            messageDetail = v;
            return this;
        }

        public Builder quiet(boolean v) {
            quiet = v;
            return this;
        }

        public Builder problemsFirst(boolean v) {
            problemsFirst = v;
            return this;
        }

        public Builder isoDateTime(boolean v) {
            isoDateTime = v;
            return this;
        }

        public Builder zeroFill(boolean v) {
            zeroFill = v;
            return this;
        }

        public Builder smtpdStats(boolean v) {
            smtpdStats = v;
            return this;
        }

        public Builder messageTtl(Duration v) {
            messageTtl = v;
            return this;
        }

        public Builder forgetRemovedMessages(boolean v) {
            forgetRemovedMessages = v;
            return this;
        }

        public Builder maxOutOfOrderness(Duration v) {
            maxOutOfOrderness = v;
            return this;
        }
        /** How long after a window closed a late line still revises it (streaming). */
        public Builder allowedLateness(Duration v) {
            allowedLateness = v;
            return this;
        }

        public Builder fleetShards(int v) {
            if (v < 1 || v > MAX_FLEET_SHARDS) {
                throw new IllegalArgumentException("fleet shards must be 1 to " + MAX_FLEET_SHARDS + ": " + v);
            }
            fleetShards = v;
            return this;
        }

        /** Keep the delivery delays' sketches (the summary records' percentiles). */
        public Builder keepDelayPercentiles(boolean v) {
            keepDelayPercentiles = v;
            return this;
        }

        /** Print the delay percentiles in the report (and so keep them). */
        public Builder printDelayPercentiles(boolean v) {
            printDelayPercentiles = v;
            return this;
        }

        /** 0 keeps every row of the fleet's tables. */
        public Builder fleetRows(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("fleet rows must not be negative: " + v);
            }
            fleetRows = v;
            return this;
        }

        public Builder lateRevisionDelay(Duration v) {
            lateRevisionDelay = v;
            return this;
        }
        /**
         * Streaming: a message's lines may arrive out of order across partitions, so the lifecycle
         * operator buffers them until the watermark and replays them in time order.
         */
        public Builder reorderByEventTime(boolean v) {
            reorderByEventTime = v;
            return this;
        }
        /** Emit one record per completed message lifecycle (for the SIEM topic). */
        public Builder lifecycleRecords(boolean v) {
            lifecycleRecords = v;
            return this;
        }
        /** The source already stamps event times and emits watermarks (per Kafka partition). */
        public Builder sourceAssignsEventTime(boolean v) {
            sourceAssignsEventTime = v;
            return this;
        }
        /**
         * Each day's numbers are what pflogsumm reports for that day's lines alone: what a message
         * logged on an earlier day (its size, its client, an earlier deferral) is not carried into
         * the day's counts, nor is an smtpd connection that crossed midnight. The day reports of
         * the streaming job need this; a whole-run report does not.
         */
        public Builder daysStandAlone(boolean v) {
            daysStandAlone = v;
            return this;
        }
        /**
         * The clock hours and days are counted on: RFC 3339 stamps are converted to this zone.
         * Null (pflogsumm's way) keeps every stamp's wall clock as written; traditional stamps
         * carry no zone and are always taken as written.
         */
        public Builder timeZone(java.time.ZoneId v) {
            timeZone = v;
            return this;
        }
        /**
         * The corrected mode: averages over the number of distinct days, fractional per-hour
         * averages, RFC 3339 years honoured, traditional stamps dated per host so that a log running
         * from December into January keeps its years apart, a message forgotten at {@code removed}.
         */
        public Builder exact(boolean v) {
            exact = v;
            if (v) {
                yearRule = YearRule.HONOUR_RFC3339;
                forgetRemovedMessages = true;
            }
            return this;
        }
        /** The year of the first traditional stamp (of each host); later ones roll over at January. */
        public Builder year(Integer v) {
            year = v;
            return this;
        }
        /** Only lines dated from..to (inclusive) count: {@code -d YYYY-MM-DD[:YYYY-MM-DD]} and week/month ranges. */
        public Builder dateRange(LocalDate from, LocalDate to) {
            dateFrom = from;
            dateTo = to;
            return this;
        }
        /** Report lines longer than this are cut, ending in "..." (pflogsumm 1.1.6+ --colwidth). */
        public Builder colWidth(Integer v) {
            colWidth = v;
            return this;
        }
        /** Sender Rewriting Scheme addresses (SRS0=hash=tt=domain=user@forwarder) shown as user@domain. */
        public Builder srsMung(boolean v) {
            srsMung = v;
            return this;
        }
        /** Recipients counted under their original address (orig_to=) when Postfix logs one. */
        public Builder useOrigTo(boolean v) {
            useOrigTo = v;
            return this;
        }
        /** Reject detail rows also name the recipient, as --rej-add-from names the sender. */
        public Builder rejectAddTo(boolean v) {
            rejectAddTo = v;
            return this;
        }
        /** A postscreen section: verdict counts, and with a detail limit the clients behind each. */
        public Builder postscreenStats(boolean v) {
            postscreenStats = v;
            return this;
        }

        public Builder postscreenDetail(int v) {
            postscreenDetail = v;
            return this;
        }
        /** Lines longer than this many bytes become dead letters. */
        public Builder maxLineLength(int v) {
            maxLineLength = v;
            return this;
        }

        /** pflogsumm's {@code --detail N}: every limit not given explicitly becomes N. */
        public Builder detail(int n) {
            if (hostLimit == -1) hostLimit = n;
            if (userLimit == -1) userLimit = n;
            if (bounceDetail == -1) bounceDetail = n;
            if (deferralDetail == -1) deferralDetail = n;
            if (smtpDetail == -1) smtpDetail = n;
            if (smtpdWarningDetail == -1) smtpdWarningDetail = n;
            if (rejectDetail == -1) rejectDetail = n;
            return this;
        }

        public ReportOptions build() {
            ReadOptions read = new ReadOptions(
                    today,
                    yearRule,
                    year,
                    timeZone,
                    syslogNames,
                    dayFilter,
                    dateFrom,
                    dateTo,
                    maxLineLength,
                    year != null || exact,
                    verboseMsgDetail,
                    ignoreCase,
                    uucpMung,
                    verpMung,
                    srsMung,
                    useOrigTo,
                    rejectAddFrom,
                    rejectAddTo,
                    deferralDetail != 0,
                    bounceDetail != 0,
                    smtpDetail != 0);
            PrintOptions print = new PrintOptions(
                    hostLimit,
                    userLimit,
                    bounceDetail,
                    deferralDetail,
                    rejectDetail,
                    smtpDetail,
                    smtpdWarningDetail,
                    messageDetail,
                    quiet,
                    problemsFirst,
                    isoDateTime,
                    zeroFill,
                    smtpdStats,
                    noNoMsgSize,
                    colWidth,
                    postscreenStats,
                    postscreenDetail,
                    exact,
                    printDelayPercentiles);
            PipelineOptions pipeline = new PipelineOptions(
                    messageTtl,
                    forgetRemovedMessages,
                    maxOutOfOrderness,
                    allowedLateness,
                    lateRevisionDelay,
                    reorderByEventTime,
                    lifecycleRecords,
                    sourceAssignsEventTime,
                    daysStandAlone,
                    fleetShards,
                    fleetRows,
                    keepDelayPercentiles || printDelayPercentiles);
            return new ReportOptions(read, print, pipeline);
        }
    }
}
