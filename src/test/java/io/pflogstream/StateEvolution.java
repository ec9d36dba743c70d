package io.pflogstream;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * A state type as an earlier build serialized it, restored by this build the way Flink restores a
 * savepoint: the earlier serializer's snapshot is written and read back, this build's serializer
 * judges it, and what it calls compatible is read with the restore serializer. The earlier build's
 * POJO is this one's class with some fields missing, or with a field of another kind: what Flink
 * records about a POJO in a savepoint is its field names and each field's serializer.
 */
public final class StateEvolution {
    private static final SerializerConfig CONFIG = new SerializerConfigImpl();

    private StateEvolution() {}

    /** What this build makes of state written by the earlier serializer. */
    public record Restored<T>(TypeSerializerSchemaCompatibility<T> compatibility, List<T> values) {}

    /** This build's serializer of a state type. */
    public static <T> TypeSerializer<T> current(Class<T> type) {
        return TypeInformation.of(type).createSerializer(CONFIG);
    }

    /** The serializer of a build whose class lacked {@code fields} (this build added them). */
    public static <T> PojoSerializer<T> without(Class<T> type, Set<String> fields) {
        return earlier(type, fields, null, null);
    }

    /** The serializer of a build whose field {@code name} was written by {@code serializer}. */
    public static <T> PojoSerializer<T> withFieldAs(Class<T> type, String name, TypeSerializer<?> serializer) {
        return earlier(type, Set.of(), name, serializer);
    }

    /** Both: a build that lacked {@code fields} and wrote {@code name} with {@code serializer}. */
    public static <T> PojoSerializer<T> withoutAndFieldAs(
            Class<T> type, Set<String> fields, String name, TypeSerializer<?> serializer) {
        return earlier(type, fields, name, serializer);
    }

    private static <T> PojoSerializer<T> earlier(
            Class<T> type, Set<String> missing, String changed, TypeSerializer<?> changedSerializer) {
        PojoTypeInfo<T> info = (PojoTypeInfo<T>) TypeInformation.of(type);
        List<Field> fields = new ArrayList<>();
        List<TypeSerializer<?>> serializers = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < info.getArity(); i++) {
            PojoField f = info.getPojoFieldAt(i);
            String name = f.getField().getName();
            seen.add(name);
            if (missing.contains(name)) {
                continue;
            }
            fields.add(f.getField());
            serializers.add(
                    name.equals(changed)
                            ? changedSerializer
                            : f.getTypeInformation().createSerializer(CONFIG));
        }
        if (!seen.containsAll(missing) || (changed != null && !seen.contains(changed))) {
            throw new IllegalArgumentException(type + " has no POJO fields " + missing + " " + changed + ": " + seen);
        }
        return new PojoSerializer<>(
                type, serializers.toArray(new TypeSerializer<?>[0]), fields.toArray(new Field[0]), CONFIG);
    }

    /** Writes {@code values} and the serializer's snapshot as a savepoint would, and restores them. */
    public static <T> Restored<T> restore(TypeSerializer<T> earlier, Class<T> type, List<T> values) throws Exception {
        DataOutputSerializer state = new DataOutputSerializer(1024);
        for (T v : values) {
            earlier.serialize(v, state);
        }
        DataOutputSerializer snapshotBytes = new DataOutputSerializer(1024);
        TypeSerializerSnapshot.writeVersionedSnapshot(snapshotBytes, earlier.snapshotConfiguration());

        TypeSerializerSnapshot<T> written = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snapshotBytes.getCopyOfBuffer()), StateEvolution.class.getClassLoader());
        TypeSerializerSchemaCompatibility<T> compatibility =
                current(type).snapshotConfiguration().resolveSchemaCompatibility(written);
        List<T> restored = new ArrayList<>();
        if (!compatibility.isIncompatible()) {
            TypeSerializer<T> reader = written.restoreSerializer();
            DataInputDeserializer in = new DataInputDeserializer(state.getCopyOfBuffer());
            for (int i = 0; i < values.size(); i++) {
                restored.add(reader.deserialize(in));
            }
        }
        return new Restored<>(compatibility, restored);
    }
}
