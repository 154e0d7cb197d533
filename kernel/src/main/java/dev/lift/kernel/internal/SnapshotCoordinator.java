package dev.lift.kernel.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.spi.SnapshotListener;
import dev.lift.spi.Snapshots;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs the snapshot hooks in the documented order: before a checkpoint, resources in reverse
 * opening order and then listeners in reverse plugin order (what opened last closes first); after
 * a restore, listeners in plugin order and then resources in opening order. Every hook runs even
 * when one fails; the first failure is thrown at the end. After a restore the next invocation is a
 * cold start again.
 */
final class SnapshotCoordinator implements Snapshots {

    private static final System.Logger LOG = System.getLogger("lift.kernel");

    /** One hook with a name for logs. */
    private interface Hook {
        void run() throws Exception;
    }

    private final List<SnapshotListener> listeners;
    private final Resources resources;
    private final Runnable restored;
    private final boolean priming;
    private volatile java.util.function.ToIntFunction<List<JsonNode>> primer = samples -> 0;

    SnapshotCoordinator(List<SnapshotListener> listeners, Resources resources, Runnable restored, boolean priming) {
        this.listeners = List.copyOf(listeners);
        this.resources = resources;
        this.restored = restored;
        this.priming = priming;
    }

    /** What priming runs: the dispatch, known once boot is over. */
    void primer(java.util.function.ToIntFunction<List<JsonNode>> primer) {
        this.primer = primer;
    }

    @Override
    public int prime(List<JsonNode> samples) {
        if (!priming) {
            return 0;
        }
        long start = System.nanoTime();
        int primed = primer.applyAsInt(List.copyOf(samples));
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
            LOG.log(System.Logger.Level.DEBUG, "Primed " + primed + " of " + samples.size() + " sample event(s) in "
                    + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
        return primed;
    }

    @Override
    public void beforeCheckpoint() throws Exception {
        List<Resources.Opened> opened = new ArrayList<>(resources.opened());
        Collections.reverse(opened);
        List<SnapshotListener> reversed = new ArrayList<>(listeners);
        Collections.reverse(reversed);
        Exception first = null;
        for (Resources.Opened o : opened) {
            first = run("resource:" + o.provider().id(), "beforeCheckpoint", () -> o.provider().beforeCheckpoint(o.resource()), first);
        }
        for (SnapshotListener l : reversed) {
            first = run(name(l), "beforeCheckpoint", l::beforeCheckpoint, first);
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void afterRestore() throws Exception {
        restored.run();
        Exception first = null;
        for (SnapshotListener l : listeners) {
            first = run(name(l), "afterRestore", l::afterRestore, first);
        }
        for (Resources.Opened o : resources.opened()) {
            first = run("resource:" + o.provider().id(), "afterRestore", () -> o.provider().afterRestore(o.resource()), first);
        }
        if (first != null) {
            throw first;
        }
    }

    private static Exception run(String name, String hook, Hook h, Exception first) {
        try {
            h.run();
            return first;
        } catch (Exception | LinkageError | AssertionError e) { // every other hook still runs
            LOG.log(System.Logger.Level.ERROR, "Snapshot hook " + hook + " of '" + name + "' failed", e);
            Exception failure = e instanceof Exception ? (Exception) e
                    : new IllegalStateException("Snapshot hook " + hook + " of '" + name + "' failed", e);
            return first == null ? failure : first;
        }
    }

    private static String name(SnapshotListener l) {
        return l instanceof dev.lift.api.LiftPlugin ? ((dev.lift.api.LiftPlugin) l).id() : l.getClass().getName();
    }
}
