package dev.lift.api;

/**
 * Wraps a single-event handler (a schedule, an EventBridge event, a WebSocket message). The
 * result is what the adapter writes back.
 *
 * @param <E> the event type
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
@FunctionalInterface
public interface EventMiddleware<E> {

    Object handle(E event, InvocationContext context, Next next) throws Exception;

    /** The rest of an event chain. */
    @FunctionalInterface
    interface Next {
        /** Runs the inner layers and the handler and returns its result (may be null). */
        Object proceed() throws Exception;
    }
}
