package dev.lift.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Api;
import dev.lift.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * An EventBridge event (and, through {@link Events#scheduled}, the event a schedule rule sends):
 * {@code version}, {@code id}, {@code detail-type}, {@code source}, {@code account},
 * {@code time}, {@code region}, {@code resources} and {@code detail}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class EventBridgeEventBuilder implements TestEvent {

    private final String source;
    private final String detailType;
    private final List<String> resources = new ArrayList<>();
    private String id = "event-1";
    private Instant time = Instant.parse("2025-01-01T00:00:00Z");
    private JsonNode detail = Json.mapper().createObjectNode();

    EventBridgeEventBuilder(String source, String detailType) {
        this.source = source;
        this.detailType = detailType;
    }

    /** The rule that sent it: adds the rule's ARN to {@code resources}. */
    public EventBridgeEventBuilder rule(String ruleName) {
        return resource("arn:aws:events:" + Events.REGION + ":" + Events.ACCOUNT + ":rule/" + ruleName);
    }

    /** Adds a resource ARN. */
    public EventBridgeEventBuilder resource(String arn) {
        resources.add(arn);
        return this;
    }

    /** The {@code detail} object, as JSON text. */
    public EventBridgeEventBuilder detail(String json) {
        try {
            this.detail = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("detail is not valid JSON", e);
        }
        return this;
    }

    /** The {@code detail} object, written from a value. */
    public EventBridgeEventBuilder detailOf(Object value) {
        this.detail = Json.mapper().valueToTree(value);
        return this;
    }

    /** The event id. */
    public EventBridgeEventBuilder id(String id) {
        this.id = id;
        return this;
    }

    /** The event time (EventBridge sends whole seconds). */
    public EventBridgeEventBuilder at(Instant instant) {
        this.time = instant.truncatedTo(ChronoUnit.SECONDS);
        return this;
    }

    @Override
    public ObjectNode toJsonTree() {
        ObjectNode e = Json.mapper().createObjectNode();
        e.put("version", "0");
        e.put("id", id);
        e.put("detail-type", detailType);
        e.put("source", source);
        e.put("account", Events.ACCOUNT);
        e.put("time", time.toString());
        e.put("region", Events.REGION);
        ArrayNode r = e.putArray("resources");
        resources.forEach(r::add);
        e.set("detail", detail.deepCopy());
        return e;
    }
}
