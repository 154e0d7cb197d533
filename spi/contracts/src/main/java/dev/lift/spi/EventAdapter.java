package dev.lift.spi;

import dev.lift.api.Api;
import dev.lift.api.BatchResponse;
import dev.lift.api.EventKind;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftException;
import dev.lift.api.LiftPlugin;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Turns one kind of Lambda event into a {@link LiftEvent} and the outcome back into the exact
 * JSON that the event source expects.
 *
 * <p>The kernel parses the event once and asks adapters, in {@link #order()}, whether it is
 * theirs; the first that says yes decodes it. {@link #matches} must be a few field look-ups,
 * never a trial decode. Implementations are shared by concurrent invocations.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface EventAdapter extends LiftPlugin {

    /** What this adapter decodes events into. */
    EventKind kind();

    /** Whether this event is this adapter's; a few field look-ups, no side effects. */
    boolean matches(JsonNode event);

    /**
     * Decodes the event.
     *
     * @throws LiftException (400) when the event is malformed; for an HTTP adapter the kernel then
     *     answers with an error response encoded by {@link #encode} with a null event
     */
    LiftEvent decode(JsonNode event);

    /**
     * Writes the outcome in the source's response shape.
     *
     * @param event the decoded event, or null when decoding failed
     * @param result an {@link HttpResponse} for HTTP adapters, a {@link BatchResponse} for record
     *     batches, or a handler's return value (possibly null) for single events
     * @param out where to write exactly one JSON value
     */
    void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException;

    /**
     * Whether a single-event handler's failure is answered rather than failing the invocation. An
     * adapter whose source shows the response to a client (a WebSocket route response, say)
     * returns true; the kernel then passes the {@link HttpResponse} that the error strategies make
     * of the exception (a problem response; nothing of a non-Lift exception is shown) to
     * {@link #encode}. The default, false, fails the invocation so that the source retries the
     * event or sends it to its dead-letter queue. Batches and HTTP requests are not affected.
     *
     * @since 0.1
     */
    default boolean answersFailures() {
        return false;
    }
}
