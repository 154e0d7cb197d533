package dev.lift.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Api;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.opentest4j.AssertionFailedError;

/**
 * An HTTP response as an adapter wrote it for API Gateway (payload 1.0 or 2.0) or an ALB:
 * {@code statusCode}, {@code headers} and {@code multiValueHeaders} merged case-insensitively,
 * {@code cookies}, and the body with base64 decoded. Assertion methods return {@code this}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class HttpResult {

    private final JsonNode raw;
    private final int status;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<String> cookies = new ArrayList<>();
    private final byte[] body;

    HttpResult(JsonNode response) {
        this.raw = response;
        if (!response.path("statusCode").isInt()) {
            throw new AssertionFailedError("The response is not an HTTP response (no statusCode): " + response);
        }
        this.status = response.path("statusCode").asInt();
        response.path("headers").properties().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>())
                .add(h.getValue().asText()));
        response.path("multiValueHeaders").properties().forEach(h -> {
            List<String> values = headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>());
            for (JsonNode v : h.getValue()) {
                if (!values.contains(v.asText())) {
                    values.add(v.asText());
                }
            }
        });
        response.path("cookies").forEach(c -> cookies.add(c.asText()));
        String text = response.path("body").isNull() ? "" : response.path("body").asText("");
        this.body = response.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
    }

    /** The status code. */
    public int status() {
        return status;
    }

    /** The first value of a header (case-insensitive), or null. */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** All headers, case-insensitive. */
    public Map<String, List<String>> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** The {@code Set-Cookie} values: the {@code cookies} array (v2) or {@code Set-Cookie} headers. */
    public List<String> cookies() {
        List<String> all = new ArrayList<>(cookies);
        all.addAll(headers.getOrDefault("Set-Cookie", List.of()));
        return all;
    }

    /** The body, base64 decoded when the response says so. */
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON. */
    public JsonNode bodyJson() {
        return JsonAssertions.parse("The response body", bodyText());
    }

    /** The response JSON as the adapter wrote it. */
    public JsonNode raw() {
        return raw;
    }

    /** Asserts the status code. */
    public HttpResult assertStatus(int expected) {
        if (status != expected) {
            throw new AssertionFailedError("Expected status " + expected + " but was " + status + "; body: " + bodyText(),
                    expected, status);
        }
        return this;
    }

    /** Asserts a header's first value (name case-insensitive). */
    public HttpResult assertHeader(String name, String expected) {
        String actual = header(name);
        if (!expected.equals(actual)) {
            throw new AssertionFailedError("Expected header " + name.toLowerCase(Locale.ROOT) + ": " + expected
                    + " but was " + (actual == null ? "absent" : actual), expected, actual);
        }
        return this;
    }

    /** Asserts the body text. */
    public HttpResult assertBody(String expected) {
        if (!expected.equals(bodyText())) {
            throw new AssertionFailedError("The body differs", expected, bodyText());
        }
        return this;
    }

    /** Asserts that the body equals this JSON (as a tree). */
    public HttpResult assertJsonBody(String expectedJson) {
        JsonAssertions.assertJsonEquals("The response body", expectedJson, bodyJson());
        return this;
    }

    @Override
    public String toString() {
        return status + " " + headers + " " + bodyText();
    }
}
