package io.pflogstream.summary;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.util.Collector;

/**
 * How the fleet roll-ups spread out. Every host's part is cut into {@code shards} slices by a hash
 * of each table's row key ({@link Summary#slice}); slice i of every host goes to the key
 * "fleet#i|windowStart", so a fleet window's rows are spread over up to {@code shards} subtasks
 * while it is open. When it closes, each shard publishes its merged slice, and one merge per window
 * ("fleet|windowStart") adds the shards' slices up: the whole table is held in one place only from
 * the window's close until its lateness has passed.
 */
public final class FleetShards {
    private FleetShards() {}

    /** A host's part → its slices, named "host#shard" so that each stays a part of its own. */
    public static FlatMapFunction<HostSummary, HostSummary> split(int shards) {
        return (part, out) -> emitSlices(part, shards, out);
    }

    private static void emitSlices(HostSummary part, int shards, Collector<HostSummary> out) {
        for (int i = 0; i < shards; i++) {
            out.collect(new HostSummary(
                    part.host() + '#' + i,
                    part.start(),
                    part.end(),
                    part.revision(),
                    part.summary().slice(i, shards)));
        }
    }

    /** The shard's key a slice rolls up into: "fleet#shard|windowStart". */
    public static KeySelector<HostSummary, String> shardKey(long size) {
        return slice -> {
            String name = slice.host();
            return HostSummary.FLEET
                    + name.substring(name.lastIndexOf('#'))
                    + '|'
                    + Math.floorDiv(slice.start(), size) * size;
        };
    }
}
