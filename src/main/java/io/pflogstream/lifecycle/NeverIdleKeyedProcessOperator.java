package io.pflogstream.lifecycle;

import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * A keyed operator that holds facts back until the watermark passes them (the lifecycle, the smtpd
 * sessions) and whose output never declares itself idle. The hourly windows also read facts straight
 * from the routing stage. When the Kafka partitions went idle and then resume with a burst (a
 * shipper sending what it buffered, a replay), the routing stage's channel becomes active at once
 * and its watermark races hours ahead, while this operator's channel would only become active
 * again once it had worked through its input: the windows would close on the fast channel alone
 * and this operator's facts arrive late. Staying active, its channel keeps holding the windows at
 * its own watermark. The only thing it gives up is the windows' flush to the highest watermark
 * when every input of the whole job is idle at once.
 */
public class NeverIdleKeyedProcessOperator<K, IN, OUT> extends KeyedProcessOperator<K, IN, OUT> {
    public NeverIdleKeyedProcessOperator(KeyedProcessFunction<K, IN, OUT> function) {
        super(function);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (status.isActive()) {
            super.processWatermarkStatus(status);
        }
    }
}
