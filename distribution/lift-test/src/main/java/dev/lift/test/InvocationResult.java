package dev.lift.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Api;
import java.nio.charset.StandardCharsets;

/**
 * What one invocation returned: the exact response JSON the kernel wrote, readable as an HTTP
 * response ({@link #http()}), a partial batch response ({@link #batch()}) or plain JSON.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class InvocationResult {

    private final byte[] bytes;
    private JsonNode json;

    InvocationResult(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** The response bytes exactly as written. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The response as text. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The response as a JSON tree. */
    public JsonNode json() {
        if (json == null) {
            json = JsonAssertions.parse("The response", text());
        }
        return json;
    }

    /** Asserts that the response equals this JSON (as a tree: key order and spacing do not matter). */
    public InvocationResult assertJson(String expectedJson) {
        JsonAssertions.assertJsonEquals("The response", expectedJson, json());
        return this;
    }

    /** The response read as an API Gateway (v1 or v2) or ALB HTTP response. */
    public HttpResult http() {
        return new HttpResult(json());
    }

    /** The response read as a partial batch response ({@code batchItemFailures}). */
    public BatchResult batch() {
        return new BatchResult(json());
    }

    @Override
    public String toString() {
        return text();
    }
}
