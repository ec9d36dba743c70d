package io.pflogstream.serde;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * How {@link RecordUnionSerializer} lays a sealed record hierarchy out on the wire: its records in
 * tag order (sorted by name), each with its components in order, each component's kind, an enum's
 * constants (written by ordinal) and a nested hierarchy's own layout. A savepoint keeps the layout
 * its bytes were written in, so a later build can tell what changed: records and components added
 * since are read as absent (null, 0, false), components removed are skipped, and a change that
 * would make bytes mean something else (a record gone, a component's kind changed, an enum
 * constant gone) is refused with its name.
 *
 * @param records the hierarchy's records in tag order; names relative to the root
 *     ({@code PostfixEvent$Delivery} is {@code Delivery})
 */
public record Layout(List<Entry> records) {
    /** One record type: its name relative to the root, its components in order. */
    public record Entry(String name, List<Component> components) {
        Optional<Component> component(String name) {
            return components.stream().filter(c -> c.name().equals(name)).findFirst();
        }
    }

    /** One component: its name, kind, an enum's constants, a nested hierarchy's layout. */
    public record Component(String name, Kind kind, String type, List<String> constants, Layout nested) {}

    /** The wire formats of components. */
    public enum Kind {
        STRING,
        LONG,
        INT,
        DOUBLE,
        BOOLEAN,
        ENUM,
        UNION
    }

    /** This build's layout of the hierarchy under {@code root}. */
    public static Layout of(Class<?> root) {
        List<Class<?>> types = new ArrayList<>();
        RecordUnionSerializer.collect(root, types);
        types.sort(Comparator.comparing(Class::getName));
        List<Entry> entries = new ArrayList<>();
        for (Class<?> type : types) {
            List<Component> components = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                components.add(component(c.getName(), c.getType()));
            }
            entries.add(new Entry(relativeName(type, root), List.copyOf(components)));
        }
        return new Layout(List.copyOf(entries));
    }

    private static Component component(String name, Class<?> type) {
        if (type == String.class) return new Component(name, Kind.STRING, "String", List.of(), null);
        if (type == long.class) return new Component(name, Kind.LONG, "long", List.of(), null);
        if (type == int.class) return new Component(name, Kind.INT, "int", List.of(), null);
        if (type == double.class) return new Component(name, Kind.DOUBLE, "double", List.of(), null);
        if (type == boolean.class) return new Component(name, Kind.BOOLEAN, "boolean", List.of(), null);
        if (type.isEnum()) {
            List<String> constants = Arrays.stream(type.getEnumConstants())
                    .map(e -> ((Enum<?>) e).name())
                    .toList();
            return new Component(name, Kind.ENUM, type.getSimpleName(), constants, null);
        }
        if (type.isRecord() || type.isSealed()) {
            return new Component(name, Kind.UNION, type.getSimpleName(), List.of(), of(type));
        }
        throw new IllegalArgumentException("no wire format for a " + type + " component");
    }

    /** A record's name below its root: the part after the root's binary name, else its own. */
    static String relativeName(Class<?> type, Class<?> root) {
        String prefix = root.getName() + "$";
        return type.getName().startsWith(prefix) ? type.getName().substring(prefix.length()) : type.getSimpleName();
    }

    Optional<Entry> entry(String name) {
        return records.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /**
     * What in bytes written in {@code this} layout the {@code current} one cannot read: empty when
     * every record written is still there and every component it kept has its kind.
     */
    public List<String> incompatibilities(Layout current) {
        List<String> out = new ArrayList<>();
        incompatibilities(current, "", out);
        return out;
    }

    private void incompatibilities(Layout current, String prefix, List<String> out) {
        for (Entry written : records) {
            Optional<Entry> now = current.entry(written.name());
            if (now.isEmpty()) {
                out.add("record " + prefix + written.name() + " is gone");
                continue;
            }
            for (Component c : written.components()) {
                Optional<Component> n = now.get().component(c.name());
                if (n.isEmpty()) {
                    continue; // a component removed since: its bytes are skipped
                }
                String where = prefix + written.name() + "." + c.name();
                if (n.get().kind() != c.kind()) {
                    out.add(where + " was " + c.type() + ", is " + n.get().type() + " now");
                } else if (c.kind() == Kind.ENUM) {
                    for (String constant : c.constants()) {
                        if (!n.get().constants().contains(constant)) {
                            out.add(where + ": constant " + constant + " of " + c.type() + " is gone");
                        }
                    }
                } else if (c.kind() == Kind.UNION) {
                    c.nested().incompatibilities(n.get().nested(), where + " → ", out);
                }
            }
        }
    }

    /** A canonical text of the layout: equal layouts, equal texts. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Entry e : records) {
            b.append(e.name()).append('(');
            for (int i = 0; i < e.components().size(); i++) {
                Component c = e.components().get(i);
                b.append(i == 0 ? "" : ",").append(c.name()).append(':').append(c.type());
                if (c.kind() == Kind.ENUM) {
                    b.append(c.constants());
                } else if (c.kind() == Kind.UNION) {
                    b.append('{').append(c.nested().describe()).append('}');
                }
            }
            b.append(");");
        }
        return b.toString();
    }

    /** SHA-256 of {@link #describe()}, in hex. */
    public String fingerprint() {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(describe().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void write(DataOutputView out) throws IOException {
        out.writeInt(records.size());
        for (Entry e : records) {
            out.writeUTF(e.name());
            out.writeInt(e.components().size());
            for (Component c : e.components()) {
                out.writeUTF(c.name());
                out.writeByte(c.kind().ordinal());
                out.writeUTF(c.type());
                out.writeInt(c.constants().size());
                for (String constant : c.constants()) {
                    out.writeUTF(constant);
                }
                if (c.kind() == Kind.UNION) {
                    c.nested().write(out);
                }
            }
        }
    }

    static Layout read(DataInputView in) throws IOException {
        int n = in.readInt();
        List<Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            int m = in.readInt();
            List<Component> components = new ArrayList<>(m);
            for (int j = 0; j < m; j++) {
                String cname = in.readUTF();
                Kind kind = Kind.values()[in.readByte()];
                String type = in.readUTF();
                int k = in.readInt();
                List<String> constants = new ArrayList<>(k);
                for (int x = 0; x < k; x++) {
                    constants.add(in.readUTF());
                }
                Layout nested = kind == Kind.UNION ? read(in) : null;
                components.add(new Component(cname, kind, type, List.copyOf(constants), nested));
            }
            entries.add(new Entry(name, List.copyOf(components)));
        }
        return new Layout(List.copyOf(entries));
    }
}
