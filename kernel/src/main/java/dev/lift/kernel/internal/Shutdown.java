package dev.lift.kernel.internal;

import dev.lift.spi.LifecycleState;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Graceful shutdown: stop taking invocations, let in-flight ones finish within the drain time,
 * then close resources in reverse order, each bounded. Idempotent; a second caller waits for the
 * first to finish. Safe from a shutdown hook (never calls {@code System.exit}).
 */
final class Shutdown {

    private static final System.Logger LOG = System.getLogger("lift.kernel");

    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    void run(Lifecycle lifecycle, Resources resources, Boot.Booted booted) {
        Duration drainTime = booted == null ? Duration.ZERO : booted.drainTime();
        if (!started.compareAndSet(false, true)) {
            try {
                stopped.await(drainTime.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            lifecycle.transition(LifecycleState.READY, LifecycleState.STOPPING);
            int left = lifecycle.awaitDrained(drainTime.toMillis());
            if (left > 0) {
                LOG.log(System.Logger.Level.WARNING, left + " invocation(s) still running after the drain time of "
                        + drainTime.toMillis() + " ms; closing resources anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            resources.closeAll();
            if (booted != null) {
                booted.health().close();
                ExecutorService parallel = booted.parallel();
                if (parallel != null) {
                    parallel.shutdownNow();
                }
            }
            lifecycle.transition(LifecycleState.STOPPING, LifecycleState.STOPPED);
            stopped.countDown();
        }
    }
}
