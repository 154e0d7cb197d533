package dev.lift.api;

import java.util.Optional;

/**
 * Finds resources opened by resource providers (pools, clients, stores) and the services the
 * kernel offers plugins (for example aggregated health), by type and, where several share a type,
 * by name. Generic types are looked up with a {@link TypeRef}:
 * {@code require(new TypeRef<Table<Todo>>() {})}. Available to handlers through
 * {@link InvocationContext#resources()} and to plugins through {@link PluginContext#resources()}
 * once every provider has opened.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface ResourceLookup {

    /**
     * The only resource of this type.
     *
     * @throws IllegalStateException naming the candidates when several resources have this type
     */
    <T> Optional<T> find(Class<T> type);

    /** The resource of this type with this name (a provider's resource name, by default its id). */
    <T> Optional<T> find(Class<T> type, String name);

    /** The only resource of this generic type (type arguments must match exactly). */
    <T> Optional<T> find(TypeRef<T> type);

    /** The resource of this generic type with this name. */
    <T> Optional<T> find(TypeRef<T> type, String name);

    /** Like {@link #find(Class)} but fails with a message naming the type when it is missing. */
    default <T> T require(Class<T> type) {
        return find(type).orElseThrow(() -> missing(type.getName(), null));
    }

    /** Like {@link #find(Class, String)} but fails with a message naming type and name when missing. */
    default <T> T require(Class<T> type, String name) {
        return find(type, name).orElseThrow(() -> missing(type.getName(), name));
    }

    /** Like {@link #find(TypeRef)} but fails with a message naming the type when it is missing. */
    default <T> T require(TypeRef<T> type) {
        return find(type).orElseThrow(() -> missing(type.toString(), null));
    }

    /** Like {@link #find(TypeRef, String)} but fails with a message naming type and name when missing. */
    default <T> T require(TypeRef<T> type, String name) {
        return find(type, name).orElseThrow(() -> missing(type.toString(), name));
    }

    private static IllegalStateException missing(String type, String name) {
        return new IllegalStateException("No resource of type " + type + (name == null ? "" : " named '" + name + "'")
                + " is open: add the plugin that provides it, or check that it did not decline");
    }
}
