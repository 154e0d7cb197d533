package dev.lift.plugins.failsafe;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bulkhead on a fair JDK {@link Semaphore}, acquired by {@link FailsafePolicy} around each
 * attempt. Not Failsafe 3.3.2's own {@code Bulkhead}, which loses a permit every time a caller
 * gives up waiting for one (failsafe-lib/failsafe#393): the abandoned waiter stays queued and
 * takes the next released permit, until the bulkhead rejects every call for good. The policy
 * acquires the permit itself, rather than through Failsafe's policy chain, so that the wait for a
 * permit can be cut short by the Lambda deadline before the attempt's time limit is fixed.
 * Thread-safe.
 */
final class SemaphoreBulkhead {

    /** A call was turned away because the bulkhead was full; no stack, it is expected under load. */
    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected(int maxConcurrency) {
            super(maxConcurrency + " calls are already running", null, false, false);
        }
    }

    private final int maxConcurrency;
    private final Semaphore permits;
    private final Duration maxWait;

    SemaphoreBulkhead(int maxConcurrency, Duration maxWait) {
        this.maxConcurrency = maxConcurrency;
        this.permits = new Semaphore(maxConcurrency, true);
        this.maxWait = maxWait;
    }

    /** The configured longest wait for a permit. */
    Duration maxWait() {
        return maxWait;
    }

    /**
     * Takes a permit, waiting up to {@code waitMillis} (at most the configured wait) for one.
     *
     * @throws Rejected when no permit became free in time
     * @throws InterruptedException when interrupted while waiting
     */
    void acquire(long waitMillis) throws InterruptedException {
        long wait = Math.max(0, Math.min(waitMillis, maxWait.toMillis()));
        boolean acquired = wait == 0 ? permits.tryAcquire() : permits.tryAcquire(wait, TimeUnit.MILLISECONDS);
        if (!acquired) {
            throw new Rejected(maxConcurrency);
        }
    }

    /** Gives back a permit taken by {@link #acquire}. */
    void release() {
        permits.release();
    }

    /** Permits free right now. */
    int available() {
        return permits.availablePermits();
    }
}
