package dev.lift.api;

import java.util.Optional;

/**
 * Finds resources opened by {@code ResourceProvider}s by type (and, where several share a type,
 * by provider id).
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface ResourceLookup {

    /** The only resource of this type, if exactly one provider supplies it. */
    <T> Optional<T> find(Class<T> type);

    /** The resource of this type opened by the provider with this id. */
    <T> Optional<T> find(Class<T> type, String providerId);

    /** Like {@link #find(Class)} but fails with a message naming the type when it is missing. */
    default <T> T require(Class<T> type) {
        return find(type).orElseThrow(() -> new IllegalStateException(
                "No resource of type " + type.getName() + " is open: add the plugin that provides it"));
    }
}
