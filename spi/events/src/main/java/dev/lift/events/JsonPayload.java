package dev.lift.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import dev.lift.api.LiftException;
import java.nio.charset.StandardCharsets;

/** Decodes a record's JSON payload (an SQS body, an SNS message, Kinesis data) into a type, with Lift's error mapping. */
final class JsonPayload {

    private JsonPayload() {
    }

    /**
     * @param what names the payload in the error for an empty one, for example {@code "the body of SQS message 42"}
     */
    static <T> T decode(String text, Class<T> type, String what) {
        if (text == null || text.isBlank()) {
            throw LiftException.badRequest(what + " is empty; a JSON document was expected");
        }
        return decode(text.getBytes(StandardCharsets.UTF_8), type, what);
    }

    static <T> T decode(byte[] bytes, Class<T> type, String what) {
        if (bytes == null || bytes.length == 0) {
            throw LiftException.badRequest(what + " is empty; a JSON document was expected");
        }
        // Jackson caches the deserializer per type in the shared mapper, so the reader is cheap.
        return Json.decodeBody(bytes, Json.mapper().readerFor(type));
    }

    /** A JSON tree (an EventBridge {@code detail}) decoded into a type, with the same error mapping as bytes. */
    static <T> T decode(JsonNode tree, Class<T> type, String what) {
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
        // Going through the bytes gives the tree the same 400/422 error mapping as request bodies.
        return decode(json, type, what);
    }
}
