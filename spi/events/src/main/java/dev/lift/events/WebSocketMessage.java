package dev.lift.events;

import dev.lift.api.Describable;

import dev.lift.api.Api;
import dev.lift.api.EventKind;
import dev.lift.api.EventSelector;
import dev.lift.api.Headers;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of an API Gateway WebSocket API: a client connecting ({@code $connect}), sending a
 * message (a custom route key or {@code $default}) or disconnecting ({@code $disconnect}).
 *
 * <pre>{@code
 * routes.onEvent(WebSocketMessage.route("$connect"), (m, ctx) -> m.queryParam("token").isPresent()
 *         ? null : HttpResponse.status(401));
 * routes.onEvent(WebSocketMessage.route("sendMessage"), (m, ctx) -> {
 *     Chat chat = m.bodyAs(Chat.class);
 *     ...
 *     return "sent";
 * });
 * }</pre>
 *
 * <p>What a handler returns becomes the route's response: {@code null} is
 * {@code {"statusCode":200}}, text is a 200 with that body, an {@link dev.lift.api.HttpResponse}
 * gives its status, headers (on {@code $connect}, for example {@code Sec-WebSocket-Protocol}) and
 * body.
 *
 * @param routeKey the route that was selected, for example {@code $connect} or {@code sendMessage}; never null
 * @param eventType what happened; never null
 * @param connectionId the connection's id, used to post back through the {@code @connections} API; never null
 * @param body the message as sent (for a binary frame, its base64, see {@link #base64Encoded()}); null when
 *     the event had none
 * @param base64Encoded whether {@code body} is base64 (binary frames)
 * @param headers the handshake's headers, present on {@code $connect} only; never null
 * @param queryParameters the handshake's query parameters with all their values, present on
 *     {@code $connect} only; never null
 * @param domainName the API's domain name; may be null
 * @param stage the API stage; may be null
 * @param requestId API Gateway's request id; may be null
 * @param connectedAt when the connection was opened; may be null
 * @param sourceIp the client's address ({@code requestContext.identity.sourceIp}); may be null
 *     (since 0.2)
 * @param messageId API Gateway's id of this message ({@code requestContext.messageId}), present on
 *     messages, not on {@code $connect} or {@code $disconnect}; may be null (since 0.2)
 * @param authorizer what the {@code $connect} route's authorizer returned
 *     ({@code requestContext.authorizer}: a Lambda authorizer's {@code principalId} and context
 *     entries); JSON nulls left out; never null, empty when the event has none (since 0.2)
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public record WebSocketMessage(String routeKey, EventType eventType, String connectionId, String body,
                               boolean base64Encoded, Headers headers, Map<String, List<String>> queryParameters,
                               String domainName, String stage, String requestId, Instant connectedAt,
                               String sourceIp, String messageId, Map<String, Object> authorizer)
        implements LiftEvent, Describable {

    /** The id of the adapter that decodes WebSocket events, returned by {@link #source()}. */
    public static final String SOURCE = "adapter-websocket";

    /** What a WebSocket event reports, from API Gateway's {@code requestContext.eventType}. */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public enum EventType {
        /** A client opened a connection ({@code $connect}); rejecting it refuses the connection. */
        CONNECT,
        /** A client sent a message. */
        MESSAGE,
        /** The connection closed ({@code $disconnect}); the answer is not delivered to anyone. */
        DISCONNECT
    }

    public WebSocketMessage {
        Objects.requireNonNull(routeKey, "routeKey");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(connectionId, "connectionId");
        headers = headers == null ? Headers.empty() : headers;
        if (queryParameters == null || queryParameters.isEmpty()) {
            queryParameters = Map.of();
        } else {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            queryParameters.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            queryParameters = Collections.unmodifiableMap(copy);
        }
        authorizer = authorizer == null || authorizer.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(authorizer));
    }

    /**
     * The 0.1 constructor, without source address, message id and authorizer output.
     *
     * @since 0.1
     */
    public WebSocketMessage(String routeKey, EventType eventType, String connectionId, String body,
                            boolean base64Encoded, Headers headers, Map<String, List<String>> queryParameters,
                            String domainName, String stage, String requestId, Instant connectedAt) {
        this(routeKey, eventType, connectionId, body, base64Encoded, headers, queryParameters, domainName, stage,
                requestId, connectedAt, null, null, null);
    }

    @Override
    public EventKind kind() {
        return EventKind.EVENT;
    }

    /** Always {@value #SOURCE}. */
    @Override
    public String source() {
        return SOURCE;
    }

    /** The body as bytes: base64-decoded for a binary frame, UTF-8 otherwise; empty when there is none. */
    public byte[] bodyBytes() {
        if (body == null) {
            return new byte[0];
        }
        if (base64Encoded) {
            try {
                return Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw LiftException.badRequest("The body of WebSocket message on route " + routeKey + " is not valid base64");
            }
        }
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The body decoded as JSON into {@code type} with Lift's shared mapper.
     *
     * @throws LiftException 400 when the body is empty or not JSON, 422 when it does not fit the type
     */
    public <T> T bodyAs(Class<T> type) {
        return JsonPayload.decode(bodyBytes(), type, "The body of WebSocket message on route ", routeKey);
    }

    /** The first value of a handshake header. */
    public Optional<String> header(String name) {
        return headers.first(name);
    }

    /** The first value of a handshake query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> v = queryParameters.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The events of one route key, for example {@code "$connect"} or {@code "sendMessage"}. */
    public static EventSelector<WebSocketMessage> route(String routeKey) {
        Objects.requireNonNull(routeKey, "routeKey");
        return EventSelector.of(WebSocketMessage.class, "websocket route=" + routeKey, 10,
                e -> routeKey.equals(e.routeKey()));
    }

    /** Every WebSocket event. */
    public static EventSelector<WebSocketMessage> any() {
        return EventSelector.of(WebSocketMessage.class, "websocket any", 0, e -> true);
    }

    /** For logs and errors: identifiers and the attributes selectors look at, never the payload. */
    @Override
    public String describe() {
        return "WebSocket " + eventType + " on route " + routeKey;
    }
}
