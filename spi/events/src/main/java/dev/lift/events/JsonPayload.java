package dev.lift.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.FieldError;
import dev.lift.api.Json;
import dev.lift.api.LiftException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Decodes a record's JSON payload (an SQS body, an SNS message, Kinesis data) into a type, with Lift's error mapping. */
final class JsonPayload {

    private JsonPayload() {
    }

    /**
     * @param what with {@code id}, names the payload in errors, for example {@code "The body of SQS message "}
     *     and {@code 42}; joined only when there is an error (batches decode every record through here)
     */
    static <T> T decode(String text, Class<T> type, String what, Object id) {
        if (text == null || text.isBlank()) {
            throw LiftException.badRequest(what + id + " is empty; a JSON document was expected");
        }
        return decode(text.getBytes(StandardCharsets.UTF_8), type, what, id);
    }

    static <T> T decode(byte[] bytes, Class<T> type, String what, Object id) {
        if (bytes == null || bytes.length == 0) {
            throw LiftException.badRequest(what + id + " is empty; a JSON document was expected");
        }
        try {
            // Jackson caches the deserializer per type in the shared mapper, so the reader is cheap.
            return Json.decodeBody(bytes, Json.mapper().readerFor(type));
        } catch (LiftException e) {
            throw reworded(e, what + id);
        }
    }

    private static final String REQUEST_BODY = "The request body";

    /**
     * Json's errors speak of "the request body" and count fields; a record's failure is read in a
     * log, so it names the payload and each field: {@code The body of SQS message 42 is not valid
     * JSON at line 1, column 9}, {@code The body of SQS message 42: field 'title' is required}.
     * A type's own validation error is passed on as it is.
     */
    static LiftException reworded(LiftException e, String what) {
        String detail;
        if (!e.fieldErrors().isEmpty()) {
            detail = what + ": " + fields(e.fieldErrors());
        } else if (e.detail() != null && e.detail().startsWith(REQUEST_BODY)) {
            detail = what + e.detail().substring(REQUEST_BODY.length());
        } else {
            return e;
        }
        return new LiftException(e.status(), e.code(), e.title(), detail, e.retryable(), e.headers(), e.fieldErrors(),
                e.getCause());
    }

    private static String fields(List<FieldError> errors) {
        return errors.stream()
                .map(f -> "$".equals(f.field()) ? "the document " + f.message() : "field '" + f.field() + "' " + f.message())
                .collect(Collectors.joining(", "));
    }

    /** A JSON tree (an EventBridge {@code detail}) decoded into a type, with the same error mapping as bytes. */
    static <T> T decode(JsonNode tree, Class<T> type, String what, Object id) {
        byte[] json;
        try {
            json = Json.mapper().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
        // Going through the bytes gives the tree the same 400/422 error mapping as request bodies.
        return decode(json, type, what, id);
    }
}
