package dev.lift.plugins.problem;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.Headers;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftEvent;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A minimal HTTP adapter for end-to-end tests (a plugin must not depend on a real adapter plugin):
 * {@code {"method":"GET","path":"/x","body":"...","headers":{"k":"v"}}} in,
 * {@code {"status":200,"headers":{"k":"v"},"body":"..."}} out.
 */
final class TestHttpAdapter implements EventAdapter {

    @Override
    public String id() {
        return "test-http";
    }

    @Override
    public EventKind kind() {
        return EventKind.HTTP;
    }

    @Override
    public boolean matches(JsonNode event) {
        return event.path("method").isTextual() && event.path("path").isTextual();
    }

    @Override
    public LiftEvent decode(JsonNode event) {
        Headers.Builder headers = Headers.builder();
        event.path("headers").properties().forEach(e -> headers.add(e.getKey(), e.getValue().asText()));
        return HttpRequest.builder().source(id()).method(event.path("method").asText())
                .path(event.path("path").asText()).headers(headers.build())
                .body(event.path("body").isTextual() ? event.path("body").asText() : null).build();
    }

    @Override
    public void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException {
        HttpResponse r = (HttpResponse) result;
        out.writeStartObject();
        out.writeNumberField("status", r.statusCode());
        out.writeObjectFieldStart("headers");
        for (Map.Entry<String, List<String>> h : r.headers().entrySet()) {
            out.writeStringField(h.getKey(), String.join(",", h.getValue()));
        }
        out.writeEndObject();
        out.writeStringField("body", r.bodyText());
        out.writeEndObject();
    }
}
