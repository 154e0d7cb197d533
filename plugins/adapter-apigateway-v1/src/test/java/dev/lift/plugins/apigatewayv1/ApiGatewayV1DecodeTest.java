package dev.lift.plugins.apigatewayv1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.EventKind;
import dev.lift.api.HttpRequest;
import dev.lift.api.LiftException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;

class ApiGatewayV1DecodeTest {

    private final ApiGatewayV1Adapter adapter = new ApiGatewayV1Adapter();

    private static ObjectNode minimal() {
        return (ObjectNode) Fixtures.parse("{\"httpMethod\":\"GET\",\"path\":\"/\",\"requestContext\":{}}");
    }

    @Test
    void identity() {
        assertEquals("adapter-apigateway-v1", adapter.id());
        assertEquals(330, adapter.order());
        assertEquals(EventKind.HTTP, adapter.kind());
    }

    @Test
    void matchesRestEvents() {
        assertTrue(adapter.matches(Fixtures.json("apigw_rest_event.json")));
        assertTrue(adapter.matches(Fixtures.json("apigw_rest_event_with_body.json")));
        assertTrue(adapter.matches(Fixtures.json("apigw_rest_event_nobody.json")));
        // A WebSocket event looks like a REST event; the WebSocket adapter (order 300) is asked first.
        assertTrue(adapter.matches(Fixtures.json("apigw_websocket_event.json")));
        assertFalse(adapter.matches(Fixtures.json("elb_event.json")));
        assertFalse(adapter.matches(Fixtures.json("apigw_http_event.json")));
        assertFalse(adapter.matches(Fixtures.json("sns_event.json")));
        assertFalse(adapter.matches(Fixtures.parse("{\"httpMethod\":\"GET\"}")));
        assertFalse(adapter.matches(Fixtures.parse("{\"httpMethod\":1,\"requestContext\":{}}")));
        assertFalse(adapter.matches(Fixtures.parse("{\"httpMethod\":\"GET\",\"requestContext\":\"x\"}")));
        assertFalse(adapter.matches(null));
    }

    @Test
    void decodesTheSampleEventWithMultiValues() {
        HttpRequest r = adapter.decode(Fixtures.json("apigw_rest_event.json"));
        assertEquals("adapter-apigateway-v1", r.source());
        assertEquals("GET", r.method());
        assertEquals("/my/path", r.path());
        assertEquals("/my/path", r.rawPath());

        assertEquals(List.of("value1"), r.headers().all("Header1"));
        assertEquals(List.of("value1", "value2"), r.headers().all("header2"));
        assertEquals("value1", r.header("HEADER2").orElseThrow());
        assertEquals(List.of("value1,value2"), r.headers().all("Header3"));
        assertEquals(3, r.headers().size());

        assertEquals(Map.of("parameter1", List.of("value1"), "parameter2", List.of("value1", "value2")),
                r.queryParameters());
        assertEquals(List.of("value1", "value2"), r.queryParams("parameter2"));
        assertEquals("parameter1=value1&parameter2=value1&parameter2=value2", r.rawQueryString());

        assertTrue(r.cookies().isEmpty());
        assertEquals("Hello from Lambda!", r.bodyText());
        assertTrue(r.authorizer().isEmpty(), "claims and scopes are JSON null: " + r.authorizer());
        assertTrue(r.stageVariables().isEmpty());
        assertTrue(r.pathParameters().isEmpty());
        assertEquals("IP", r.sourceIp().orElseThrow());
        assertEquals("$default", r.stage().orElseThrow());
        assertEquals("id=", r.gatewayRequestId().orElseThrow());
        assertEquals(Map.of("apigw.resource", "/my/path", "apigw.domainName", "id.execute-api.us-east-1.amazonaws.com",
                "apigw.apiId", "id", "apigw.requestTimeEpoch", 1583349317135L,
                "apigw.identity", Map.of("sourceIp", "IP", "userAgent", "user-agent")), r.extras());
    }

