package dev.lift.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Api;
import java.util.List;

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

    /**
     * Primes the execution environment before a snapshot, so that the classes an invocation needs
     * are loaded (and partly compiled) in the snapshot rather than after each restore: builds the
     * reader of every typed request body, then sends each sample event through the pipeline as far
     * as it goes without running application code: the adapter that claims it decodes it, the
     * router or selector matches it, a kernel answer is written with the kernel's mapper and
     * encoded by the same adapter, and the bytes are dropped. No middleware, handler or invocation
     * listener runs, so priming has no side effects. Samples no installed adapter claims are
     * skipped; a sample that fails is logged and skipped, never thrown. Call it before
     * {@link #beforeCheckpoint()}. Does nothing when {@code lift.snapshot.priming=false}.
     *
     * @param samples events as their source sends them (for example AWS's published sample events)
     * @return how many samples went through the pipeline
     * @since 0.2
     */
    default int prime(List<JsonNode> samples) {
        return 0;
    }
}
