package dev.lift.kernel.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.Json;
import dev.lift.api.LiftEvent;
import java.io.IOException;

/** A minimal single-event adapter for kernel tests: {@code {"test":"event","name":"nightly"}}. */
public final class TestEventAdapter implements EventAdapter {

    /** One test event. */
    public record Ping(String name) implements LiftEvent {
        @Override
        public EventKind kind() {
            return EventKind.EVENT;
        }

        @Override
        public String source() {
            return "test-events";
        }
    }

    @Override
    public String id() {
        return "test-events";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public EventKind kind() {
        return EventKind.EVENT;
    }

    @Override
    public boolean matches(JsonNode event) {
        return "event".equals(event.path("test").asText());
    }

    @Override
    public LiftEvent decode(JsonNode event) {
        return new Ping(event.path("name").asText());
    }

    @Override
    public void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException {
        Json.mapper().writeValue(out, result);
    }
}
