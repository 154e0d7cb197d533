package dev.lift.plugins.crac.simulated;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Mirrors {@code jdk.crac.Core}: the global context and {@link #checkpointRestore()}, which notifies
 * the resources, takes the "snapshot" (runs what {@link #atSnapshot} set, so a test can look at the
 * state that would be saved) and notifies them again as after a restore.
 */
public final class Core {

    private static final GlobalContext GLOBAL = new GlobalContext();
    private static volatile Runnable atSnapshot = () -> { };

    private Core() {
    }

    public static Context<Resource> getGlobalContext() {
        return GLOBAL;
    }

    public static synchronized void checkpointRestore() throws CheckpointException, RestoreException {
        List<Throwable> failures = new ArrayList<>();
        try {
            GLOBAL.beforeCheckpoint(null);
        } catch (CheckpointException e) {
            Collections.addAll(failures, e.getSuppressed());
        }
        boolean checkpointFailed = !failures.isEmpty();
        if (!checkpointFailed) {
            atSnapshot.run();
        }
        try {
            GLOBAL.afterRestore(null);
        } catch (RestoreException e) {
            Collections.addAll(failures, e.getSuppressed());
        }
        if (checkpointFailed) {
            CheckpointException ce = new CheckpointException();
            failures.forEach(ce::addSuppressed);
            throw ce;
        }
        if (!failures.isEmpty()) {
            RestoreException re = new RestoreException();
            failures.forEach(re::addSuppressed);
            throw re;
        }
    }

    /** What runs at the moment the image would be written (only when the checkpoint phase succeeded). */
    public static void atSnapshot(Runnable action) {
        atSnapshot = action;
    }

    /** Forgets every registration and the snapshot action, so that one test's kernels never reach the next. */
    public static synchronized void reset() {
        GLOBAL.clear();
        atSnapshot = () -> { };
    }

    /** Resources registered and still reachable. */
    public static synchronized int registered() {
        return GLOBAL.size();
    }

    /** Weakly held, ordered by registration, like the JDK's global context. */
    private static final class GlobalContext extends Context<Resource> {

        private final Map<Resource, Long> resources = new WeakHashMap<>();
        private long next;

        @Override
        public synchronized void register(Resource resource) {
            resources.put(java.util.Objects.requireNonNull(resource), next++);
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException {
            List<Resource> ordered = ordered();
            Collections.reverse(ordered);
            CheckpointException failed = new CheckpointException();
            for (Resource r : ordered) {
                try {
                    r.beforeCheckpoint(this);
                } catch (Exception e) {
                    failed.addSuppressed(e);
                }
            }
            if (failed.getSuppressed().length > 0) {
                throw failed;
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) throws RestoreException {
            RestoreException failed = new RestoreException();
            for (Resource r : ordered()) {
                try {
                    r.afterRestore(this);
                } catch (Exception e) {
                    failed.addSuppressed(e);
                }
            }
            if (failed.getSuppressed().length > 0) {
                throw failed;
            }
        }

        private synchronized List<Resource> ordered() {
            List<Map.Entry<Resource, Long>> entries = new ArrayList<>(resources.entrySet());
            entries.sort(Map.Entry.comparingByValue());
            List<Resource> list = new ArrayList<>();
            entries.forEach(e -> list.add(e.getKey()));
            return list;
        }

        synchronized void clear() {
            resources.clear();
        }

        synchronized int size() {
            return resources.size();
        }
    }
}
