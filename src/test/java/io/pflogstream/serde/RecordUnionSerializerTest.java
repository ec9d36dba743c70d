package io.pflogstream.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.pflogstream.postfix.DeliveryStatus;
import io.pflogstream.postfix.Origin;
import io.pflogstream.postfix.PolicyAction;
import io.pflogstream.postfix.PostfixEvent;
import io.pflogstream.summary.HostFact;
import io.pflogstream.summary.ReportFact;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class RecordUnionSerializerTest {
    private static final Origin ORIGIN = new Origin("mail", 42, 1_795_000_000_000L, "smtp");

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(RecordUnionTypeInfo.class);
        TypeSerializer<T> serializer = info.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        T back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        // and through a restored snapshot, as after a savepoint
        TypeSerializer<T> restored = serializer.snapshotConfiguration().restoreSerializer();
        assertThat(restored.deserialize(new DataInputDeserializer(out.getCopyOfBuffer())))
                .isEqualTo(value);
        return back;
    }

    @Test
    void everyKindOfComponentSurvives() throws Exception {
        List<PostfixEvent> events = List.of(
                new PostfixEvent.Delivery(
                        ORIGIN,
                        "ABC",
                        "bob@example.com",
                        null,
                        "mx[1.2.3.4]:25",
                        0.15,
                        "2.0.0",
                        DeliveryStatus.SENT,
                        false,
                        null,
                        "0/0/0.1/0.05",
                        "250 ok"),
                new PostfixEvent.PolicyDecision(
                        ORIGIN, PolicyAction.REJECT, "RCPT", "Relay access denied", "example.net", "..."),
                new PostfixEvent.DaemonProblem(ORIGIN, null, "text", "line"),
                new PostfixEvent.QueueEntry(ORIGIN, "ABC", "from=<>", 12345, 3),
                new PostfixEvent.NewDay(ORIGIN));
        for (PostfixEvent e : events) {
            assertThat(roundTrip(PostfixEvent.class, e)).isEqualTo(e);
        }
        PostfixEvent.MessageEvent removed = new PostfixEvent.Removed(ORIGIN, "ABC");
        assertThat(roundTrip(PostfixEvent.MessageEvent.class, removed)).isEqualTo(removed);
        HostFact fact =
                new HostFact("mx1", new ReportFact.RecipientDeferred(5, "smtp", "refused", "down.example", 1.5, true));
        assertThat(roundTrip(HostFact.class, fact)).isEqualTo(fact);
    }
}
