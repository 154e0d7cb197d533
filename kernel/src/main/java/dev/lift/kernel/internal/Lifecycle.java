package dev.lift.kernel.internal;

import dev.lift.spi.LifecycleListener;
import dev.lift.spi.LifecycleState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kernel states and in-flight invocations. Entering is two atomic operations so that the hot path
 * takes no lock; draining waits on a monitor that the last leaving invocation signals.
 */
final class Lifecycle {

    private static final System.Logger LOG = System.getLogger("lift.kernel");

    private final AtomicReference<LifecycleState> state = new AtomicReference<>(LifecycleState.STARTING);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<LifecycleListener> listeners = new CopyOnWriteArrayList<>();
    private final Object drained = new Object();

    LifecycleState state() {
        return state.get();
    }

    void addListener(LifecycleListener listener) {
        listeners.add(listener);
    }

    /** Moves to {@code to} if the state is {@code from}; tells listeners. */
    boolean transition(LifecycleState from, LifecycleState to) {
        if (!state.compareAndSet(from, to)) {
            return false;
        }
        for (LifecycleListener l : listeners) {
            try {
                l.onStateChange(from, to);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A lifecycle listener failed on " + from + " -> " + to, e);
            }
        }
        return true;
    }

    void bootFailed(Throwable error) {
        LifecycleState from = state.getAndSet(LifecycleState.FAILED);
        for (LifecycleListener l : listeners) {
            try {
                l.onStateChange(from, LifecycleState.FAILED);
                l.onBootFailure(error);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A lifecycle listener failed on boot failure", e);
            }
        }
    }

    /** Registers an invocation; false when the kernel is not ready (the caller must not proceed). */
    boolean enter() {
        inFlight.incrementAndGet();
        if (state.get() != LifecycleState.READY) {
            exit();
            return false;
        }
        return true;
    }

    void exit() {
        if (inFlight.decrementAndGet() == 0 && state.get() == LifecycleState.STOPPING) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Waits until no invocation is in flight or the time is up; returns how many are still running. */
    int awaitDrained(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (drained) {
            while (inFlight.get() > 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                drained.wait(left);
            }
        }
        return inFlight.get();
    }
}
