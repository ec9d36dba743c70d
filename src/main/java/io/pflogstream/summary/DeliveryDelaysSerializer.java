package io.pflogstream.summary;

import io.pflogstream.serde.OpaqueTypeInfo;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes {@link DeliveryDelays} in state: per stage a flag, its exact maximum and the sketch in
 * DDSketch's own encoding (bins by index, counts as varints), so a savepoint holds no Kryo and no
 * Java serialization. The format's version is the snapshot's: a later change reads this one.
 */
public final class DeliveryDelaysSerializer extends TypeSerializerSingleton<DeliveryDelays> {
    public static final DeliveryDelaysSerializer INSTANCE = new DeliveryDelaysSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public DeliveryDelays createInstance() {
        return new DeliveryDelays();
    }

    @Override
    public DeliveryDelays copy(DeliveryDelays from) {
        return from.copy();
    }

    @Override
    public DeliveryDelays copy(DeliveryDelays from, DeliveryDelays reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(DeliveryDelays d, DataOutputView out) throws IOException {
        out.writeByte(d.sketches.length);
        for (int i = 0; i < d.sketches.length; i++) {
            out.writeBoolean(d.sketches[i] != null);
            if (d.sketches[i] != null) {
                out.writeDouble(d.max[i]);
                byte[] bytes = DeliveryDelays.encode(d.sketches[i]);
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    @Override
    public DeliveryDelays deserialize(DataInputView in) throws IOException {
        DeliveryDelays d = new DeliveryDelays();
        int stages = in.readUnsignedByte();
        for (int i = 0; i < stages; i++) {
            if (!in.readBoolean()) {
                continue;
            }
            double max = in.readDouble();
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            if (i < d.sketches.length) { // a stage a later build added and this one lacks is skipped
                d.max[i] = max;
                d.sketches[i] = DeliveryDelays.decode(bytes);
            }
        }
        return d;
    }

    @Override
    public DeliveryDelays deserialize(DeliveryDelays reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<DeliveryDelays> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores this serializer from a savepoint (Flink instantiates it by its no-argument constructor). */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<DeliveryDelays> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    /** Flink's type information for {@link DeliveryDelays}: this serializer, wherever the type is held. */
    public static final class Info extends OpaqueTypeInfo<DeliveryDelays> {
        public Info() {
            super(DeliveryDelays.class);
        }

        @Override
        public TypeSerializer<DeliveryDelays> createSerializer(SerializerConfig config) {
            return INSTANCE;
        }

        /** For {@code @TypeInfo} on {@link DeliveryDelays}. */
        public static final class Factory extends TypeInfoFactory<DeliveryDelays> {
            @Override
            public TypeInformation<DeliveryDelays> createTypeInfo(Type t, Map<String, TypeInformation<?>> params) {
                return new Info();
            }
        }
    }
}
