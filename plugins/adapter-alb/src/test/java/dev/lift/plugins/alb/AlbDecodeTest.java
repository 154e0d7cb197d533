package dev.lift.plugins.alb;

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

class AlbDecodeTest {

    private static final String TARGET_GROUP =
            "arn:aws:elasticloadbalancing:us-east-1:XXXXXXXXXXX:targetgroup/sample/6d0ecf831eec9f09";

    private final AlbAdapter adapter = new AlbAdapter();

    private static ObjectNode minimal() {
        return (ObjectNode) Fixtures.parse("{\"requestContext\":{\"elb\":{\"targetGroupArn\":\"tg\"}},"
                + "\"httpMethod\":\"GET\",\"path\":\"/\"}");
    }

    @Test
    void identity() {
        assertEquals("adapter-alb", adapter.id());
        assertEquals(310, adapter.order());
        assertEquals(EventKind.HTTP, adapter.kind());
    }

    @Test
    void matchesAlbEventsOnly() {
        assertTrue(adapter.matches(Fixtures.json("elb_event.json")));
        assertFalse(adapter.matches(Fixtures.json("apigw_rest_event.json")));
        assertFalse(adapter.matches(Fixtures.json("apigw_http_event.json")));
        assertFalse(adapter.matches(Fixtures.json("apigw_websocket_event.json")));
        assertFalse(adapter.matches(Fixtures.parse("{\"requestContext\":{\"elb\":\"x\"}}")));
        assertFalse(adapter.matches(null));
    }

    @Test
    void decodesTheSampleEvent() {
        HttpRequest r = adapter.decode(Fixtures.json("elb_event.json"));
        assertEquals("adapter-alb", r.source());
        assertEquals("GET", r.method());
        assertEquals("/", r.path());
        assertEquals("/", r.rawPath());
        assertTrue(r.queryParameters().isEmpty());
        assertEquals("", r.rawQueryString());
        assertEquals(12, r.headers().size());
        assertEquals("lambda-YYYYYYYY.elb.amazonaws.com", r.header("Host").orElseThrow());
        assertEquals("gzip", r.header("accept-encoding").orElseThrow());
        assertEquals(List.of("Root=1-5bdb40ca-556d8b0c50dc66f0511bf520"), r.headers().all("X-Amzn-Trace-Id"));
        assertEquals(Map.of("name", "value"), r.cookies());
        assertEquals("Hello from ELB", r.bodyText());
        assertEquals("192.0.2.1", r.sourceIp().orElseThrow());
        assertEquals(Map.of("alb.multiValue", false, "alb.targetGroupArn", TARGET_GROUP), r.extras());
        assertTrue(r.stage().isEmpty());
        assertTrue(r.gatewayRequestId().isEmpty());
        assertTrue(r.authorizer().isEmpty());
        assertTrue(r.stageVariables().isEmpty());
    }

    @Test
    void singleValueQueryIsPercentDecodedWithPlusAsSpace() {
        ObjectNode e = minimal();
        e.putObject("queryStringParameters").put("q", "a%20b+c%2B").put("%E2%82%AC", "x").put("t", "1970-01-01T00%3A00%3A00Z");
        HttpRequest r = adapter.decode(e);
        assertEquals(Map.of("q", List.of("a b c+"), "\u20ac", List.of("x"), "t", List.of("1970-01-01T00:00:00Z")),
                r.queryParameters());
        assertEquals("q=a%20b+c%2B&%E2%82%AC=x&t=1970-01-01T00%3A00%3A00Z", r.rawQueryString());
        assertEquals(false, r.extras().get("alb.multiValue"));
    }

    @Test
    void multiValueRequestsKeepEveryValueAndRecordTheMode() {
        ObjectNode e = minimal();
        ObjectNode headers = e.putObject("multiValueHeaders");
        headers.putArray("accept").add("text/html").add("application/json");
        headers.putArray("x-forwarded-for").add("203.0.113.9, 198.51.100.7");
        headers.putArray("cookie").add("a=1").add("b=2; a=3");
        e.putObject("multiValueQueryStringParameters").putArray("id").add("1").add("2%2C3");
        HttpRequest r = adapter.decode(e);
        assertEquals(List.of("text/html", "application/json"), r.headers().all("Accept"));
        assertEquals(List.of("1", "2,3"), r.queryParams("id"));
        assertEquals("id=1&id=2%2C3", r.rawQueryString());
        assertEquals(Map.of("a", "1", "b", "2"), r.cookies());
        assertEquals("198.51.100.7", r.sourceIp().orElseThrow());
        assertEquals(true, r.extras().get("alb.multiValue"));
        assertEquals("tg", r.extras().get("alb.targetGroupArn"));
    }

