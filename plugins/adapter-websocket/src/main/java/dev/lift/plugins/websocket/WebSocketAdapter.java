package dev.lift.plugins.websocket;

import dev.lift.api.SpiVersion;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Api;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.Headers;
import dev.lift.api.HttpResponse;
import dev.lift.api.Json;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftException;
import dev.lift.events.WebSocketMessage;
import dev.lift.spi.support.EventFields;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes API Gateway WebSocket API events ({@code $connect}, {@code $disconnect}, custom routes
 * and {@code $default}) into {@link WebSocketMessage}s, which handlers registered with
 * {@code routes.onEvent(WebSocketMessage.route("sendMessage"), ...)} receive.
 *
 * <p><b>Matches</b> an event whose {@code requestContext} has a {@code connectionId} and an
 * {@code eventType}. Detection order 300, the first of the HTTP-shaped adapters: a
 * {@code $connect} event also carries {@code httpMethod} and would otherwise pass for a REST API
 * event (330).
 *
 * <p>The handshake's headers and query parameters (present on {@code $connect} only) come from
 * the multi-valued fields, with the single-valued ones as fallback; API Gateway has already
 * decoded the query values, as for REST APIs, so they are used as they are and never decoded
 * again. A base64 body (a binary frame) is checked here and kept as sent;
 * {@link WebSocketMessage#bodyBytes()} decodes it. {@link WebSocketMessage#sourceIp()} is
 * {@code requestContext.identity.sourceIp}, {@link WebSocketMessage#messageId()} is
 * {@code requestContext.messageId} and {@link WebSocketMessage#authorizer()} is
 * {@code requestContext.authorizer} without JSON nulls (see
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-mapping-template-reference.html
 * for these context fields).
 *
 * <p>The handler's result becomes the route response: {@code null} is {@code {"statusCode":200}};
 * a {@link CharSequence} is a 200 with that body; an {@link HttpResponse} gives its status, its
 * headers (needed on {@code $connect} to pick a {@code Sec-WebSocket-Protocol}; repeated values
 * joined with {@code ", "}; {@link HttpResponse#cookies()} are not sent) and its body (base64 with
 * {@code isBase64Encoded} when binary); a
 * {@code byte[]} is a 200 with a base64 body; anything else is a 200 with the value written as
 * JSON. A non-2xx status on {@code $connect} refuses the connection. Stateless.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class WebSocketAdapter implements EventAdapter {

    /** This adapter's plugin id, also {@link WebSocketMessage#source()}. */
    public static final String ID = WebSocketMessage.SOURCE;

    private static final String EVENT_NAME = "API Gateway WebSocket event";

    @Override
    public String id() {
        return ID;
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public EventKind kind() {
        return EventKind.EVENT;
    }

    /**
     * True: a handler that throws gets a route response with the problem status and body (a
     * {@code LiftException.badRequest} becomes a 400 the client sees, anything else a generic 500;
     * on {@code $connect} either refuses the connection), instead of a Lambda error.
     */
    @Override
    public boolean answersFailures() {
        return true;
    }

    /** {@code requestContext.connectionId} and {@code requestContext.eventType} are present. */
    @Override
    public boolean matches(JsonNode event) {
        if (event == null) {
            return false;
        }
        JsonNode context = event.path("requestContext");
        return present(context.path("connectionId")) && present(context.path("eventType"));
    }

    private static boolean present(JsonNode n) {
        return !n.isMissingNode() && !n.isNull();
    }

    /**
     * @throws LiftException 400 naming the field when the event is malformed, for example
     *     {@code The API Gateway WebSocket event is malformed: requestContext.connectionId is missing}
     */
    @Override
    public WebSocketMessage decode(JsonNode event) {
        EventFields root = EventFields.root(event, EVENT_NAME);
        EventFields context = root.requiredObject("requestContext");
        String connectionId = context.requiredText("connectionId");
        WebSocketMessage.EventType type = eventType(context);
        String routeKey = context.text("routeKey");
        if (routeKey == null) {
            routeKey = defaultRouteKey(type);
        }
        boolean base64 = Boolean.TRUE.equals(root.bool("isBase64Encoded"));
        if (base64) {
            root.base64("body"); // a broken binary frame is reported here, naming the field
        }
        Headers.Builder headers = Headers.builder();
        multiValued(root, "multiValueHeaders", "headers", new TreeMap<>(String.CASE_INSENSITIVE_ORDER))
                .forEach(headers::addAll);
        Map<String, List<String>> query = multiValued(root, "multiValueQueryStringParameters",
                "queryStringParameters", new LinkedHashMap<>());
        long connectedAt = context.longValue("connectedAt", Long.MIN_VALUE);
        EventFields identity = context.object("identity");
        return new WebSocketMessage(routeKey, type, connectionId, root.text("body"), base64, headers.build(), query,
                context.text("domainName"), context.text("stage"), context.text("requestId"),
                connectedAt == Long.MIN_VALUE ? null : Instant.ofEpochMilli(connectedAt),
                identity == null ? null : identity.text("sourceIp"), context.text("messageId"), authorizer(context));
    }

    /** The authorizer's output without JSON nulls, the way the REST adapter reads it. */
    private static Map<String, Object> authorizer(EventFields context) {
        EventFields authorizer = context.object("authorizer");
        if (authorizer == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : authorizer.node().properties()) {
            if (!e.getValue().isNull()) {
                out.put(e.getKey(), EventFields.plain(e.getValue()));
            }
        }
        return out;
    }

    private static WebSocketMessage.EventType eventType(EventFields context) {
        String raw = context.requiredText("eventType");
        try {
            return WebSocketMessage.EventType.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw context.invalid("eventType", "is \"" + raw + "\"; expected CONNECT, MESSAGE or DISCONNECT");
        }
    }

    /** The route API Gateway would have picked, for hand-written events that leave routeKey out. */
    private static String defaultRouteKey(WebSocketMessage.EventType type) {
        switch (type) {
            case CONNECT: return "$connect";
            case DISCONNECT: return "$disconnect";
            default: return "$default";
        }
    }

    /** Reads a multi-valued field and completes it with the single-valued one for names it lacks. */
    private static Map<String, List<String>> multiValued(EventFields root, String multiField, String singleField,
                                                         Map<String, List<String>> into) {
        EventFields multi = root.object(multiField);
        if (multi != null) {
            for (String name : multi.fieldNames()) {
                List<String> values = multi.texts(name);
                if (!values.isEmpty()) {
                    into.put(name, values);
                }
            }
        }
        root.textMap(singleField).forEach((name, value) -> into.putIfAbsent(name, List.of(value)));
        return into;
    }

    /** Writes the route response, for example {@code {"statusCode":200,"body":"sent"}}. */
    @Override
    public void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException {
        out.writeStartObject();
        if (result == null) {
            out.writeNumberField("statusCode", 200);
        } else if (result instanceof HttpResponse) {
            writeResponse((HttpResponse) result, out);
        } else if (result instanceof CharSequence) {
            out.writeNumberField("statusCode", 200);
            out.writeStringField("body", result.toString());
        } else if (result instanceof byte[]) {
            byte[] bytes = (byte[]) result;
            out.writeNumberField("statusCode", 200);
            out.writeFieldName("body");
            out.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, bytes, 0, bytes.length);
            out.writeBooleanField("isBase64Encoded", true);
        } else {
            out.writeNumberField("statusCode", 200);
            out.writeStringField("body", Json.mapper().writeValueAsString(result));
        }
        out.writeEndObject();
    }

    private static void writeResponse(HttpResponse response, JsonGenerator out) throws IOException {
        out.writeNumberField("statusCode", response.statusCode());
        if (!response.headers().isEmpty()) {
            out.writeObjectFieldStart("headers");
            for (Map.Entry<String, List<String>> h : response.headers().entrySet()) {
                out.writeStringField(h.getKey(), String.join(", ", h.getValue()));
            }
            out.writeEndObject();
        }
        byte[] bytes = response.bodyBytes();
        if (bytes.length > 0) {
            if (response.isBinary()) {
                out.writeFieldName("body");
                out.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, bytes, 0, bytes.length);
                out.writeBooleanField("isBase64Encoded", true);
            } else {
                out.writeStringField("body", response.bodyText());
            }
        }
    }
}
