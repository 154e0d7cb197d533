package dev.lift.kernel.internal;

import dev.lift.api.InvocationContext;
import dev.lift.spi.InvocationListener;
import dev.lift.spi.InvocationOutcome;
import java.util.List;

/**
 * Calls the invocation listeners: starts in plugin order, ends in reverse. A listener that throws
 * is logged and skipped, never failing the invocation. With no listeners every call is a loop
 * over an empty array.
 */
final class Hooks {

    private static final System.Logger LOG = System.getLogger("lift.kernel");

    private final InvocationListener[] listeners;

    Hooks(List<InvocationListener> listeners) {
        this.listeners = listeners.toArray(new InvocationListener[0]);
    }

    boolean isEmpty() {
        return listeners.length == 0;
    }

    void start(InvocationContext invocation) {
        for (InvocationListener l : listeners) {
            try {
                l.onStart(invocation);
            } catch (RuntimeException | LinkageError e) {
                failed(l, "onStart", invocation, e);
            }
        }
    }

    void end(InvocationContext invocation, InvocationOutcome outcome) {
        for (int i = listeners.length - 1; i >= 0; i--) {
            try {
                listeners[i].onEnd(invocation, outcome);
            } catch (RuntimeException | LinkageError e) {
                failed(listeners[i], "onEnd", invocation, e);
            }
        }
    }

    void recordStart(InvocationContext record, Object item) {
        for (InvocationListener l : listeners) {
            try {
                l.onRecordStart(record, item);
            } catch (RuntimeException | LinkageError e) {
                failed(l, "onRecordStart", record, e);
            }
        }
    }

    void recordEnd(InvocationContext record, Object item, Throwable failure) {
        for (int i = listeners.length - 1; i >= 0; i--) {
            try {
                listeners[i].onRecordEnd(record, item, failure);
            } catch (RuntimeException | LinkageError e) {
                failed(listeners[i], "onRecordEnd", record, e);
            }
        }
    }

    private static void failed(InvocationListener l, String hook, InvocationContext invocation, Throwable e) {
        String name = l instanceof dev.lift.api.LiftPlugin ? ((dev.lift.api.LiftPlugin) l).id() : l.getClass().getName();
        LOG.log(System.Logger.Level.WARNING, "Invocation listener '" + name + "' failed in " + hook + " of request "
                + invocation.requestId(), e);
    }
}
