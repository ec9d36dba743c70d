package io.pflogstream.serde;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink type information for a type that has a serializer of its own and no fields Flink should
 * see: one field, not a key, equal to another of the same class for the same type.
 */
public abstract class OpaqueTypeInfo<T> extends TypeInformation<T> {
    private final Class<T> type;

    protected OpaqueTypeInfo(Class<T> type) {
        this.type = type;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "<" + type.getSimpleName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((OpaqueTypeInfo<?>) o).type.equals(type);
    }

    @Override
    public int hashCode() {
        return 31 * getClass().hashCode() + type.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o != null && o.getClass() == getClass();
    }
}
