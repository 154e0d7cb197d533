package dev.lift.spi;

import dev.lift.api.Api;
import dev.lift.api.LiftPlugin;
import dev.lift.api.PluginContext;
import dev.lift.api.ResourceLookup;
import java.time.Duration;

/**
 * Opens, pre-warms, checks and closes one resource (a pool, a client). The kernel owns its life:
 * it opens providers in plugin order at boot, pre-warms them (during init, or before a SnapStart
 * checkpoint), and closes them in reverse order at shutdown, each within {@link #closeTimeout()}.
 *
 * @param <T> the resource type, which handlers look up through {@link ResourceLookup}
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface ResourceProvider<T> extends LiftPlugin {

    /** The type under which the resource is found. */
    Class<T> type();

    /**
     * The full generic type under which the resource is found, for resources with type arguments
     * (a {@code Table<Todo>}); by default {@link #type()}.
     *
     * @since 0.2
     */
    default java.lang.reflect.Type genericType() {
        return type();
    }

    /**
     * The name under which the resource is found, when several share a type; by default the
     * plugin id.
     *
     * @since 0.2
     */
    default String name() {
        return id();
    }

    /** Opens the resource; called once. */
    T open(PluginContext context) throws Exception;

    /** Makes the resource ready for the first invocation (connect, load, JIT-warm). */
    default void prewarm(T resource) throws Exception {
    }

    /** Whether the resource is usable; used by health checks. */
    default HealthResult check(T resource) throws Exception {
        return HealthResult.up();
    }

    /** Closes the resource; by default closes it if it is {@link AutoCloseable}. */
    default void close(T resource) throws Exception {
        if (resource instanceof AutoCloseable) {
            ((AutoCloseable) resource).close();
        }
    }

    /**
     * A snapshot is about to be taken: close connections, forget per-environment state.
     *
     * @since 0.2
     */
    default void beforeCheckpoint(T resource) throws Exception {
    }

    /**
     * The environment was restored from a snapshot: reopen, refresh credentials and seeds.
     *
     * @since 0.2
     */
    default void afterRestore(T resource) throws Exception {
    }

    /** How long {@link #close} may take before shutdown moves on. */
    default Duration closeTimeout() {
        return Duration.ofMillis(100);
    }
}
