package dev.lift.cli;

import dev.lift.api.LogText;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@code lift serve --watch}: reloads the applications of a plugins directory when a jar there
 * changes, in the same JVM, without a moment in which nothing serves.
 *
 * <p>Each version runs from a copy of the directory's jars (a snapshot in a temporary directory),
 * so a jar overwritten in place, or half written, never disturbs the version that is serving. The
 * directory is polled every {@code poll}; a change counts once the jars have stayed the same for
 * {@code settle} (a build writing several jars is one change). Then the new version boots beside
 * the old one, which keeps serving; once it booted, {@link LocalServer#swap} hands it new requests,
 * the old kernel shuts down gracefully after its last request finished, and its class loader is
 * closed and its snapshot deleted. A version that fails to boot is dropped, the old one keeps
 * serving, and the reason is logged; the next change is tried again.
 *
 * <p>One thread of its own does all of this; {@link #close()} stops it.
 */
final class PluginReloader implements AutoCloseable {

    /** How long a replaced version may take to finish its requests before it is shut down anyway. */
    static final Duration RETIRE_WAIT = Duration.ofSeconds(30);

    /**
     * One version of the plugins directory, booted.
     *
     * @param kernel its kernel
     * @param loader the loader of its jar copies, closed after the kernel shut down
     * @param snapshot the directory of the copies
     */
    record Generation(LiftKernel kernel, DiscoveryClassLoader loader, Path snapshot) {

        /** Shuts the kernel down (gracefully), then closes its jars and deletes their copies. */
        void retire(PrintStream log) {
            try {
                kernel.shutdown();
            } finally {
                try {
                    loader.close();
                } catch (IOException e) {
                    log.println("lift: serve --watch: could not close the jars of " + snapshot + ": " + e.getMessage());
                }
                deleteTree(snapshot);
            }
        }
    }

    private final Path dir;
    private final Map<String, String> env;
    private final PrintStream log;
    private final Duration poll;
    private final Duration settle;
    private final Object lock = new Object();
    private Generation current; // guarded by lock
    private volatile boolean closed;
    private Thread thread;

    PluginReloader(Path dir, Map<String, String> env, PrintStream log, Duration poll, Duration settle) {
        this.dir = Objects.requireNonNull(dir);
        this.env = Map.copyOf(env);
        this.log = Objects.requireNonNull(log);
        this.poll = poll;
        this.settle = settle;
    }

    /**
     * Boots the directory's current jars.
     *
     * @throws RuntimeException when they do not boot (the kernel's {@code LiftBootException}) or
     *     the directory cannot be read
     */
    Generation boot() {
        PluginDirectory plugins = PluginDirectory.of(dir);
        Path snapshot = snapshot(plugins.jars());
        DiscoveryClassLoader loader = PluginDirectory.of(snapshot).discoveryLoader(LiftCli.class.getClassLoader());
        try {
            LiftKernel kernel = Lift.builder().environment(env).classLoader(loader).build();
            return new Generation(kernel, loader, snapshot);
        } catch (RuntimeException | LinkageError e) {
            try {
                loader.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            deleteTree(snapshot);
            throw e;
        }
    }

    /** The path a plugin was loaded from, as the user knows it: a jar of the snapshot becomes the directory's jar. */
    String displaySource(String source) {
        synchronized (lock) {
            if (current != null && source != null) {
                String prefix = current.snapshot().toUri().getPath();
                if (source.startsWith(prefix)) {
                    return dir.resolve(source.substring(prefix.length())).toString();
                }
            }
        }
        return source;
    }

    /** Starts watching, with {@code first} (from {@link #boot()}) serving in {@code server}. */
    void watch(Generation first, LocalServer server) {
        synchronized (lock) {
            current = first;
        }
        thread = new Thread(() -> run(server), "lift-serve-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(LocalServer server) {
        List<String> loaded = fingerprint();
        List<String> failed = null;
        while (!closed) {
            try {
                Thread.sleep(poll.toMillis());
                List<String> now = fingerprint();
                if (now.equals(loaded) || now.equals(failed)) {
                    continue;
                }
                // Settled: unchanged for `settle`, so a jar still being written is not read half-way.
                List<String> seen = now;
                do {
                    Thread.sleep(settle.toMillis());
                    now = seen;
                    seen = fingerprint();
                } while (!seen.equals(now) && !closed);
                if (closed) {
                    return;
                }
                if (reload(server)) {
                    loaded = now;
                    failed = null;
                } else {
                    failed = now;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.println("lift: serve --watch: " + LogText.escape(e.getMessage()) + "; still watching " + dir);
            }
        }
    }

    /** Boots the directory's jars and, if they boot, serves them instead of the current ones. */
    private boolean reload(LocalServer server) {
        long start = System.nanoTime();
        Generation next;
        try {
            next = boot();
        } catch (RuntimeException | LinkageError e) {
            log.println("lift: serve --watch: the changed jars in " + dir + " failed to boot; the previous version keeps"
                    + " serving: " + firstLine(e));
            return false;
        }
        Generation previous;
        synchronized (lock) {
            if (closed) {
                next.retire(log);
                return false;
            }
            previous = current;
            current = next;
        }
        LiftKernel replaced = server.swap(next.kernel(), RETIRE_WAIT);
        long booted = System.nanoTime();
        previous.retire(log);
        log.println("lift: serve --watch: reloaded " + dir + " in " + millis(booted - start) + " ms: "
                + ServeCommand.applications(next.kernel(), this::displaySource) + ", "
                + next.kernel().routes().size() + " routes; the previous version drained and shut down in "
                + millis(System.nanoTime() - booted) + " ms" + (replaced == previous.kernel() ? "" : " (unexpected kernel)"));
        return true;
    }

    /** Stops watching; the version serving stays open (see {@link #current()}). */
    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The version serving now. */
    Generation current() {
        synchronized (lock) {
            return current;
        }
    }

    /** Name, size and modification time of each jar, in name order. */
    private List<String> fingerprint() {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> out = new ArrayList<>();
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                try {
                    FileTime modified = Files.getLastModifiedTime(p);
                    out.add(p.getFileName() + " " + Files.size(p) + " " + modified.toInstant());
                } catch (IOException gone) {
                    out.add(p.getFileName() + " ?"); // removed meanwhile: the next poll sees it settled
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Copies the jars into a new temporary directory. */
    private static Path snapshot(List<Path> jars) {
        Path snapshot = null;
        try {
            snapshot = Files.createTempDirectory("lift-plugins-");
            for (Path jar : jars) {
                Files.copy(jar, snapshot.resolve(jar.getFileName()));
            }
            return snapshot;
        } catch (IOException e) {
            if (snapshot != null) {
                deleteTree(snapshot);
            }
            throw new UncheckedIOException("cannot copy the plugin jars: " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory: left for the system to clean
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return LogText.escape(nl < 0 ? m : m.substring(0, nl));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
