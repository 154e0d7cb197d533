package dev.lift.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import java.io.IOException;
import org.opentest4j.AssertionFailedError;

/** JSON comparison shared by the result types: equal as trees, shown pretty-printed when not. */
final class JsonAssertions {

    private JsonAssertions() {
    }

    static JsonNode parse(String what, String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionFailedError(what + " is not valid JSON: " + e.getMessage() + "\n" + json);
        }
    }

    static void assertJsonEquals(String what, String expectedJson, JsonNode actual) {
        JsonNode expected = parse("The expected JSON", expectedJson);
        if (!expected.equals(actual)) {
            String e = pretty(expected);
            String a = pretty(actual);
            throw new AssertionFailedError(what + " differs from the expected JSON\nexpected: " + e + "\nactual:   " + a, e, a);
        }
    }

    static String pretty(JsonNode node) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return String.valueOf(node);
        }
    }
}