    @Test
    void aMultiValueQueryAloneAlsoMeansMultiValueMode() {
        ObjectNode e = minimal();
        e.putObject("multiValueQueryStringParameters");
        assertEquals(true, adapter.decode(e).extras().get("alb.multiValue"));
    }

    @Test
    void pathIsPercentDecodedButPlusStays() {
        ObjectNode e = minimal();
        e.put("path", "/files/a%20b+c/%C3%A9");
        HttpRequest r = adapter.decode(e);
        assertEquals("/files/a b+c/\u00e9", r.path());
        assertEquals("/files/a%20b+c/%C3%A9", r.rawPath());
    }

    @Test
    void base64BodiesAreDecodedAndBadOnesAre400() {
        byte[] bytes = {(byte) 0xca, (byte) 0xfe, 0, 1};
        ObjectNode e = minimal();
        e.put("isBase64Encoded", true).put("body", Base64.getEncoder().encodeToString(bytes));
        assertArrayEquals(bytes, adapter.decode(e).body());
        e.put("body", "a\u00e9b=");
        LiftException ex = assertThrows(LiftException.class, () -> adapter.decode(e));
        assertEquals(400, ex.status());
        assertEquals("The ALB event is malformed: body is not valid base64", ex.detail());
    }

    @Test
    void absentOptionalPartsGetDefaults() {
        HttpRequest r = adapter.decode(Fixtures.parse("{\"requestContext\":{\"elb\":{}},\"httpMethod\":\"HEAD\","
                + "\"path\":\"/x\",\"headers\":null,\"queryStringParameters\":null,\"body\":null,\"isBase64Encoded\":null}"));
        assertEquals("HEAD", r.method());
        assertTrue(r.headers().isEmpty());
        assertTrue(r.queryParameters().isEmpty());
        assertEquals(0, r.body().length);
        assertTrue(r.sourceIp().isEmpty());
        assertEquals(Map.of("alb.multiValue", false), r.extras());
    }

    @Test
    void malformedEventsAre400sNamingTheField() {
        assertMalformed("{\"path\":\"/\"}", "httpMethod is missing");
        assertMalformed("{\"httpMethod\":\" \",\"path\":\"/\"}", "httpMethod is empty");
        assertMalformed("{\"httpMethod\":\"GET\",\"path\":null}", "path is missing");
        assertMalformed("{\"httpMethod\":\"GET\",\"path\":\"/\",\"headers\":{\"a\":[\"1\"]}}",
                "headers.a must be a string, was an array");
        assertMalformed("{\"httpMethod\":\"GET\",\"path\":\"/\",\"multiValueHeaders\":[]}",
                "multiValueHeaders must be an object, was an array");
        assertMalformed("{\"httpMethod\":\"GET\",\"path\":\"/\",\"queryStringParameters\":{\"a\":false}}",
                "queryStringParameters.a must be a string, was a boolean");
        assertMalformed("{\"httpMethod\":\"GET\",\"path\":\"/\",\"requestContext\":{\"elb\":{\"targetGroupArn\":1}}}",
                "requestContext.elb.targetGroupArn must be a string, was a number");
        assertMalformed("{\"httpMethod\":\"GET\",\"path\":\"/\",\"isBase64Encoded\":1}",
                "isBase64Encoded must be true or false, was a number");
        assertMalformed("null", "it is not a JSON object");
    }

    private void assertMalformed(String json, String problem) {
        LiftException ex = assertThrows(LiftException.class, () -> adapter.decode(Fixtures.parse(json)), json);
        assertEquals(400, ex.status());
        assertEquals("The ALB event is malformed: " + problem, ex.detail());
    }
}
