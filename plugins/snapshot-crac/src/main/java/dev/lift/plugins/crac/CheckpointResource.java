package dev.lift.plugins.crac;

import dev.lift.spi.Snapshots;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Resource;

/**
 * The one {@code org.crac.Resource} the binding registers: the runtime's checkpoint and restore
 * notifications run the kernel's snapshot hooks, each logged with the time it took. A failure is
 * rethrown as it came, so the runtime reports the hook's own exception.
 */
final class CheckpointResource implements Resource {

    private final Supplier<Snapshots> snapshots;
    private final System.Logger log;
    private volatile boolean detached;

    CheckpointResource(Supplier<Snapshots> snapshots, System.Logger log) {
        this.snapshots = snapshots;
        this.log = log;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        if (!detached) {
            Snapshots s = snapshots.get();
            long start = System.nanoTime();
            // Priming first, while connections are still open; it runs no application code and
            // never fails the checkpoint: a sample that cannot be primed is skipped.
            int primed = s.prime(PrimingSamples.load());
            if (primed > 0) {
                log.log(System.Logger.Level.INFO, "Priming sent " + primed + " sample event(s) through the pipeline in "
                        + millis(start) + " ms");
            }
            timed("Checkpoint", s::beforeCheckpoint);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws Exception {
        if (!detached) {
            timed("Restore", snapshots.get()::afterRestore);
        }
    }

    /** The kernel stopped: later notifications do nothing. */
    void detach() {
        detached = true;
    }

    private interface Hooks {
        void run() throws Exception;
    }

    private void timed(String what, Hooks hooks) throws Exception {
        long start = System.nanoTime();
        try {
            hooks.run();
        } catch (Exception e) {
            log.log(System.Logger.Level.WARNING, what + " hooks failed after " + millis(start) + " ms: " + e);
            throw e;
        }
        log.log(System.Logger.Level.INFO, what + " hooks ran in " + millis(start) + " ms");
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
