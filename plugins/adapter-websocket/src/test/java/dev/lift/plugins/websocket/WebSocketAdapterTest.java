package dev.lift.plugins.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.EventKind;
import dev.lift.api.EventSelector;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import dev.lift.events.WebSocketMessage;
import dev.lift.events.WebSocketMessage.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;

class WebSocketAdapterTest {

    record Chat(String action, String text) {
    }

    private final WebSocketAdapter adapter = new WebSocketAdapter();

    static ObjectNode message(String routeKey, String body) {
        ObjectNode e = (ObjectNode) Fixtures.parse("{\"requestContext\":{\"routeKey\":\"" + routeKey + "\","
                + "\"eventType\":\"MESSAGE\",\"connectionId\":\"L0SM9cOFvHcCIhw=\",\"messageId\":\"m-1\","
                + "\"domainName\":\"ws.example.com\",\"stage\":\"dev\",\"requestId\":\"r-2\","
                + "\"connectedAt\":1700000000000},\"isBase64Encoded\":false}");
        e.put("body", body);
        return e;
    }

    @Test
    void identity() {
        assertEquals("adapter-websocket", adapter.id());
        assertEquals(300, adapter.order());
        assertEquals(EventKind.EVENT, adapter.kind());
    }

    @Test
    void matchesWebSocketEventsOnly() {
        assertTrue(adapter.matches(Fixtures.json("apigw_websocket_event.json")));
        assertTrue(adapter.matches(message("sendMessage", "{}")));
        assertFalse(adapter.matches(Fixtures.json("apigw_rest_event.json")));
        assertFalse(adapter.matches(Fixtures.json("apigw_http_event.json")));
        assertFalse(adapter.matches(Fixtures.json("elb_event.json")));
        assertFalse(adapter.matches(Fixtures.parse("{\"requestContext\":{\"connectionId\":\"c\",\"eventType\":null}}")));
        assertFalse(adapter.matches(Fixtures.parse("{\"requestContext\":{\"eventType\":\"MESSAGE\"}}")));
        assertFalse(adapter.matches(null));
    }

    @Test
    void decodesTheSampleConnectEvent() {
        WebSocketMessage m = adapter.decode(Fixtures.json("apigw_websocket_event.json"));
        assertEquals("adapter-websocket", m.source());
        assertEquals(EventKind.EVENT, m.kind());
        assertEquals("$connect", m.routeKey());
        assertEquals(EventType.CONNECT, m.eventType());
        assertEquals("abc123=", m.connectionId());
        assertEquals("request body", m.body());
        assertFalse(m.base64Encoded());
        assertEquals("request body", new String(m.bodyBytes(), StandardCharsets.UTF_8));
        assertEquals(7, m.headers().size());
        assertEquals("dGhlIHNhbXBsZSBub25jZQ==", m.header("sec-websocket-key").orElseThrow());
        assertEquals(List.of("13"), m.headers().all("Sec-WebSocket-Version"));
        assertEquals(Map.of("param1", List.of("value1")), m.queryParameters());
        assertEquals("value1", m.queryParam("param1").orElseThrow());
        assertEquals("abcdef1234.execute-api.us-east-1.amazonaws.com", m.domainName());
        assertEquals("prod", m.stage());
        assertEquals("abc-def-ghi", m.requestId());
        assertEquals(Instant.parse("2020-03-04T19:03:58.390Z"), m.connectedAt());
    }

    @Test
    void decodesAMessageWithAJsonBody() {
        WebSocketMessage m = adapter.decode(message("sendMessage", "{\"action\":\"sendMessage\",\"text\":\"hi\"}"));
        assertEquals("sendMessage", m.routeKey());
        assertEquals(EventType.MESSAGE, m.eventType());
        assertEquals("L0SM9cOFvHcCIhw=", m.connectionId());
        assertEquals(new Chat("sendMessage", "hi"), m.bodyAs(Chat.class));
        assertTrue(m.headers().isEmpty());
        assertTrue(m.queryParameters().isEmpty());
        assertEquals("ws.example.com", m.domainName());
        assertEquals("dev", m.stage());
        assertEquals("r-2", m.requestId());
        assertEquals(Instant.ofEpochMilli(1700000000000L), m.connectedAt());
    }

