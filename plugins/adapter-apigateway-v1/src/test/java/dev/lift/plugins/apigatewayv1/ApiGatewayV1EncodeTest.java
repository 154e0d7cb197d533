package dev.lift.plugins.apigatewayv1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;

class ApiGatewayV1EncodeTest {

    private final ApiGatewayV1Adapter adapter = new ApiGatewayV1Adapter();

    private String encode(Object result) {
        HttpRequest request = adapter.decode(Fixtures.json("apigw_rest_event.json"));
        return Fixtures.encode(adapter, request, result);
    }

    @Test
    void writesTheExactProxyResponse() {
        HttpResponse res = HttpResponse.status(201)
                .header("Content-Type", "application/json")
                .addHeader("Vary", "Accept")
                .addHeader("Vary", "Origin")
                .header("X-Custom-Header", "custom-value")
                .cookie("session=abc; Secure")
                .textBody("{\"id\":7}");
        assertEquals("{\"statusCode\":201,"
                + "\"headers\":{\"Content-Type\":\"application/json\",\"Vary\":\"Origin\",\"X-Custom-Header\":\"custom-value\"},"
                + "\"multiValueHeaders\":{\"Content-Type\":[\"application/json\"],\"Set-Cookie\":[\"session=abc; Secure\"],"
                + "\"Vary\":[\"Accept\",\"Origin\"],\"X-Custom-Header\":[\"custom-value\"]},"
                + "\"body\":\"{\\\"id\\\":7}\",\"isBase64Encoded\":false}", encode(res));
    }

    @Test
    void setCookieHeadersComeBeforeAddedCookiesAndAreNeverSingleValued() {
        HttpResponse res = HttpResponse.noContent()
                .addHeader("set-cookie", "a=1")
                .addHeader("Set-Cookie", "b=2")
                .cookie("c=3");
        assertEquals("{\"statusCode\":204,\"headers\":{},"
                + "\"multiValueHeaders\":{\"set-cookie\":[\"a=1\",\"b=2\",\"c=3\"]},"
                + "\"body\":\"\",\"isBase64Encoded\":false}", encode(res));
    }

    @Test
    void cookiesAloneSortLastWhenEveryHeaderComesBefore() {
        HttpResponse res = HttpResponse.status(302).header("Location", "/x").cookie("c=3");
        assertEquals("{\"statusCode\":302,\"headers\":{\"Location\":\"/x\"},"
                + "\"multiValueHeaders\":{\"Location\":[\"/x\"],\"Set-Cookie\":[\"c=3\"]},"
                + "\"body\":\"\",\"isBase64Encoded\":false}", encode(res));
    }

    @Test
    void binaryBodiesTravelAsBase64() {
        byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0x80, (byte) 0xff};
        String json = encode(HttpResponse.bytes(pdf, "application/pdf"));
        assertEquals("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/pdf\"},"
                + "\"multiValueHeaders\":{\"Content-Type\":[\"application/pdf\"]},"
                + "\"body\":\"" + Base64.getEncoder().encodeToString(pdf) + "\",\"isBase64Encoded\":true}", json);
        assertArrayEquals(pdf, Base64.getDecoder().decode(Fixtures.parse(json).get("body").asText()));
    }

    /**
     * The sample response lists only {@code Set-Cookie} in {@code multiValueHeaders}; Lift lists
     * every header there as well (API Gateway takes {@code multiValueHeaders} for a name in both,
     * so the result is the same). Everything else is equal.
     */
    @Test
    void matchesTheSampleResponseFieldByField() {
        JsonNode sample = Fixtures.json("responses/apigw_proxy_response.json");
        HttpResponse res = HttpResponse.status(200);
        sample.get("headers").properties().forEach(h -> res.header(h.getKey(), h.getValue().asText()));
        sample.at("/multiValueHeaders/Set-Cookie").forEach(c -> res.cookie(c.asText()));
        res.textBody(sample.get("body").asText());

        JsonNode ours = Fixtures.parse(encode(res));

        assertEquals(sample.get("statusCode"), ours.get("statusCode"));
        assertEquals(sample.get("headers"), ours.get("headers"));
        assertEquals(sample.at("/multiValueHeaders/Set-Cookie"), ours.at("/multiValueHeaders/Set-Cookie"));
        assertEquals(Fixtures.parse("[\"application/json\"]"), ours.at("/multiValueHeaders/Content-Type"));
        assertEquals(Fixtures.parse("[\"custom-value\"]"), ours.at("/multiValueHeaders/X-Custom-Header"));
        assertEquals(3, ours.get("multiValueHeaders").size());
        assertEquals(sample.get("body"), ours.get("body"));
        assertEquals(sample.get("isBase64Encoded"), ours.get("isBase64Encoded"));
        assertEquals(fieldNames(sample), fieldNames(ours));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anErrorResponseEncodesWithoutAnEvent() {
        HttpResponse problem = HttpResponse.status(400).header("Content-Type", "application/problem+json")
                .textBody("{}");
        assertEquals("{\"statusCode\":400,\"headers\":{\"Content-Type\":\"application/problem+json\"},"
                + "\"multiValueHeaders\":{\"Content-Type\":[\"application/problem+json\"]},"
                + "\"body\":\"{}\",\"isBase64Encoded\":false}", Fixtures.encode(adapter, null, problem));
    }

    @Test
    void jsonBodyIsWrittenAsText() {
        JsonNode ours = Fixtures.parse(encode(HttpResponse.json(Map.of("ok", true))));
        assertEquals("{\"ok\":true}", ours.get("body").asText());
        assertEquals("application/json", ours.at("/headers/Content-Type").asText());
    }

    @Test
    void anythingButAnHttpResponseIsABugReportedClearly() {
        IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> encode("text".getBytes(StandardCharsets.UTF_8)));
        assertEquals("adapter-apigateway-v1 encodes HttpResponse results only, but was given a byte[];"
                + " the kernel must turn handler results into an HttpResponse before encoding", ex.getMessage());
    }
}
