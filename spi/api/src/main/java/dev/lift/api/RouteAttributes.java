package dev.lift.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Metadata a route, a group or an event handler carries, read by middleware at boot (to build a
 * route's chain) and per request (through {@link InvocationContext#route()}), in the manner of
 * Javalin's route roles: one global auth plugin serves every route's own requirements. Immutable.
 *
 * <p>Keys are typed: {@link #SCOPES}, {@link #AUTHENTICATED}, {@link #RATE_LIMIT_CLASS},
 * {@link #TAGS} and {@link #SUMMARY} are Lift's own; a plugin defines its keys with
 * {@link Key#of(String, Class)} and documents them. A route's own value wins over its group's.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class RouteAttributes {

    /** Scopes a caller must hold (all of them); a route with scopes is also {@link #AUTHENTICATED}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<Set<String>> SCOPES = (Key) Key.of("scopes", Set.class);

    /** Whether the route needs an authenticated caller; an auth plugin fails such a route closed. */
    public static final Key<Boolean> AUTHENTICATED = Key.of("authenticated", Boolean.class);

    /** The rate-limit class a rate-limit plugin applies, for example {@code "expensive"}. */
    public static final Key<String> RATE_LIMIT_CLASS = Key.of("rate-limit-class", String.class);

    /** Free tags, for example for grouping in metrics or documentation. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static final Key<Set<String>> TAGS = (Key) Key.of("tags", Set.class);

    /** A one-line summary for route tables and documentation. */
    public static final Key<String> SUMMARY = Key.of("summary", String.class);

    private static final RouteAttributes EMPTY = new RouteAttributes(Map.of());

    private final Map<Key<?>, Object> values;

    private RouteAttributes(Map<Key<?>, Object> values) {
        this.values = values;
    }

    /** No attributes. */
    public static RouteAttributes empty() {
        return EMPTY;
    }

    /** The value of a key, if set. */
    public <T> Optional<T> get(Key<T> key) {
        return Optional.ofNullable(key.type().cast(values.get(key)));
    }

    /** Whether a key is set. */
    public boolean has(Key<?> key) {
        return values.containsKey(key);
    }

    /** The scopes required, empty when none. */
    public Set<String> scopes() {
        return get(SCOPES).orElse(Set.of());
    }

    /** Whether the route needs an authenticated caller: set explicitly, or implied by scopes. */
    public boolean authenticated() {
        return get(AUTHENTICATED).orElse(false) || !scopes().isEmpty();
    }

    /** A copy with one value set (sets are copied and made immutable). */
    public <T> RouteAttributes with(Key<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Object v = value instanceof Set ? Set.copyOf((Set<?>) value) : value;
        Map<Key<?>, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, key.type().cast(v));
        return new RouteAttributes(Collections.unmodifiableMap(copy));
    }

    /** These attributes with {@code overrides} on top (a route's own over its group's). */
    public RouteAttributes withAll(RouteAttributes overrides) {
        if (overrides.values.isEmpty()) {
            return this;
        }
        if (values.isEmpty()) {
            return overrides;
        }
        Map<Key<?>, Object> copy = new LinkedHashMap<>(values);
        copy.putAll(overrides.values);
        return new RouteAttributes(Collections.unmodifiableMap(copy));
    }

    /** The keys set, in the order they were first set. */
    public Set<Key<?>> keys() {
        return values.keySet();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteAttributes && ((RouteAttributes) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<Key<?>, Object> e : values.entrySet()) {
            sb.append(sb.length() == 1 ? "" : ", ").append(e.getKey().name()).append('=').append(e.getValue());
        }
        return sb.append('}').toString();
    }

    /**
     * A typed attribute key. Two keys are equal when name and type are equal.
     *
     * @param name lower-case name, for example {@code "scopes"}
     * @param type the value type
     * @param <T> the value type
     */
    public record Key<T>(String name, Class<T> type) {

        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }

        /** A key of a name and type. */
        public static <T> Key<T> of(String name, Class<T> type) {
            return new Key<>(name, type);
        }

        // Written out (same meaning as a record's) so that the first use does not bootstrap
        // java.lang.runtime.ObjectMethods during boot; see RouteDescriptor.
        @Override
        public final boolean equals(Object o) {
            return this == o || o instanceof Key<?> k && name.equals(k.name) && type == k.type;
        }

        @Override
        public final int hashCode() {
            return 31 * name.hashCode() + type.hashCode();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
