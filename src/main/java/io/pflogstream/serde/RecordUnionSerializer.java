package io.pflogstream.serde;

import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * A compact serializer for a sealed hierarchy of records (the Postfix events, the report facts):
 * a tag byte for the record type, then its components in order. Strings use Flink's own string
 * format, enums their ordinal, nested records and sealed interfaces recurse. Kryo, which Flink
 * would otherwise fall back to, spends most of a run's time on these objects.
 */
public final class RecordUnionSerializer<T> extends TypeSerializer<T> {
    private final Class<T> root;
    private transient List<Codec> codecs;
    private transient Map<Class<?>, Integer> tags;

    public RecordUnionSerializer(Class<T> root) {
        this.root = root;
    }

    private void init() {
        if (codecs != null) {
            return;
        }
        List<Class<?>> records = new ArrayList<>();
        collect(root, records);
        records.sort(Comparator.comparing(Class::getName));
        List<Codec> c = new ArrayList<>(records.size());
        Map<Class<?>, Integer> t = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            c.add(new Codec(records.get(i)));
            t.put(records.get(i), i);
        }
        codecs = c;
        tags = t;
    }

    private static void collect(Class<?> type, List<Class<?>> out) {
        if (type.isRecord()) {
            out.add(type);
        } else if (type.isSealed()) {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub, out);
            }
        } else {
            throw new IllegalArgumentException(type + " is neither a record nor a sealed interface");
        }
    }

    /** How to write and read one record type's components. */
    private final class Codec {
        final MethodHandle constructor;
        final MethodHandle[] getters;
        final Field[] fields;

        Codec(Class<?> type) {
            try {
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                getters = new MethodHandle[components.length];
                fields = new Field[components.length];
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    components[i].getAccessor().setAccessible(true);
                    getters[i] = lookup.unreflect(components[i].getAccessor())
                            .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class));
                    fields[i] = Field.of(types[i]);
                }
                var ctor = type.getDeclaredConstructor(types);
                ctor.setAccessible(true);
                constructor = lookup.unreflectConstructor(ctor)
                        .asSpreader(Object[].class, components.length)
                        .asType(java.lang.invoke.MethodType.methodType(Object.class, Object[].class));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot serialize " + type, e);
            }
        }

        void write(Object record, DataOutputView out) throws IOException {
            for (int i = 0; i < getters.length; i++) {
                Object v;
                try {
                    v = (Object) getters[i].invokeExact(record);
                } catch (Throwable e) {
                    throw new IOException(e);
                }
                fields[i].write(v, out);
            }
        }

        Object read(DataInputView in) throws IOException {
            Object[] args = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                args[i] = fields[i].read(in);
            }
            try {
                return (Object) constructor.invokeExact(args);
            } catch (Throwable e) {
                throw new IOException(e);
            }
        }
    }

    /** One component's wire format. */
    private interface Field {
        void write(Object v, DataOutputView out) throws IOException;

        Object read(DataInputView in) throws IOException;

        @SuppressWarnings({"unchecked", "rawtypes"})
        static Field of(Class<?> type) {
            if (type == String.class) {
                return new Field() {
                    public void write(Object v, DataOutputView out) throws IOException {
                        StringValue.writeString((String) v, out);
                    }

                    public Object read(DataInputView in) throws IOException {
                        return StringValue.readString(in);
                    }
                };
            }
            if (type == long.class) {
                return new Field() {
                    public void write(Object v, DataOutputView out) throws IOException {
                        out.writeLong((Long) v);
                    }

                    public Object read(DataInputView in) throws IOException {
                        return in.readLong();
                    }
                };
            }
            if (type == int.class) {
                return new Field() {
                    public void write(Object v, DataOutputView out) throws IOException {
                        out.writeInt((Integer) v);
                    }

                    public Object read(DataInputView in) throws IOException {
                        return in.readInt();
                    }
                };
            }
            if (type == double.class) {
                return new Field() {
                    public void write(Object v, DataOutputView out) throws IOException {
                        out.writeDouble((Double) v);
                    }

                    public Object read(DataInputView in) throws IOException {
                        return in.readDouble();
                    }
                };
            }
            if (type == boolean.class) {
                return new Field() {
                    public void write(Object v, DataOutputView out) throws IOException {
                        out.writeBoolean((Boolean) v);
                    }

                    public Object read(DataInputView in) throws IOException {
                        return in.readBoolean();
                    }
                };
            }
            if (type.isEnum()) {
                Object[] constants = type.getEnumConstants();
                return new Field() {
                    public void write(Object v, DataOutputView out) throws IOException {
                        out.writeByte(v == null ? 0 : ((Enum<?>) v).ordinal() + 1);
                    }

                    public Object read(DataInputView in) throws IOException {
                        int o = in.readByte();
                        return o == 0 ? null : constants[o - 1];
                    }
                };
            }
            if (type.isRecord() || type.isSealed()) {
                RecordUnionSerializer nested = new RecordUnionSerializer(type);
                return new Field() {
                    public void write(Object v, DataOutputView out) throws IOException {
                        out.writeBoolean(v != null);
                        if (v != null) nested.serialize(v, out);
                    }

                    public Object read(DataInputView in) throws IOException {
                        return in.readBoolean() ? nested.deserialize(in) : null;
                    }
                };
            }
            throw new IllegalArgumentException("no wire format for a " + type + " component");
        }
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        init();
        int tag = tags.get(record.getClass());
        target.writeByte(tag);
        codecs.get(tag).write(record, target);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(DataInputView source) throws IOException {
        init();
        return (T) codecs.get(source.readUnsignedByte()).read(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public T copy(T from) {
        return from; // records are immutable
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new RecordUnionSerializer<>(root);
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordUnionSerializer<?> other && other.root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(root);
    }

    /** Remembers the hierarchy's root; a restore with the same root reads the same format. */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
        private Class<T> root;

        public Snapshot() {}

        Snapshot(Class<T> root) {
            this.root = root;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(root.getName());
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            try {
                root = (Class<T>) Class.forName(in.readUTF(), false, classLoader);
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new RecordUnionSerializer<>(root);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
            return oldSnapshot instanceof Snapshot<T> old && old.root.equals(root)
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
