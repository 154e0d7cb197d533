package dev.lift.plugins.scheduled;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.spi.EventAdapter;
import dev.lift.spi.Json;
import dev.lift.spi.LiftEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real AWS sample events shared by every module's tests (system property {@code lift.fixtures}). */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String name) {
        return Path.of(System.getProperty("lift.fixtures"), name);
    }

    static ObjectNode event(String name) {
        try {
            return (ObjectNode) Json.mapper().readTree(Files.readAllBytes(path(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(JsonNode event) {
        try {
            return Json.mapper().writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** What the adapter writes for this result, as the kernel would call it. */
    static String encode(EventAdapter adapter, LiftEvent event, Object result) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(w)) {
            adapter.encode(event, result, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
