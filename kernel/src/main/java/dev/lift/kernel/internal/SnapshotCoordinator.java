package dev.lift.kernel.internal;

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

    SnapshotCoordinator(List<SnapshotListener> listeners, Resources resources, Runnable restored) {
        this.listeners = List.copyOf(listeners);
        this.resources = resources;
        this.restored = restored;
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
