package dev.lift.plugins.dynamodbclient;

import dev.lift.api.Api;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.ImmutableAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A {@link TableSchema} for a Java record, which the Enhanced Client does not map by itself: one
 * attribute per record component, named as the component, converted by the Enhanced Client's
 * standard converters ({@code String}, numbers, {@code Instant}, lists, maps ...). Built once, at
 * boot, by reflection; items are then read and written through the record's accessors and
 * canonical constructor. A missing attribute of a primitive component reads as zero or false.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class RecordTableSchema {

    private RecordTableSchema() {
    }

    /**
     * @param type a public record class
     * @param partitionKey the component that is the partition key
     * @param sortKey the component that is the sort key, or null for none
     * @throws IllegalArgumentException naming the component when a key is not one of the record's
     */
    public static <R extends Record> TableSchema<R> of(Class<R> type, String partitionKey, String sortKey) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(partitionKey, "partitionKey");
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        check(type, components, partitionKey);
        if (sortKey != null) {
            check(type, components, sortKey);
        }
        Constructor<R> constructor;
        try {
            constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new));
            constructor.setAccessible(true);
        } catch (NoSuchMethodException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot use the canonical constructor of record " + type.getName(), e);
        }
        StaticImmutableTableSchema.Builder<R, Object[]> b = StaticImmutableTableSchema.builder(type, Object[].class)
                .newItemBuilder(() -> new Object[components.length], values -> construct(constructor, components, values));
        for (int i = 0; i < components.length; i++) {
            add(b, components[i], i, partitionKey, sortKey);
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static <R, V> void add(StaticImmutableTableSchema.Builder<R, Object[]> b, RecordComponent c, int index,
                                   String partitionKey, String sortKey) {
        Method accessor = c.getAccessor();
        accessor.setAccessible(true);
        EnhancedType<V> type = (EnhancedType<V>) EnhancedType.of(boxed(c.getGenericType()));
        Consumer<ImmutableAttribute.Builder<R, Object[], V>> attribute = a -> {
            a.name(c.getName())
                    .getter(item -> (V) read(accessor, item))
                    .setter((values, v) -> values[index] = v);
            if (c.getName().equals(partitionKey)) {
                a.tags(StaticAttributeTags.primaryPartitionKey());
            } else if (c.getName().equals(sortKey)) {
                a.tags(StaticAttributeTags.primarySortKey());
            }
        };
        b.addAttribute(type, attribute);
    }

    private static java.lang.reflect.Type boxed(java.lang.reflect.Type t) {
        if (!(t instanceof Class) || !((Class<?>) t).isPrimitive()) {
            return t;
        }
        Class<?> p = (Class<?>) t;
        return p == int.class ? Integer.class : p == long.class ? Long.class : p == boolean.class ? Boolean.class
                : p == double.class ? Double.class : p == float.class ? Float.class : p == short.class ? Short.class
                : p == byte.class ? Byte.class : Character.class;
    }

    private static Object read(Method accessor, Object item) {
        try {
            return accessor.invoke(item);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read " + accessor, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Accessor " + accessor.getName() + " failed", e.getCause());
        }
    }

    private static <R> R construct(Constructor<R> constructor, RecordComponent[] components, Object[] values) {
        Object[] args = values.clone();
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            if (args[i] == null && t.isPrimitive()) {
                args[i] = t == boolean.class ? Boolean.FALSE : t == char.class ? Character.valueOf('\0')
                        : t == long.class ? (Object) 0L : t == double.class ? (Object) 0d : t == float.class ? (Object) 0f
                        : t == short.class ? (Object) (short) 0 : t == byte.class ? (Object) (byte) 0 : (Object) 0;
            }
        }
        try {
            return constructor.newInstance(args);
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("Cannot construct " + constructor.getDeclaringClass().getName(), e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("Record " + constructor.getDeclaringClass().getSimpleName()
                    + " refused an item read from DynamoDB: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static void check(Class<?> type, RecordComponent[] components, String name) {
        if (Arrays.stream(components).noneMatch(c -> c.getName().equals(name))) {
            throw new IllegalArgumentException("Record " + type.getName() + " has no component '" + name + "' to use as a key");
        }
    }
}
