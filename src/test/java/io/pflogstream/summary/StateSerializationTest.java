package io.pflogstream.summary;

import io.pflogstream.lifecycle.MessageState;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** Everything kept in keyed or window state is a Flink POJO: no Kryo fallback, schema evolution works. */
class StateSerializationTest {
    @Test
    void messageStateIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(MessageState.class);
    }

    @Test
    void summaryIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Summary.class);
    }

    @Test
    void hostSummaryIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(HostSummary.class);
    }
}
