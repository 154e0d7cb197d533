package dev.lift.plugins.deadline;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One piece of work run on a deadline worker while the invoking thread waits for it. Cancelling
 * interrupts the worker only while the work runs, and the worker clears its interrupt flag before
 * it lets go of the work, so no interrupt (ours or the handler's own) outlives the work: not on the
 * worker, which runs the next invocation's work, and never on the invoking thread, which is never
 * interrupted.
 */
final class Deadlined<T> implements Runnable {

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int INTERRUPTING = 3;
    private static final int CANCELLED = 4;

    private final Callable<T> work;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread runner;
    private volatile T result;
    private volatile Throwable failure;

    Deadlined(Callable<T> work) {
        this.work = work;
    }

    @Override
    public void run() {
        runner = Thread.currentThread();
        if (!state.compareAndSet(NEW, RUNNING)) {
            return; // cancelled while queued: the invocation has already answered
        }
        try {
            result = work.call();
        } catch (Throwable t) {
            failure = t;
        } finally {
            if (!state.compareAndSet(RUNNING, DONE)) {
                while (state.get() == INTERRUPTING) {
                    Thread.onSpinWait(); // the canceller is between its two steps; the interrupt is on its way
                }
            }
            Thread.interrupted();
            runner = null;
            finished.countDown();
        }
    }

    /**
     * Waits up to {@code millis} for the work.
     *
     * @return true when it finished (its result or failure is ready), false when time ran out
     */
    boolean await(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops the work: a queued one never starts, a running one is interrupted.
     *
     * @return true when stopped; false when it had already finished
     */
    boolean cancel() {
        if (state.compareAndSet(NEW, CANCELLED)) {
            return true;
        }
        if (state.compareAndSet(RUNNING, INTERRUPTING)) {
            Thread t = runner;
            if (t != null) {
                t.interrupt();
            }
            state.set(CANCELLED);
            return true;
        }
        return state.get() == CANCELLED;
    }

    /** The work's result, or what it threw; call after {@link #await} returned true or {@link #cancel} false. */
    T outcome() throws Exception {
        try {
            finished.await(); // a cancel that lost the race: DONE is set, the latch opens at once
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
        Throwable t = failure;
        if (t instanceof Exception) {
            throw (Exception) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
        return result;
    }
}
