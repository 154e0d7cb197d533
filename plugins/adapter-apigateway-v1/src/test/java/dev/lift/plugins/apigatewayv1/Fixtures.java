package dev.lift.plugins.apigatewayv1;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.spi.EventAdapter;
import dev.lift.spi.Json;
import dev.lift.spi.LiftEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the shared AWS sample events and encodes responses the way the kernel does. */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String name) {
        return Path.of(System.getProperty("lift.fixtures"), name);
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String name) {
        return parse(new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8));
    }

    static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

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
