package dev.lift.kernel.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads what a test adapter wrote. */
public final class Responses {

    private Responses() {
    }

    public static JsonNode parse(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
