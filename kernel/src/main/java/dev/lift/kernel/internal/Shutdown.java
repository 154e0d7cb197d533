package dev.lift.kernel.internal;

import dev.lift.api.LogText;
import dev.lift.spi.LifecycleState;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Graceful shutdown inside one overall budget ({@code lift.kernel.shutdown-budget}, default 300 ms,
 * what Lambda leaves a runtime after SIGTERM with an extension registered): stop taking
 * invocations, let in-flight ones finish (at most {@code lift.kernel.drain-time} and never past the
 * budget), close resources in reverse opening order, each bounded by its own timeout and by what is
 * left of the budget, stop the kernel's threads, tell lifecycle listeners (plugins flush there), and
 * write one line saying what was closed and how long it took.
 *
 * <p>That line and any warning go straight to the process's standard error, not through
 * {@code java.util.logging}: the JDK resets JUL in a shutdown hook of its own that runs at the same
 * time as ours, and a warning logged through it can vanish. Idempotent; a second caller waits for the
 * first to finish. Safe from a shutdown hook (never calls {@code System.exit}). The summary line can be
 * left out with {@code lift.kernel.shutdown-summary=false} (the command line does, for commands that
 * print a result); the warnings never are.
 */
final class Shutdown {

    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    void run(Lifecycle lifecycle, Resources resources, Boot.Booted booted) {
        Duration budget = booted == null ? Duration.ofMillis(300) : booted.shutdownBudget();
        if (!started.compareAndSet(false, true)) {
            try {
                stopped.await(budget.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        List<String> notes = new ArrayList<>();
        PrintStream out = System.err; // as it is now: a test or a logging plugin may have replaced it since boot
        int inFlightAtStart = lifecycle.inFlight();
        int left = 0;
        List<String> closed = List.of();
        boolean interrupted = false;
        try {
            lifecycle.transition(LifecycleState.READY, LifecycleState.STOPPING);
            long drainCap = booted == null ? 0 : booted.drainTime().toNanos();
            long drainFor = Math.min(drainCap, deadline - System.nanoTime());
            left = lifecycle.awaitDrained(Math.max(0, TimeUnit.NANOSECONDS.toMillis(drainFor)));
            if (left > 0) {
                notes.add(left + " invocation(s) still running after " + millisSince(start) + " ms; closing resources anyway");
            }
        } catch (InterruptedException e) {
            interrupted = true;
            notes.add("interrupted while draining; closing resources now");
        } finally {
            try {
                closed = resources.closeAll(deadline, notes);
                if (booted != null) {
                    booted.health().close();
                    ExecutorService parallel = booted.parallel();
                    if (parallel != null) {
                        parallel.shutdownNow();
                    }
                }
                lifecycle.transition(LifecycleState.STOPPING, LifecycleState.STOPPED);
            } finally {
                for (String note : notes) {
                    out.println("lift: shutdown: " + LogText.escape(note));
                }
                long took = millisSince(start);
                if (booted == null || booted.shutdownSummary() || !notes.isEmpty()) {
                    out.println("lift: shutdown complete in " + took + " ms (budget " + budget.toMillis() + " ms"
                        + (took > budget.toMillis() ? ", exceeded" : "") + "): "
                        + describeDrain(inFlightAtStart, left) + "; closed "
                        + (closed.isEmpty() ? "no resources" : closed.size() + " resource(s) in reverse order: "
                        + LogText.escape(String.join(", ", closed))));
                }
                out.flush();
                System.out.flush();
                stopped.countDown();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static String describeDrain(int atStart, int left) {
        if (atStart == 0) {
            return "no invocation in flight";
        }
        return (atStart - left) + " of " + atStart + " in-flight invocation(s) finished";
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
