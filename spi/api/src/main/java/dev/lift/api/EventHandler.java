package dev.lift.api;

/**
 * Handles a single event (a schedule, an EventBridge event, a WebSocket message, a custom event).
 * The result is what the adapter writes back; may be null.
 *
 * @param <E> the event type
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface EventHandler<E> {

    Object handle(E event, InvocationContext context) throws Exception;
}
