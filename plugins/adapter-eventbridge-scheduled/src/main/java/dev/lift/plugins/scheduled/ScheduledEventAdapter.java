package dev.lift.plugins.scheduled;

import dev.lift.api.SpiVersion;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Api;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.Json;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftException;
import dev.lift.events.ScheduledEvent;
import dev.lift.spi.support.EventFields;
import java.io.IOException;
import java.util.List;

/**
 * Decodes the events of EventBridge scheduled rules (source {@code aws.events}, detail-type
 * {@code Scheduled Event}) into {@link ScheduledEvent}s, so that handlers select them by rule
 * name. Runs (order 190) before {@code adapter-eventbridge} (200), which would otherwise claim them
 * too; leave this jar out and schedules reach that adapter as ordinary EventBridge events. Stateless.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class ScheduledEventAdapter implements EventAdapter {

    @Override
    public String id() {
        return "adapter-eventbridge-scheduled";
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public int order() {
        return 190;
    }

    @Override
    public EventKind kind() {
        return EventKind.EVENT;
    }

    /** {@code source} is {@code aws.events} and {@code detail-type} is {@code Scheduled Event}. */
    @Override
    public boolean matches(JsonNode event) {
        if (event == null) {
            return false;
        }
        JsonNode source = event.path("source");
        JsonNode detailType = event.path("detail-type");
        return source.isTextual() && ScheduledEvent.SOURCE.equals(source.textValue())
                && detailType.isTextual() && ScheduledEvent.DETAIL_TYPE.equals(detailType.textValue());
    }

    /**
     * @throws LiftException 400 naming the field when the event is broken, for example
     *     {@code The scheduled event is malformed: time is not an ISO-8601 timestamp: "yesterday"}
     */
    @Override
    public ScheduledEvent decode(JsonNode event) {
        EventFields e = EventFields.root(event, "scheduled event");
        List<String> resources = e.texts("resources");
        return new ScheduledEvent(e.requiredText("id"), e.text("account"), e.text("region"), e.instant("time"),
                ruleArn(resources), e.text("version"), resources, e.node().get("detail"));
    }

    /** The rule is the resource of the form {@code arn:aws:events:...:rule/NAME}. */
    private static String ruleArn(List<String> resources) {
        for (String r : resources) {
            if (r.contains(":rule/")) {
                return r;
            }
        }
        return null;
    }

    /** Writes the handler's result as JSON ({@code null} for none). */
    @Override
    public void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException {
        Json.mapper().writeValue(out, result);
    }
}
