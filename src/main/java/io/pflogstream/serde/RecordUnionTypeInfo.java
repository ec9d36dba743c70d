package io.pflogstream.serde;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information that serializes a sealed record hierarchy with {@link RecordUnionSerializer}. */
public final class RecordUnionTypeInfo<T> extends OpaqueTypeInfo<T> {
    public RecordUnionTypeInfo(Class<T> type) {
        super(type);
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new RecordUnionSerializer<>(getTypeClass());
    }

    /** For {@code @TypeInfo(RecordUnionTypeInfo.Factory.class)} on the hierarchy's root. */
    public static final class Factory<T> extends TypeInfoFactory<T> {
        @Override
        @SuppressWarnings("unchecked")
        public TypeInformation<T> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return new RecordUnionTypeInfo<>((Class<T>) t);
        }
    }
}