    @Test
    void decodesTheSampleEventWithBody() {
        HttpRequest r = adapter.decode(Fixtures.json("apigw_rest_event_with_body.json"));
        assertEquals("POST", r.method());
        assertEquals("/path/to/resource", r.path());
        assertEquals("/path/to/resource", r.rawPath());
        assertEquals(Map.of("foo", List.of("bar")), r.queryParameters());
        assertEquals("foo=bar", r.rawQueryString());
        assertEquals(Map.of("proxy", "/path/to/resource"), r.pathParameters());
        assertEquals(Map.of("baz", "qux"), r.stageVariables());

        assertEquals(18, r.headers().size());
        assertEquals("Custom User Agent String", r.header("user-agent").orElseThrow());
        assertEquals("127.0.0.1, 127.0.0.2", r.header("X-Forwarded-For").orElseThrow());
        assertEquals(List.of("https"), r.headers().all("cloudfront-forwarded-proto"));

        assertEquals("{\"message\": \"Lambda rocks\"}", r.bodyText());
        assertEquals(Map.of("message", "Lambda rocks"), r.bodyAs(Map.class));
        assertEquals("127.0.0.1", r.sourceIp().orElseThrow());
        assertEquals("prod", r.stage().orElseThrow());
        assertEquals("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", r.gatewayRequestId().orElseThrow());
        assertEquals(Map.of("apigw.resource", "/{proxy+}", "apigw.apiId", "1234567890",
                "apigw.requestTimeEpoch", 1428582896000L,
                "apigw.identity", Map.of("sourceIp", "127.0.0.1", "userAgent", "Custom User Agent String")), r.extras());
    }

    @Test
    void anEmptyBodyIsEmpty() {
        HttpRequest r = adapter.decode(Fixtures.json("apigw_rest_event_nobody.json"));
        assertEquals(0, r.body().length);
        assertEquals("", r.bodyText());
        assertEquals("POST", r.method());
        assertEquals("/path/to/resource", r.path());
    }

    @Test
    void cookiesComeFromTheCookieHeader() {
        ObjectNode e = minimal();
        e.putObject("multiValueHeaders").putArray("Cookie").add("a=1; b=x=y").add("c=3; a=ignored");
        HttpRequest r = adapter.decode(e);
        assertEquals(Map.of("a", "1", "b", "x=y", "c", "3"), r.cookies());
        assertEquals(List.of("a", "b", "c"), List.copyOf(r.cookies().keySet()));
    }

    @Test
    void singleValuedFieldsFillInForMissingMultiValuedOnes() {
        ObjectNode e = minimal();
        e.putObject("headers").put("X-Only-Single", "s").put("X-Both", "last");
        e.putObject("multiValueHeaders").putArray("x-both").add("first").add("last");
        e.putObject("queryStringParameters").put("q", "single");
        HttpRequest r = adapter.decode(e);
        assertEquals(List.of("s"), r.headers().all("x-only-single"));
        assertEquals(List.of("first", "last"), r.headers().all("X-Both"));
        assertEquals(Map.of("q", List.of("single")), r.queryParameters());
    }

    @Test
    void theRebuiltQueryStringIsFormEncoded() {
        ObjectNode e = minimal();
        e.putObject("multiValueQueryStringParameters").putArray("q").add("a b+c").add("\u20ac&=");
        HttpRequest r = adapter.decode(e);
        assertEquals(List.of("a b+c", "\u20ac&="), r.queryParams("q"));
        assertEquals("q=a+b%2Bc&q=%E2%82%AC%26%3D", r.rawQueryString());
    }

    @Test
    void authorizerClaimsAndLambdaContextArePassedOn() {
        ObjectNode e = minimal();
        ObjectNode authorizer = ((ObjectNode) e.get("requestContext")).putObject("authorizer");
        authorizer.putObject("claims").put("sub", "u-1").put("email", "a@example.com");
        authorizer.put("principalId", "user|a").put("integrationLatency", 12).putNull("scopes");
        HttpRequest r = adapter.decode(e);
        assertEquals(Map.of("claims", Map.of("sub", "u-1", "email", "a@example.com"), "principalId", "user|a",
                "integrationLatency", 12), r.authorizer());
    }

