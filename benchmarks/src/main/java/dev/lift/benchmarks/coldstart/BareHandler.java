package dev.lift.benchmarks.coldstart;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The bare handler of the cold-start comparison: only the unavoidable work of an HTTP API function.
 * It reads the API Gateway HTTP API (2.0) event with Jackson, answers {@code GET /hello/{name}} with
 * {@code {"message":"Hello, name!"}} in a 2.0 response and 404 otherwise, as a hand-written handler
 * would. Jackson comes from the same lift.jar as Lift's.
 */
public final class BareHandler implements RequestStreamHandler {
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = mapper.readTree(input);
        String method = event.path("requestContext").path("http").path("method").asText();
        String path = event.path("rawPath").asText();
        ObjectNode response = mapper.createObjectNode();
        if (method.equals("GET") && path.startsWith("/hello/")) {
            ObjectNode body = mapper.createObjectNode();
            body.put("message", "Hello, " + path.substring("/hello/".length()) + "!");
            response.put("statusCode", 200);
            response.putObject("headers").put("content-type", "application/json");
            response.put("body", mapper.writeValueAsString(body));
        } else {
            response.put("statusCode", 404);
            response.putObject("headers").put("content-type", "application/problem+json");
            response.put("body", "{\"status\":404}");
        }
        response.put("isBase64Encoded", false);
        mapper.writeValue(output, response);
    }
}
