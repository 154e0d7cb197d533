package dev.lift.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lift.api.Api;
import dev.lift.api.HttpResponse;
import dev.lift.api.Json;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What every HTTP event builder shares: method, path, query, headers, cookies and body.
 *
 * @param <B> the concrete builder, for chaining
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public abstract class HttpEventBuilder<B extends HttpEventBuilder<B>> implements TestEvent {

    final String method;
    final String path;
    final List<Map.Entry<String, String>> query = new ArrayList<>();
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    final List<String> cookies = new ArrayList<>();
    final Map<String, String> pathParameters = new LinkedHashMap<>();
    final Map<String, String> stageVariables = new LinkedHashMap<>();
    byte[] body;
    boolean base64;
    String requestId = "request-1";
    String sourceIp = "203.0.113.10";
    Instant time = Instant.parse("2025-01-01T00:00:00Z");

    HttpEventBuilder(String method, String path) {
        this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        this.path = Objects.requireNonNull(path, "path");
        header("user-agent", "lift-test");
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Adds a query parameter (decoded value; it is URL-encoded in the raw query string). */
    public B query(String name, String value) {
        query.add(Map.entry(name, value));
        return self();
    }

    /** Adds a header value; names are sent as given (v2 events lower-case them). */
    public B header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return self();
    }

    /** Adds a cookie sent by the client. */
    public B cookie(String name, String value) {
        cookies.add(name + "=" + value);
        return self();
    }

    /** A text body; the content type is left as set (or unset). */
    public B body(String text) {
        this.body = text == null ? null : text.getBytes(StandardCharsets.UTF_8);
        this.base64 = false;
        return self();
    }

    /** A body with its content type; binary types travel base64-encoded, as API Gateway sends them. */
    public B body(byte[] bytes, String contentType) {
        this.body = bytes;
        this.base64 = !HttpResponse.isTextual(contentType);
        headers.remove("content-type");
        return header("content-type", contentType);
    }

    /** A JSON body given as text, with {@code content-type: application/json}. */
    public B json(String json) {
        body(json);
        headers.remove("content-type");
        return header("content-type", "application/json");
    }

    /** A JSON body written from a value with Lift's mapper. */
    public B jsonOf(Object value) {
        try {
            return json(Json.mapper().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Path parameters as the gateway extracted them (Lift's router sets its own). */
    public B pathParameter(String name, String value) {
        pathParameters.put(name, value);
        return self();
    }

    /** A stage variable. */
    public B stageVariable(String name, String value) {
        stageVariables.put(name, value);
        return self();
    }

    /** The gateway's request id. */
    public B requestId(String id) {
        this.requestId = id;
        return self();
    }

    /** The client address. */
    public B sourceIp(String ip) {
        this.sourceIp = ip;
        return self();
    }

    /** The time of the request. */
    public B at(Instant instant) {
        this.time = instant;
        return self();
    }

    String rawQueryString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> q : query) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    String bodyField() {
        if (body == null) {
            return null;
        }
        return base64 ? java.util.Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8);
    }
}