    @Test
    void base64BodiesAreDecodedAndBadOnesAre400() {
        byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
        ObjectNode e = minimal();
        e.put("isBase64Encoded", true).put("body", Base64.getEncoder().encodeToString(bytes));
        assertArrayEquals(bytes, adapter.decode(e).body());

        e.put("body", "%%%");
        LiftException ex = assertThrows(LiftException.class, () -> adapter.decode(e));
        assertEquals(400, ex.status());
        assertEquals("The API Gateway REST API event is malformed: body is not valid base64", ex.detail());
    }

    @Test
    void missingOptionalPartsGetDefaults() {
        HttpRequest r = adapter.decode(Fixtures.parse("{\"httpMethod\":\"put\",\"path\":\"/a\",\"headers\":null,"
                + "\"multiValueHeaders\":null,\"queryStringParameters\":null,\"pathParameters\":null,"
                + "\"stageVariables\":null,\"body\":null,\"isBase64Encoded\":null,"
                + "\"requestContext\":{\"identity\":null,\"authorizer\":null}}"));
        assertEquals("PUT", r.method());
        assertEquals("/a", r.path());
        assertTrue(r.headers().isEmpty());
        assertTrue(r.queryParameters().isEmpty());
        assertEquals("", r.rawQueryString());
        assertEquals(0, r.body().length);
        assertTrue(r.sourceIp().isEmpty());
        assertTrue(r.stage().isEmpty());
        assertTrue(r.authorizer().isEmpty());
        assertTrue(r.extras().isEmpty());

        HttpRequest noContext = adapter.decode(Fixtures.parse("{\"httpMethod\":\"GET\",\"path\":\"/b\"}"));
        assertEquals("/b", noContext.path());
        assertTrue(noContext.gatewayRequestId().isEmpty());
    }

    @Test
    void malformedEventsAre400sNamingTheField() {
        assertMalformed("{\"path\":\"/\"}", "httpMethod is missing");
        assertMalformed("{\"httpMethod\":\"\",\"path\":\"/\"}", "httpMethod is empty");
        assertMalformed("{\"httpMethod\":\"GET\"}", "path is missing");
        assertMalformed("{\"httpMethod\":\"GET\",\"path\":[]}", "path must be a string, was an array");
        assertMalformed("{\"httpMethod\":\"GET\",\"path\":\"/\",\"requestContext\":\"ctx\"}",
                "requestContext must be an object, was a string");
        assertMalformed("{\"httpMethod\":\"GET\",\"path\":\"/\",\"requestContext\":{\"identity\":{\"sourceIp\":1}}}",
                "requestContext.identity.sourceIp must be a string, was a number");
        assertMalformed("{\"httpMethod\":\"GET\",\"path\":\"/\",\"multiValueHeaders\":{\"A\":\"x\"}}",
                "multiValueHeaders.A must be an array, was a string");
        assertMalformed("{\"httpMethod\":\"GET\",\"path\":\"/\",\"multiValueQueryStringParameters\":{\"a\":[null]}}",
                "multiValueQueryStringParameters.a[0] must be a string, was null");
        assertMalformed("{\"httpMethod\":\"GET\",\"path\":\"/\",\"pathParameters\":[]}",
                "pathParameters must be an object, was an array");
        assertMalformed("{\"httpMethod\":\"GET\",\"path\":\"/\",\"requestContext\":{\"requestTimeEpoch\":\"soon\"}}",
                "requestContext.requestTimeEpoch must be a whole number, was a string");
        assertMalformed("\"GET /\"", "it is not a JSON object");
    }

    private void assertMalformed(String json, String problem) {
        LiftException ex = assertThrows(LiftException.class, () -> adapter.decode(Fixtures.parse(json)), json);
        assertEquals(400, ex.status());
        assertEquals("The API Gateway REST API event is malformed: " + problem, ex.detail());
    }
}
