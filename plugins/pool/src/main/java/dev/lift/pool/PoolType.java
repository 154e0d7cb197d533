package dev.lift.pool;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;

/**
 * The generic type {@code Pool<E>} under which a {@link PooledResourceProvider} registers its pool,
 * equal to what {@code new TypeRef<Pool<E>>() {}} captures (same equality and hash as the JDK's own
 * parameterized types), so lookups by {@code TypeRef} find it.
 */
final class PoolType implements ParameterizedType {

    private final Type element;

    PoolType(Type element) {
        this.element = Objects.requireNonNull(element, "element");
    }

    @Override
    public Type[] getActualTypeArguments() {
        return new Type[] {element};
    }

    @Override
    public Type getRawType() {
        return Pool.class;
    }

    @Override
    public Type getOwnerType() {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ParameterizedType)) {
            return false;
        }
        ParameterizedType that = (ParameterizedType) o;
        return that.getOwnerType() == null && Pool.class.equals(that.getRawType())
                && Arrays.equals(getActualTypeArguments(), that.getActualTypeArguments());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(getActualTypeArguments()) ^ Pool.class.hashCode();
    }

    @Override
    public String toString() {
        return Pool.class.getName() + "<" + element.getTypeName() + ">";
    }
}
