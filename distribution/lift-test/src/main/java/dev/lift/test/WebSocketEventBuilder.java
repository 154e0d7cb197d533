package dev.lift.test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Api;
import dev.lift.api.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API Gateway WebSocket API event: {@code $connect} (with the handshake's headers and query
 * parameters), a message on a route, or {@code $disconnect}. The event type follows the route key.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class WebSocketEventBuilder implements TestEvent {

    private final String routeKey;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<Map.Entry<String, String>> query = new ArrayList<>();
    private String connectionId = "connection-1";
    private String body;
    private boolean base64;
    private Instant time = Instant.parse("2025-01-01T00:00:00Z");

    WebSocketEventBuilder(String routeKey) {
        this.routeKey = routeKey;
    }

    /** The connection's id (default {@code connection-1}). */
    public WebSocketEventBuilder connectionId(String id) {
        this.connectionId = id;
        return this;
    }

    /** A text message. */
    public WebSocketEventBuilder body(String text) {
        this.body = text;
        this.base64 = false;
        return this;
    }

    /** A binary message, sent base64-encoded. */
    public WebSocketEventBuilder body(byte[] bytes) {
        this.body = Base64.getEncoder().encodeToString(bytes);
        this.base64 = true;
        return this;
    }

    /** A handshake header ({@code $connect} only). */
    public WebSocketEventBuilder header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** A handshake query parameter ({@code $connect} only). */
    public WebSocketEventBuilder query(String name, String value) {
        query.add(Map.entry(name, value));
        return this;
    }

    /** When the connection was opened and the event happened. */
    public WebSocketEventBuilder at(Instant instant) {
        this.time = instant;
        return this;
    }

    private String eventType() {
        switch (routeKey) {
            case "$connect":
                return "CONNECT";
            case "$disconnect":
                return "DISCONNECT";
            default:
                return "MESSAGE";
        }
    }

    @Override
    public ObjectNode toJsonTree() {
        ObjectNode e = Json.mapper().createObjectNode();
        boolean connect = routeKey.equals("$connect");
        if (connect) {
            ObjectNode h = e.putObject("headers");
            ObjectNode mh = e.putObject("multiValueHeaders");
            headers.forEach((k, v) -> {
                h.put(k, v);
                mh.putArray(k).add(v);
            });
            if (!query.isEmpty()) {
                ObjectNode q = e.putObject("queryStringParameters");
                ObjectNode mq = e.putObject("multiValueQueryStringParameters");
                for (Map.Entry<String, String> p : query) {
                    q.put(p.getKey(), p.getValue());
                    (mq.has(p.getKey()) ? (ArrayNode) mq.get(p.getKey()) : mq.putArray(p.getKey())).add(p.getValue());
                }
            }
        }
        ObjectNode rc = e.putObject("requestContext");
        rc.put("routeKey", routeKey);
        rc.put("eventType", eventType());
        rc.put("extendedRequestId", "extended-1");
        rc.put("requestTime", HttpApiEventBuilder.CLF.format(time.atOffset(ZoneOffset.UTC)));
        rc.put("messageDirection", "IN");
        rc.put("stage", "prod");
        rc.put("connectedAt", time.toEpochMilli());
        rc.put("requestTimeEpoch", time.toEpochMilli());
        rc.putObject("identity").put("sourceIp", "203.0.113.10");
        rc.put("requestId", "request-1");
        rc.put("domainName", "api-id.execute-api." + Events.REGION + ".amazonaws.com");
        rc.put("connectionId", connectionId);
        rc.put("apiId", "api-id");
        if (!connect && !routeKey.equals("$disconnect")) {
            rc.put("messageId", "message-1");
        }
        if (body != null) {
            e.put("body", body);
        }
        e.put("isBase64Encoded", base64);
        return e;
    }
}
