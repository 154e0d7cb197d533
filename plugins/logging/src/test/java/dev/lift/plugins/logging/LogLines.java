package dev.lift.plugins.logging;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What the plugin wrote, as an operator's log would hold it. */
final class LogLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    List<String> lines() {
        String t = text();
        assertTrue(t.isEmpty() || t.endsWith("\n"), "output ends with a complete line: " + t);
        return t.isEmpty() ? List.of() : List.of(t.split("\n", -1)).subList(0, t.split("\n", -1).length - 1);
    }

    /** Every line, each parsed as one JSON object; fails on a line that is not one. */
    List<JsonNode> json() {
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines()) {
            try {
                JsonNode n = JSON.readTree(line);
                assertTrue(n != null && n.isObject(), "not a JSON object: " + line);
                out.add(n);
            } catch (IOException e) {
                fail("not a JSON line: " + line + " (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    List<JsonNode> json(Predicate<JsonNode> which) {
        return json().stream().filter(which).toList();
    }

    JsonNode one(Predicate<JsonNode> which) {
        List<JsonNode> found = json(which);
        if (found.size() != 1) {
            fail("expected one such line, found " + found.size() + " in:\n" + text());
        }
        return found.get(0);
    }

    static Predicate<JsonNode> message(String message) {
        return n -> n.path("message").asText().equals(message);
    }

    static Predicate<JsonNode> logger(String logger) {
        return n -> n.path("logger").asText().equals(logger);
    }
}
