package dev.lift.events;

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
}
