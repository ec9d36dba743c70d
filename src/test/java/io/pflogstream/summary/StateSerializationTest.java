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

    /** The values inside those: each is read by field name too, so each may gain a field. */
    @Test
    void theirNestedValuesArePojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(io.pflogstream.lifecycle.RecipientOutcome.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Summary.Traffic.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Summary.DomainDelivery.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Summary.Connections.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(SequentialSum.class);
    }

    /** The incident detectors' state and their output. */
    @Test
    void incidentsAndAlertsArePojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(io.pflogstream.alert.Incident.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(io.pflogstream.alert.Alert.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(io.pflogstream.alert.RateBaseline.class);
    }

    @Test
    void hostSummaryIsAPojo() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(HostSummary.class);
    }
}
