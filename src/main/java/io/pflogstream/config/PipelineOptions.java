package io.pflogstream.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the dataflow runs: event time, lateness, what the keyed operators remember and for how long,
 * what they publish. The batch report runs with the defaults; the stream job sets them from its
 * command line ({@code StreamJob}). Built by {@link ReportOptions.Builder}.
 *
 * @param messageTtl how long a message that never logs {@code removed} is remembered
 * @param forgetRemovedMessages false (pflogsumm's way): a queue ID Postfix reuses after
 *     {@code removed} inherits the old size and deferral flag; true: forgotten at {@code removed}
 * @param maxOutOfOrderness null: no watermark until the input ends, so any line order gives
 *     pflogsumm's numbers; a duration bounds memory on huge inputs instead
 * @param allowedLateness how long after a window closed a late line still revises it
 * @param lateRevisionDelay late lines within this much processing time make one revision of their
 *     window, not one each (0: one each)
 * @param reorderByEventTime a message's lines may arrive out of order across partitions: the
 *     lifecycle operator buffers them until the watermark and replays them in time order
 * @param lifecycleRecords emit one record per completed message lifecycle (for the SIEM topic)
 * @param sourceAssignsEventTime the source already stamps event times and emits watermarks
 * @param daysStandAlone each day's numbers are what pflogsumm reports for that day's lines alone
 *     (the stream's day reports); a whole-run report carries what a message logged earlier
 * @param fleetShards the fleet roll-ups split every table by a hash of its row key into this many
 *     shards, each its own key (so its own subtask where the parallelism allows), and merge the
 *     shards only when a fleet window is published; fixed for the life of a job's savepoints
 * @param fleetRows the fleet's tables keep their top rows only, this many per table and order, with
 *     exact distinct counts of the rest (0: every row); each shard cuts before the merge, so no
 *     subtask ever holds more than shards × fleetRows rows of a table
 * @param delayPercentiles keep a sketch of every delivery's delays (overall, per provider, per
 *     recipient domain) for the percentiles of the summary records and the report
 */
public record PipelineOptions(
        Duration messageTtl,
        boolean forgetRemovedMessages,
        Duration maxOutOfOrderness,
        Duration allowedLateness,
        Duration lateRevisionDelay,
        boolean reorderByEventTime,
        boolean lifecycleRecords,
        boolean sourceAssignsEventTime,
        boolean daysStandAlone,
        int fleetShards,
        int fleetRows,
        boolean delayPercentiles)
        implements Serializable {}
