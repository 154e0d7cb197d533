package dev.lift.plugins.logging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import dev.lift.kernel.LambdaRequest;
import dev.lift.plugins.testsupport.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The real HTTP API sample event, pointed at another method, path and headers. */
final class HttpEvents {

    static final String TRACE = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";

    private HttpEvents() {
    }

    static byte[] http(String method, String rawPath, Map<String, String> headers) {
        return Fixtures.httpApi(method, rawPath, headers);
    }

    /** The real SQS sample event with one record per body, message ids m1, m2, ... */
    static byte[] sqs(String... bodies) {
        return Fixtures.sqs(bodies);
    }

    static LambdaRequest lambda(String requestId) {
        return new LambdaRequest(requestId, System.currentTimeMillis() + 60_000,
                "arn:aws:lambda:eu-central-1:123456789012:function:orders", TRACE, "orders", "$LATEST", 512);
    }

    static JsonNode parse(byte[] response) {
        try {
            return Json.mapper().readTree(new String(response, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
