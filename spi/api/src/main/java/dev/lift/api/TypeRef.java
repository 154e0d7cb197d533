package dev.lift.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * A full generic type, captured by subclassing, for looking up resources whose type has type
 * arguments: {@code ctx.resources().require(new TypeRef<Table<Todo>>() {})}.
 *
 * @param <T> the type
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public abstract class TypeRef<T> {

    private final Type type;

    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType)) {
            throw new IllegalStateException("TypeRef needs a type argument: new TypeRef<Table<Todo>>() {}");
        }
        this.type = ((ParameterizedType) superclass).getActualTypeArguments()[0];
    }

    private TypeRef(Type type) {
        this.type = type;
    }

    /** A reference to a plain class. */
    public static <T> TypeRef<T> of(Class<T> type) {
        return new TypeRef<T>(type) { };
    }

    /** The captured type. */
    public Type type() {
        return type;
    }

    /** The class the type erases to. */
    public Class<?> rawType() {
        return rawType(type);
    }

    static Class<?> rawType(Type type) {
        if (type instanceof Class) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) type).getRawType();
        }
        return Object.class;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TypeRef && ((TypeRef<?>) o).type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return type.getTypeName();
    }
}
