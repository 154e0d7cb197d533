package dev.lift.plugins.logging;

import dev.lift.api.InvocationContext;

/**
 * The invocation a thread is working for, set by the plugin's listener when an invocation or a
 * record starts on that thread and removed when it ends, so that every line logged meanwhile, by
 * Lift, plugins or handlers, carries that invocation's ids and obeys its level. A record that runs
 * on the invoking thread nests inside its invocation; on a record thread it stands alone.
 */
final class LogContext {

    /** One level of nesting. */
    record Frame(InvocationContext invocation, int threshold, Frame previous) {
    }

    private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

    private LogContext() {
    }

    static Frame current() {
        return CURRENT.get();
    }

    static void push(InvocationContext invocation, int threshold) {
        CURRENT.set(new Frame(invocation, threshold, CURRENT.get()));
    }

    /** Leaves the frame of {@code invocation}, and any a listener failed to leave inside it. */
    static void pop(InvocationContext invocation) {
        for (Frame f = CURRENT.get(); f != null; f = f.previous()) {
            if (f.invocation() == invocation) {
                if (f.previous() == null) {
                    CURRENT.remove();
                } else {
                    CURRENT.set(f.previous());
                }
                return;
            }
        }
    }
}