    @Test
    void anEmptyOrBrokenJsonBodyIsAClientError() {
        LiftException empty = assertThrows(LiftException.class,
                () -> adapter.decode(message("sendMessage", "")).bodyAs(Chat.class));
        assertEquals(400, empty.status());
        assertEquals("The body of WebSocket message on route sendMessage is empty; a JSON document was expected",
                empty.detail());
        LiftException broken = assertThrows(LiftException.class,
                () -> adapter.decode(message("sendMessage", "{\"action\":")).bodyAs(Chat.class));
        assertEquals(400, broken.status());
    }

    @Test
    void binaryFramesAreKeptAsBase64AndDecodedOnRequest() {
        byte[] frame = {0, 1, 2, (byte) 0xff};
        ObjectNode e = message("$default", Base64.getEncoder().encodeToString(frame));
        e.put("isBase64Encoded", true);
        WebSocketMessage m = adapter.decode(e);
        assertTrue(m.base64Encoded());
        assertArrayEquals(frame, m.bodyBytes());

        e.put("body", "*not base64*");
        LiftException ex = assertThrows(LiftException.class, () -> adapter.decode(e));
        assertEquals(400, ex.status());
        assertEquals("The API Gateway WebSocket event is malformed: body is not valid base64", ex.detail());
    }

    /** For {@code ?token=1%262&q=%2520} API Gateway hands over the values decoded once: they are used as they are. */
    @Test
    void handshakeQueryValuesAreNotDecodedAgain() {
        ObjectNode e = Fixtures.event("apigw_websocket_event.json");
        e.putObject("queryStringParameters").put("token", "1&2").put("q", "%20");
        ObjectNode multi = e.putObject("multiValueQueryStringParameters");
        multi.putArray("token").add("1&2");
        multi.putArray("q").add("%20");
        WebSocketMessage m = adapter.decode(e);
        assertEquals("1&2", m.queryParam("token").orElseThrow());
        assertEquals("%20", m.queryParam("q").orElseThrow());
    }

    @Test
    void theSampleConnectEventsSourceIpAndMessageId() {
        WebSocketMessage m = adapter.decode(Fixtures.json("apigw_websocket_event.json"));
        assertEquals("192.0.2.1", m.sourceIp());
        assertEquals("msg-001", m.messageId());
        assertEquals(Map.of(), m.authorizer());
    }

    @Test
    void aLambdaAuthorizersOutputIsExposedWithoutNulls() {
        ObjectNode e = Fixtures.event("apigw_websocket_event.json");
        ObjectNode context = (ObjectNode) e.get("requestContext");
        context.putObject("authorizer").put("principalId", "user-7").put("room", "lobby")
                .put("integrationLatency", 9).putNull("unused");
        context.remove("identity");
        context.remove("messageId");
        WebSocketMessage m = adapter.decode(e);
        assertEquals(Map.of("principalId", "user-7", "room", "lobby", "integrationLatency", 9), m.authorizer());
        assertNull(m.sourceIp());
        assertNull(m.messageId());
    }

    @Test
    void aHandBuiltMessageHasEmptyDefaultsAndReportsBadBase64AsA400() {
        WebSocketMessage m = new WebSocketMessage("r", EventType.MESSAGE, "c", "A", true, null, null, null, null,
                null, null);
        assertTrue(m.headers().isEmpty());
        assertTrue(m.queryParameters().isEmpty());
        assertTrue(m.authorizer().isEmpty());
        assertNull(m.sourceIp());
        LiftException ex = assertThrows(LiftException.class, m::bodyBytes);
        assertEquals(400, ex.status());
        assertEquals("The body of WebSocket message on route r is not valid base64", ex.detail());
        assertThrows(NullPointerException.class, () -> new WebSocketMessage(null, EventType.MESSAGE, "c", null, false,
                null, null, null, null, null, null));
    }

    @Test
    void disconnectEventsWithoutRouteKeyGetTheBuiltInRoute() {
        WebSocketMessage m = adapter.decode(Fixtures.parse(
                "{\"requestContext\":{\"eventType\":\"DISCONNECT\",\"connectionId\":\"c-1\"}}"));
        assertEquals("$disconnect", m.routeKey());
        assertEquals(EventType.DISCONNECT, m.eventType());
        assertNull(m.body());
        assertEquals(0, m.bodyBytes().length);
        assertNull(m.connectedAt());
        assertNull(m.stage());
    }

