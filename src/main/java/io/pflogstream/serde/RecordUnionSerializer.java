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
 *
 * <p>Its snapshot keeps the {@link Layout} the bytes were written in. Restored by a build whose
 * hierarchy has grown (a record or a component added, one removed, an enum constant added), it
 * reads the old bytes into this build's records by name; a change that would make the bytes mean
 * something else is refused, naming it (see {@link Snapshot#resolveSchemaCompatibility}).
 */
public final class RecordUnionSerializer<T> extends TypeSerializer<T> {
    /**
     * The layouts of the hierarchies as the builds before 2026-12-02 wrote them (their snapshots,
     * version 1, did not record it): such a savepoint restores while the hierarchy is unchanged
     * since, and is refused once it has changed.
     */
    static final Map<String, String> VERSION_1_FINGERPRINTS = Map.of(
            "io.pflogstream.postfix.PostfixEvent", "be043bbcc8715250461c6fce6b81812e2eca751634c75f36bd91bb3d28684cec",
            "io.pflogstream.postfix.PostfixEvent$MessageEvent",
                    "f94189620b1145df8da17a8ad6d4f9383bab5571229cbac9ce1efaa8ed9b80c3",
            "io.pflogstream.summary.ReportFact", "c159b8e80d8d612ff6b9cdc8213e51307d45b5a03cc30850a264a8b643a51452",
            "io.pflogstream.summary.HostFact", "42b828a63c33dd33fbccf0ed659ab38ec7c47d02da39928a74f541ae5754e6bc");

    private final Class<T> root;
    /** The layout the bytes to read were written in, when it is not this build's; else null. */
    private final Layout written;

    private transient List<Codec> codecs;
    private transient Map<Class<?>, Integer> tags;
    /** Per written tag, how to read it into this build's records (only when {@code written} is set). */
    private transient List<Reader> readers;

    public RecordUnionSerializer(Class<T> root) {
        this(root, null);
    }

    RecordUnionSerializer(Class<T> root, Layout written) {
        this.root = root;
        this.written = written;
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
        Map<String, Class<?>> byName = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            c.add(new Codec(records.get(i)));
            t.put(records.get(i), i);
            byName.put(Layout.relativeName(records.get(i), root), records.get(i));
        }
        if (written != null) {
            List<Reader> r = new ArrayList<>();
            for (Layout.Entry entry : written.records()) {
                Class<?> type = byName.get(entry.name());
                r.add(type == null ? null : new Reader(entry, type, c.get(t.get(type))));
            }
            readers = r;
        }
        codecs = c;
        tags = t;
    }

    static void collect(Class<?> type, List<Class<?>> out) {
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

    /** Reads bytes of a record as an earlier build wrote it into this build's record of that name. */
    private static final class Reader {
        private final Codec target;
        private final int[] targetIndex;
        private final Field[] fields;

        Reader(Layout.Entry written, Class<?> type, Codec target) {
            this.target = target;
            RecordComponent[] now = type.getRecordComponents();
            targetIndex = new int[written.components().size()];
            fields = new Field[targetIndex.length];
            for (int j = 0; j < targetIndex.length; j++) {
                Layout.Component c = written.components().get(j);
                targetIndex[j] = -1;
                for (int i = 0; i < now.length; i++) {
                    if (now[i].getName().equals(c.name())) {
                        targetIndex[j] = i;
                    }
                }
                fields[j] = Field.reading(c, targetIndex[j] < 0 ? null : now[targetIndex[j]].getType());
            }
        }

        Object read(DataInputView in) throws IOException {
            Object[] args = target.absent.clone();
            for (int j = 0; j < fields.length; j++) {
                Object v = fields[j].read(in);
                if (targetIndex[j] >= 0) {
                    args[targetIndex[j]] = v;
                }
            }
            return target.construct(args);
        }
    }

    /** How to write and read one record type's components. */
    private static final class Codec {
        final MethodHandle constructor;
        final MethodHandle[] getters;
        final Field[] fields;
        /** What a component an earlier build did not write is read as: null, 0 or false. */
        final Object[] absent;

        Codec(Class<?> type) {
            try {
                RecordComponent[] components = type.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                getters = new MethodHandle[components.length];
                fields = new Field[components.length];
                absent = new Object[components.length];
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    components[i].getAccessor().setAccessible(true);
                    getters[i] = lookup.unreflect(components[i].getAccessor())
                            .asType(java.lang.invoke.MethodType.methodType(Object.class, Object.class));
                    fields[i] = Field.of(types[i]);
                    absent[i] = absentValue(types[i]);
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
            return construct(args);
        }

        Object construct(Object[] args) throws IOException {
            try {
                return (Object) constructor.invokeExact(args);
            } catch (Throwable e) {
                throw new IOException(e);
            }
        }

        private static Object absentValue(Class<?> type) {
            if (type == long.class) return 0L;
            if (type == int.class) return 0;
            if (type == double.class) return 0.0;
            if (type == boolean.class) return false;
            return null;
        }
    }

    /** One component's wire format. */
    private interface Field {
        void write(Object v, DataOutputView out) throws IOException;

        Object read(DataInputView in) throws IOException;

        /**
         * Reads a component as an earlier build wrote it, into this build's type of it (null: a
         * component removed since, read and dropped). Kinds match: the snapshot's check refused
         * any layout where they do not.
         */
        @SuppressWarnings({"unchecked", "rawtypes"})
        static Field reading(Layout.Component written, Class<?> type) {
            return switch (written.kind()) {
                case STRING -> of(String.class);
                case LONG -> of(long.class);
                case INT -> of(int.class);
                case DOUBLE -> of(double.class);
                case BOOLEAN -> of(boolean.class);
                case ENUM ->
                    new Field() {
                        public void write(Object v, DataOutputView out) {
                            throw new UnsupportedOperationException("reads an earlier build's bytes only");
                        }

                        public Object read(DataInputView in) throws IOException {
                            int o = in.readByte();
                            if (o == 0 || type == null) {
                                return null;
                            }
                            return Enum.valueOf(
                                    (Class<Enum>) type, written.constants().get(o - 1));
                        }
                    };
                case UNION -> {
                    RecordUnionSerializer<?> nested =
                            type == null ? null : new RecordUnionSerializer(type, written.nested());
                    yield new Field() {
                        public void write(Object v, DataOutputView out) {
                            throw new UnsupportedOperationException("reads an earlier build's bytes only");
                        }

                        public Object read(DataInputView in) throws IOException {
                            if (!in.readBoolean()) {
                                return null;
                            }
                            if (nested == null) {
                                skip(written.nested(), in);
                                return null;
                            }
                            return nested.deserialize(in);
                        }
                    };
                }
            };
        }

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
        int tag = source.readUnsignedByte();
        if (readers == null) {
            return (T) codecs.get(tag).read(source);
        }
        Reader reader = readers.get(tag);
        if (reader == null) {
            throw new IOException("record " + written.records().get(tag).name() + " of " + root.getSimpleName()
                    + " is gone from this build"); // refused before any state is read (Snapshot)
        }
        return (T) reader.read(source);
    }

    /** Reads past one record written in {@code layout} (a removed component's nested record). */
    private static void skip(Layout layout, DataInputView in) throws IOException {
        Layout.Entry entry = layout.records().get(in.readUnsignedByte());
        for (Layout.Component c : entry.components()) {
            switch (c.kind()) {
                case STRING -> StringValue.readString(in);
                case LONG, DOUBLE -> in.skipBytesToRead(8);
                case INT -> in.skipBytesToRead(4);
                case BOOLEAN, ENUM -> in.skipBytesToRead(1);
                case UNION -> {
                    if (in.readBoolean()) {
                        skip(c.nested(), in);
                    }
                }
            }
        }
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
        return new RecordUnionSerializer<>(root, written);
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
        return o instanceof RecordUnionSerializer<?> other
                && other.root.equals(root)
                && java.util.Objects.equals(other.written, written);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(root); // what this build writes, whatever it read
    }

    /**
     * Remembers the hierarchy's root and the layout its bytes are written in (version 2; version
     * 1, before 2026-12-02, only the root).
     */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
        private Class<T> root;
        /** Null for a version 1 snapshot. */
        private Layout layout;

        public Snapshot() {}

        Snapshot(Class<T> root) {
            this.root = root;
            this.layout = Layout.of(root);
        }

        @Override
        public int getCurrentVersion() {
            return 2;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(root.getName());
            layout.write(out);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            try {
                root = (Class<T>) Class.forName(in.readUTF(), false, classLoader);
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
            layout = readVersion >= 2 ? Layout.read(in) : null;
        }

        /** The same bytes, read as the hierarchy under another root (tests of a changed hierarchy). */
        @SuppressWarnings({"unchecked", "rawtypes"})
        <U> Snapshot<U> asWrittenFor(Class<U> newRoot) {
            Snapshot<U> s = new Snapshot<>();
            s.root = newRoot;
            s.layout = layout;
            return s;
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            Layout current = Layout.of(root);
            return layout == null || layout.equals(current)
                    ? new RecordUnionSerializer<>(root)
                    : new RecordUnionSerializer<>(root, layout);
        }

        /**
         * Called on this build's snapshot with the savepoint's: the same layout reads as is; one
         * this build has only added to (records, components, enum constants) or dropped components
         * from is read by name and rewritten; anything else is refused with what changed, rather
         * than read wrongly.
         */
        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot<T> old) || !old.root.equals(root)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            Layout current = Layout.of(root);
            if (old.layout == null) {
                if (current.fingerprint().equals(VERSION_1_FINGERPRINTS.get(root.getName()))) {
                    return TypeSerializerSchemaCompatibility.compatibleAsIs();
                }
                throw new IllegalStateException("the savepoint's " + root.getSimpleName()
                        + " state was written by a build"
                        + " from before 2026-12-02, which did not record its layout, and " + root.getSimpleName()
                        + " has changed since: restore it with the build that wrote it, or start this one without it");
            }
            if (old.layout.equals(current)) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            List<String> problems = old.layout.incompatibilities(current);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the savepoint's " + root.getSimpleName()
                        + " state cannot be read by this build: " + String.join("; ", problems));
            }
            return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
    }
}
