package dev.lift.reliability.faults;

import dev.lift.api.InvocationContext;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * What a record's handler does to itself. Each kind either always succeeds or always fails,
 * whatever the machine's speed, so the plan of a seeded run is reproducible; the deadline kinds
 * read the time left from the Lambda context, as a handler that respects its deadline does.
 */
enum Fault {

    /** Returns normally. */
    NONE(true),
    /** Throws an unchecked exception. */
    RUNTIME_EXCEPTION(false),
    /** Throws a checked exception. */
    CHECKED_EXCEPTION(false),
    /** Throws an {@link Error} of the application's own. */
    CUSTOM_ERROR(false),
    /** Recurses until the stack overflows. */
    STACK_OVERFLOW(false),
    /** Sets its thread's interrupt flag and throws {@link InterruptedException}. */
    INTERRUPTED_EXCEPTION(false),
    /** Sets its thread's interrupt flag and returns normally: a success whose flag must not reach the next record. */
    INTERRUPT_FLAG_LEFT_SET(true),
    /** Sleeps until just before the deadline the context gives, then returns normally. */
    SLEEP_NEAR_DEADLINE(true),
    /** Sleeps until the deadline the context gives has passed, notices and throws a {@link TimeoutException}. */
    SLEEP_PAST_DEADLINE(false);

    /** How close to the deadline {@link #SLEEP_NEAR_DEADLINE} wakes up. */
    private static final long NEAR_MARGIN_MILLIS = 5;

    private final boolean succeeds;

    Fault(boolean succeeds) {
        this.succeeds = succeeds;
    }

    /** Whether a handler with this fault returns normally. */
    boolean succeeds() {
        return succeeds;
    }

    /** Whether this fault waits for the invocation's deadline. */
    boolean sleeps() {
        return this == SLEEP_NEAR_DEADLINE || this == SLEEP_PAST_DEADLINE;
    }

    /** Does what this fault says: returns only for the kinds that succeed. */
    void inject(InvocationContext context) throws Exception {
        switch (this) {
            case NONE:
                return;
            case RUNTIME_EXCEPTION:
                throw new IllegalStateException("injected: a handler bug");
            case CHECKED_EXCEPTION:
                throw new IOException("injected: a downstream call failed");
            case CUSTOM_ERROR:
                throw new InjectedError();
            case STACK_OVERFLOW:
                recurse(0);
                throw new AssertionError("the stack did not overflow");
            case INTERRUPTED_EXCEPTION:
                Thread.currentThread().interrupt();
                throw new InterruptedException("injected: interrupted while waiting");
            case INTERRUPT_FLAG_LEFT_SET:
                Thread.currentThread().interrupt();
                return;
            case SLEEP_NEAR_DEADLINE: {
                long sleep = context.remainingTime().toMillis() - NEAR_MARGIN_MILLIS;
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
                return;
            }
            case SLEEP_PAST_DEADLINE: {
                long left;
                while ((left = context.remainingTime().toMillis()) >= 0) {
                    Thread.sleep(left + 1);
                }
                throw new TimeoutException("injected: the record took " + -left + " ms longer than the invocation had");
            }
            default:
                throw new AssertionError(this);
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    /** An application's own {@link Error}, which must fail its record only. */
    static final class InjectedError extends Error {
        private static final long serialVersionUID = 1L;

        InjectedError() {
            super("injected: an application error");
        }
    }
}
