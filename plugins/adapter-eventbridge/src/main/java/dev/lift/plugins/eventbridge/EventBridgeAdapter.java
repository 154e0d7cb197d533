package dev.lift.plugins.eventbridge;

import dev.lift.api.SpiVersion;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Api;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.Json;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftException;
import dev.lift.events.EventBridgeEvent;
import dev.lift.spi.support.EventFields;
import java.io.IOException;

/**
 * Decodes EventBridge events (AWS service events, custom events, anything delivered by a rule)
 * into {@link EventBridgeEvent}s for {@code onEvent} handlers, and writes the handler's result
 * as JSON. Scheduled events are claimed earlier by {@link ScheduledEventAdapter}. Stateless.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class EventBridgeAdapter implements EventAdapter {

    @Override
    public String id() {
        return "adapter-eventbridge";
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public EventKind kind() {
        return EventKind.EVENT;
    }

    /** The event has textual {@code source} and {@code detail-type} and a {@code detail} member. */
    @Override
    public boolean matches(JsonNode event) {
        return event != null && event.isObject() && event.path("source").isTextual()
                && event.path("detail-type").isTextual() && event.has("detail");
    }

    /**
     * @throws LiftException 400 naming the field when the event is broken, for example
     *     {@code The EventBridge event is malformed: id is missing}
     */
    @Override
    public EventBridgeEvent decode(JsonNode event) {
        EventFields e = EventFields.root(event, "EventBridge event");
        return new EventBridgeEvent(e.requiredText("id"), e.text("version"), e.requiredText("source"),
                e.requiredText("detail-type"), e.text("account"), e.instant("time"), e.text("region"),
                e.texts("resources"), e.node().get("detail"), e.text("replay-name"));
    }

    /** Writes the handler's result as JSON ({@code null} for none). */
    @Override
    public void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException {
        Json.mapper().writeValue(out, result);
    }
}
