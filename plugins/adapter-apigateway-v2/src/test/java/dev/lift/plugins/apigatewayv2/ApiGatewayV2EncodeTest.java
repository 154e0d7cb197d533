package dev.lift.plugins.apigatewayv2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;

class ApiGatewayV2EncodeTest {

    private final ApiGatewayV2Adapter adapter = new ApiGatewayV2Adapter();

    private String encode(Object result) {
        HttpRequest request = adapter.decode(Fixtures.json("apigw_http_event.json"));
        return Fixtures.encode(adapter, request, result);
    }

    @Test
    void writesTheExactPayload20Response() {
        HttpResponse res = HttpResponse.status(201)
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "r-1")
                .addHeader("Vary", "Accept")
                .addHeader("vary", "Origin")
                .addHeader("Set-Cookie", "a=1; Path=/")
                .cookie("session=abc123; Secure; HttpOnly")
                .textBody("{\"id\":7}");
        assertEquals("{\"statusCode\":201,"
                + "\"headers\":{\"content-type\":\"application/json\",\"vary\":\"Accept,Origin\",\"x-request-id\":\"r-1\"},"
                + "\"cookies\":[\"a=1; Path=/\",\"session=abc123; Secure; HttpOnly\"],"
                + "\"body\":\"{\\\"id\\\":7}\",\"isBase64Encoded\":false}", encode(res));
    }

    @Test
    void cookiesAreOmittedWhenThereAreNone() {
        assertEquals("{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain; charset=utf-8\"},"
                + "\"body\":\"hi \\\"you\\\"\",\"isBase64Encoded\":false}", encode(HttpResponse.text("hi \"you\"")));
    }

    @Test
    void emptyResponseHasAnEmptyBodyAndHeaders() {
        assertEquals("{\"statusCode\":204,\"headers\":{},\"body\":\"\",\"isBase64Encoded\":false}",
                encode(HttpResponse.noContent()));
    }

    @Test
    void jsonBodiesAreWritten() {
        assertEquals("{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},"
                + "\"body\":\"{\\\"message\\\":\\\"OK\\\"}\",\"isBase64Encoded\":false}",
                encode(HttpResponse.json(Map.of("message", "OK"))));
    }

    @Test
    void binaryBodiesTravelAsBase64() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff};
        String json = encode(HttpResponse.bytes(png, "image/png"));
        assertEquals("{\"statusCode\":200,\"headers\":{\"content-type\":\"image/png\"},"
                + "\"body\":\"" + Base64.getEncoder().encodeToString(png) + "\",\"isBase64Encoded\":true}", json);
        assertArrayEquals(png, Base64.getDecoder().decode(Fixtures.parse(json).get("body").asText()));
    }

    @Test
    void textualBytesAreNotBase64() {
        assertEquals("{\"statusCode\":200,\"headers\":{\"content-type\":\"application/xml\"},"
                + "\"body\":\"<a/>\",\"isBase64Encoded\":false}",
                encode(HttpResponse.bytes("<a/>".getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/xml")));
    }

    /**
     * The sample response carries {@code multiValueHeaders}, which payload format 2.0 does not
     * support; Lift puts its {@code Set-Cookie} values into {@code cookies} instead, and writes
     * header names in lower case. Everything else is the same.
     */
    @Test
    void matchesTheSampleResponseFieldByField() {
        JsonNode sample = Fixtures.json("responses/apigw_v2_http_response.json");
        HttpResponse res = HttpResponse.json(Map.of("message", "OK"));
        sample.get("multiValueHeaders").get("Set-Cookie").forEach(c -> res.addHeader("Set-Cookie", c.asText()));
        sample.get("cookies").forEach(c -> res.cookie(c.asText()));

        JsonNode ours = Fixtures.parse(encode(res));

        assertEquals(sample.get("statusCode"), ours.get("statusCode"));
        assertEquals(sample.get("body"), ours.get("body"));
        assertEquals(sample.get("isBase64Encoded"), ours.get("isBase64Encoded"));
        assertEquals("application/json", sample.at("/headers/Content-Type").asText());
        assertEquals(sample.at("/headers/Content-Type"), ours.at("/headers/content-type"));
        assertEquals(1, ours.get("headers").size());
        assertEquals(List.of("cookie1=value1", "session=abc123; Secure; HttpOnly"),
                List.of(ours.at("/cookies/0").asText(), ours.at("/cookies/1").asText()));
        assertEquals(2, ours.get("cookies").size());
        assertFalse(ours.has("multiValueHeaders"));
        assertEquals(List.of("statusCode", "headers", "cookies", "body", "isBase64Encoded"), fieldNames(ours));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anErrorResponseEncodesWithoutAnEvent() {
        HttpResponse problem = HttpResponse.status(400).header("Content-Type", "application/problem+json")
                .textBody("{\"status\":400}");
        assertEquals("{\"statusCode\":400,\"headers\":{\"content-type\":\"application/problem+json\"},"
                + "\"body\":\"{\\\"status\\\":400}\",\"isBase64Encoded\":false}", Fixtures.encode(adapter, null, problem));
    }

    @Test
    void anythingButAnHttpResponseIsABugReportedClearly() {
        IllegalStateException ex = assertThrows(IllegalStateException.class, () -> encode("text"));
        assertEquals("adapter-apigateway-v2 encodes HttpResponse results only, but was given a java.lang.String;"
                + " the kernel must turn handler results into an HttpResponse before encoding", ex.getMessage());
        IllegalStateException nul = assertThrows(IllegalStateException.class, () -> encode(null));
        assertEquals("adapter-apigateway-v2 encodes HttpResponse results only, but was given null;"
                + " the kernel must turn handler results into an HttpResponse before encoding", nul.getMessage());
    }
}
