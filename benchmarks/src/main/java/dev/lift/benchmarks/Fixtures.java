package dev.lift.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.kernel.LambdaRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The benchmarks' inputs: the AWS sample events under {@code /events} (see events/NOTICE), read once per trial. */
final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** The bytes of {@code /events/<name>}. */
    static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalStateException("events/" + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(JsonNode tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The SQS sample widened to {@code records} messages: copies of its one record, each with its own
     * message id ({@code <sample id>-<n>}), as a standard queue would deliver them.
     */
    static byte[] sqsEvent(int records) {
        ObjectNode event = (ObjectNode) tree(bytes("sqs_event.json"));
        ObjectNode sample = (ObjectNode) event.path("Records").get(0);
        ArrayNode out = event.putArray("Records");
        for (int i = 0; i < records; i++) {
            ObjectNode r = sample.deepCopy();
            r.put("messageId", sample.path("messageId").asText() + "-" + i);
            out.add(r);
        }
        return write(event);
    }

    /** An API Gateway HTTP API (v2) request for {@code method path}, otherwise the AWS sample. */
    static byte[] httpV2(String method, String path) {
        ObjectNode event = (ObjectNode) tree(bytes("apigw_http_event.json"));
        event.put("rawPath", path);
        event.put("routeKey", "$default");
        ObjectNode http = (ObjectNode) event.path("requestContext").path("http");
        http.put("method", method);
        http.put("path", path);
        return write(event);
    }

    /** Once per benchmark, like the Lambda runtime's context: the benchmarks measure the invocation, not the id. */
    static LambdaRequest request() {
        return new LambdaRequest("3f1f6c1e-bench-0000-0000-000000000000", System.currentTimeMillis() + 3_600_000L,
                "arn:aws:lambda:us-east-1:123456789012:function:bench", null, "bench", "$LATEST", 512);
    }
}
