package dev.lift.spi;

import dev.lift.api.Api;

/**
 * Told before a snapshot of the execution environment is taken (SnapStart, CRaC) and after it is
 * restored. Any active plugin that also implements this interface is registered. Before a
 * checkpoint, listeners run in reverse plugin order (close connections, drop what must not be
 * shared between restored copies); after a restore, in plugin order (reopen, reseed random
 * sources, refresh credentials). Resource providers get the same two calls for their resource
 * ({@link ResourceProvider#beforeCheckpoint}). A binding plugin (such as {@code snapshot-crac})
 * connects them to the runtime's checkpoint; without one they are never called. Restore and its
 * hooks must finish within Lambda's 10 s.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public interface SnapshotListener {

    /** A snapshot is about to be taken. */
    default void beforeCheckpoint() throws Exception {
    }

    /** The environment was restored from a snapshot. */
    default void afterRestore() throws Exception {
    }
}