    @Test
    void selectorsPickByRouteKey() {
        WebSocketMessage connect = adapter.decode(Fixtures.json("apigw_websocket_event.json"));
        WebSocketMessage send = adapter.decode(message("sendMessage", "{}"));
        EventSelector<WebSocketMessage> onConnect = WebSocketMessage.route("$connect");
        assertTrue(onConnect.matches(connect));
        assertFalse(onConnect.matches(send));
        assertEquals(10, onConnect.specificity());
        assertEquals("websocket route=$connect", onConnect.describe());
        assertEquals(WebSocketMessage.class, onConnect.type());
        EventSelector<WebSocketMessage> any = WebSocketMessage.any();
        assertTrue(any.matches(connect));
        assertTrue(any.matches(send));
        assertEquals(0, any.specificity());
        assertEquals("websocket any", any.describe());
    }

    @Test
    void malformedEventsAre400sNamingTheField() {
        assertMalformed("{}", "requestContext is missing");
        assertMalformed("{\"requestContext\":{\"eventType\":\"CONNECT\"}}", "requestContext.connectionId is missing");
        assertMalformed("{\"requestContext\":{\"connectionId\":\"c\"}}", "requestContext.eventType is missing");
        assertMalformed("{\"requestContext\":{\"connectionId\":\"c\",\"eventType\":\"OPEN\"}}",
                "requestContext.eventType is \"OPEN\"; expected CONNECT, MESSAGE or DISCONNECT");
        assertMalformed("{\"requestContext\":{\"connectionId\":5,\"eventType\":\"CONNECT\"}}",
                "requestContext.connectionId must be a string, was a number");
        assertMalformed("{\"requestContext\":{\"connectionId\":\"c\",\"eventType\":\"CONNECT\",\"connectedAt\":\"now\"}}",
                "requestContext.connectedAt must be a whole number, was a string");
        assertMalformed("{\"requestContext\":{\"connectionId\":\"c\",\"eventType\":\"CONNECT\"},\"headers\":[]}",
                "headers must be an object, was an array");
        assertMalformed("[]", "it is not a JSON object");
    }

    private void assertMalformed(String json, String problem) {
        LiftException ex = assertThrows(LiftException.class, () -> adapter.decode(Fixtures.parse(json)), json);
        assertEquals(400, ex.status());
        assertEquals("The API Gateway WebSocket event is malformed: " + problem, ex.detail());
    }

    private String encode(Object result) {
        return Fixtures.encode(adapter, adapter.decode(message("sendMessage", "{}")), result);
    }

    @Test
    void encodesNullAsPlain200() {
        assertEquals("{\"statusCode\":200}", encode(null));
    }

    @Test
    void encodesTextAsA200Body() {
        assertEquals("{\"statusCode\":200,\"body\":\"sent \\\"ok\\\"\"}", encode("sent \"ok\""));
        assertEquals("{\"statusCode\":200,\"body\":\"built\"}", encode(new StringBuilder("built")));
    }

    @Test
    void encodesAnHttpResponseWithStatusHeadersAndBody() {
        assertEquals("{\"statusCode\":401}", encode(HttpResponse.status(401)));
        assertEquals("{\"statusCode\":200,\"headers\":{\"Sec-WebSocket-Protocol\":\"chat\"}}",
                encode(HttpResponse.ok().header("Sec-WebSocket-Protocol", "chat")));
        assertEquals("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"text/plain; charset=utf-8\"},\"body\":\"hi\"}",
                encode(HttpResponse.text("hi")));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        assertEquals("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"image/png\"},\"body\":\""
                + Base64.getEncoder().encodeToString(png) + "\",\"isBase64Encoded\":true}",
                encode(HttpResponse.bytes(png, "image/png")));
    }

    @Test
    void encodesOtherValuesAsJsonAndBytesAsBase64() {
        assertEquals("{\"statusCode\":200,\"body\":\"{\\\"a\\\":1,\\\"b\\\":[true]}\"}",
                encode(new TreeMap<>(Map.of("a", 1, "b", List.of(true)))));
        assertEquals("{\"statusCode\":200,\"body\":\"AAH/\",\"isBase64Encoded\":true}",
                encode(new byte[] {0, 1, (byte) 0xff}));
    }

    @Test
    void encodingWorksWithoutAnEvent() {
        assertEquals("{\"statusCode\":400,\"body\":\"bad\"}", Fixtures.encode(adapter, null,
                HttpResponse.status(400).body("bad".getBytes(StandardCharsets.UTF_8), null)));
    }
}
