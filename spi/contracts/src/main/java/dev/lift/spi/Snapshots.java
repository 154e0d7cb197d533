package dev.lift.spi;

import dev.lift.api.Api;

/**
 * The kernel's snapshot coordinator, a kernel service that a binding plugin (for example one
 * registering an {@code org.crac.Resource}) looks up with {@code resources().require(Snapshots.class)}
 * and calls when the runtime checkpoints and restores. It runs every {@link SnapshotListener}
 * and resource provider hook in the documented order, and after a restore marks the next
 * invocation as a cold start again.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public interface Snapshots {

    /**
     * Runs the before-checkpoint hooks: resource providers in reverse opening order, then listeners
     * in reverse plugin order.
     *
     * @throws Exception the first failure, after every hook ran (a failed checkpoint is retried by
     *     the runtime or reported)
     */
    void beforeCheckpoint() throws Exception;

    /**
     * Runs the after-restore hooks: listeners in plugin order, then resource providers in opening
     * order.
     *
     * @throws Exception the first failure, after every hook ran
     */
    void afterRestore() throws Exception;
}
