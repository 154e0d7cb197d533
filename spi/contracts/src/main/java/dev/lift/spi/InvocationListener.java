package dev.lift.spi;

import dev.lift.api.Api;
import dev.lift.api.InvocationContext;

/**
 * Observes every invocation, and every record of a batch, on the thread that runs it: what
 * per-invocation log context, metrics flushing and tracing need. Any active plugin that also
 * implements this interface is registered; every method is a no-op by default.
 *
 * <p>Order: {@code onStart} in plugin order, {@code onEnd} in reverse plugin order, always paired
 * (an {@code onEnd} follows every {@code onStart} that returned, whatever happened between). For a
 * batch, {@link #onRecordStart}/{@link #onRecordEnd} run around each record on the thread that
 * handles it, parallel threads included, nested inside the invocation's own start and end. A
 * listener that throws is logged and skipped; it never fails the invocation. Keep them fast.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public interface InvocationListener {

    /**
     * The event is decoded and matched; the work is about to run. {@link InvocationContext#route()}
     * and {@link InvocationContext#event()} are set.
     */
    default void onStart(InvocationContext invocation) {
    }

    /** The work is done and its outcome known; called before the response is written. */
    default void onEnd(InvocationContext invocation, InvocationOutcome outcome) {
    }

    /**
     * One record is about to run, on the thread that runs it.
     *
     * @param record the record's view of the invocation: {@code route()} is its handler
     * @param item the record
     */
    default void onRecordStart(InvocationContext record, Object item) {
    }

    /**
     * One record is done.
     *
     * @param failure what failed it, or null when it succeeded (or was dropped by a strategy)
     */
    default void onRecordEnd(InvocationContext record, Object item, Throwable failure) {
    }
}
