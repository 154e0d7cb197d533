package dev.lift.kernel.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.Headers;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftException;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A minimal HTTP adapter for kernel tests (the kernel must not depend on real adapter plugins):
 * {@code {"test":"http","method":"GET","path":"/x","body":"...","headers":{"k":"v"}}} in,
 * {@code {"status":200,"headers":{"k":["v"]},"body":"..."}} out.
 */
public final class TestHttpAdapter implements EventAdapter {

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
        return "http".equals(event.path("test").asText());
    }

    @Override
    public LiftEvent decode(JsonNode event) {
        if (!event.path("path").isTextual()) {
            throw LiftException.badRequest("path is missing");
        }
        Headers.Builder headers = Headers.builder();
        event.path("headers").properties().forEach(e -> headers.add(e.getKey(), e.getValue().asText()));
        return HttpRequest.builder().source(id()).method(event.path("method").asText("GET"))
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
            out.writeArrayFieldStart(h.getKey());
            for (String v : h.getValue()) {
                out.writeString(v);
            }
            out.writeEndArray();
        }
        out.writeEndObject();
        out.writeStringField("body", r.bodyText());
        out.writeEndObject();
    }

    /** An event for this adapter. */
    public static byte[] request(String method, String path, String body, String... headerPairs) {
        StringBuilder sb = new StringBuilder("{\"test\":\"http\",\"method\":\"").append(method)
                .append("\",\"path\":\"").append(path).append('"');
        if (body != null) {
            sb.append(",\"body\":").append(quote(body));
        }
        sb.append(",\"headers\":{");
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            sb.append(i == 0 ? "" : ",").append(quote(headerPairs[i])).append(':').append(quote(headerPairs[i + 1]));
        }
        return sb.append("}}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String quote(String s) {
        try {
            return dev.lift.api.Json.mapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
