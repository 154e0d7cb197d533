package dev.lift.plugins.failsafe;

import dev.failsafe.ExecutionContext;
import dev.failsafe.Policy;
import dev.failsafe.PolicyConfig;
import dev.failsafe.spi.ExecutionResult;
import dev.failsafe.spi.PolicyExecutor;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A bulkhead as a Failsafe policy (through Failsafe's policy SPI) on a JDK {@link Semaphore}.
 * Failsafe 3.3.2's own {@code Bulkhead} loses a permit every time a caller gives up waiting for
 * one (failsafe-lib/failsafe#393): the abandoned waiter stays queued and takes the next released
 * permit, until the bulkhead rejects every call for good. Thread-safe.
 */
final class SemaphoreBulkhead implements Policy<Object> {

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
    private final PolicyConfig<Object> config = new PolicyConfig<>() {
    };

    SemaphoreBulkhead(int maxConcurrency, Duration maxWait) {
        this.maxConcurrency = maxConcurrency;
        this.permits = new Semaphore(maxConcurrency, true);
        this.maxWait = maxWait;
    }

    @Override
    public PolicyConfig<Object> getConfig() {
        return config;
    }

    @Override
    public PolicyExecutor<Object> toExecutor(int policyIndex) {
        return new PolicyExecutor<>(this, policyIndex) {
            @Override
            protected ExecutionResult<Object> preExecute() {
                try {
                    boolean acquired = maxWait.isZero() ? permits.tryAcquire()
                            : permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
                    // Without a permit the call ends here and Failsafe skips this policy's onSuccess/onFailure.
                    return acquired ? null : ExecutionResult.exception(new Rejected(maxConcurrency));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ExecutionResult.exception(e);
                }
            }

            @Override
            protected void onSuccess(ExecutionResult<Object> result) {
                permits.release();
            }

            @Override
            protected ExecutionResult<Object> onFailure(ExecutionContext<Object> context, ExecutionResult<Object> result) {
                permits.release();
                return result;
            }
        };
    }

    /** Permits free right now. */
    int available() {
        return permits.availablePermits();
    }
}
