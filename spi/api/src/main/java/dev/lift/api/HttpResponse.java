package dev.lift.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP response on its way out: status, case-insensitive multi-valued headers, cookies
 * ({@code Set-Cookie} values) and a body that is text, bytes, or a value written as JSON.
 *
 * <p>Mutable, so that middleware can add headers on the way out; one response belongs to one
 * invocation and is not shared between threads.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class HttpResponse {

    private static final byte[] NO_BODY = new byte[0];

    private int status;
    private final TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final List<String> cookies = new ArrayList<>(0);
    private byte[] bytes = NO_BODY;
    private Object jsonValue;
    private boolean hasJsonValue;

    private HttpResponse(int status) {
        setStatus(status);
    }

    /** A response with this status and no body. */
    public static HttpResponse status(int status) {
        return new HttpResponse(status);
    }

    /** 200 with no body yet. */
    public static HttpResponse ok() {
        return new HttpResponse(200);
    }

    /** 204 No Content. */
    public static HttpResponse noContent() {
        return new HttpResponse(204);
    }

    /** 200 with {@code value} written as JSON ({@code application/json}). */
    public static HttpResponse json(Object value) {
        return new HttpResponse(200).jsonBody(value);
    }

    /** 200 with a UTF-8 text body ({@code text/plain; charset=utf-8}). */
    public static HttpResponse text(String text) {
        return new HttpResponse(200).textBody(text);
    }

    /** 200 with a binary body of the given media type. */
    public static HttpResponse bytes(byte[] body, String contentType) {
        return new HttpResponse(200).body(body, contentType);
    }

    /** Sets the status (100 to 599). */
    public HttpResponse withStatus(int status) {
        setStatus(status);
        return this;
    }

    private void setStatus(int code) {
        if (code < 100 || code > 599) {
            throw new IllegalArgumentException("HTTP status must be 100 to 599, was " + code);
        }
        this.status = code;
    }

    public int statusCode() {
        return status;
    }

    /** Replaces a header's values with one value. */
    public HttpResponse header(String name, String value) {
        checkHeader(name, value);
        headers.remove(name);
        return addHeader(name, value);
    }

    /** Adds a value to a header. */
    public HttpResponse addHeader(String name, String value) {
        checkHeader(name, value);
        if (name != null && value != null) {
            headers.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
        }
        return this;
    }

    /** Removes a header. */
    public HttpResponse removeHeader(String name) {
        headers.remove(name);
        return this;
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** Headers, in case-insensitive name order; read-only view. */
    public Map<String, List<String>> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** Adds a cookie as a full {@code Set-Cookie} value, for example {@code "id=1; Secure; HttpOnly"}. */
    public HttpResponse cookie(String setCookie) {
        checkHeader("Set-Cookie", setCookie);
        cookies.add(setCookie);
        return this;
    }

    /** Adds a cookie {@code name=value; Path=/; Secure; HttpOnly; SameSite=Lax}. */
    public HttpResponse cookie(String name, String value) {
        return cookie(name + "=" + value + "; Path=/; Secure; HttpOnly; SameSite=Lax");
    }

    /** The {@code Set-Cookie} values, in order added. */
    public List<String> cookies() {
        return Collections.unmodifiableList(cookies);
    }

    /** A UTF-8 text body; sets {@code text/plain; charset=utf-8} unless a content type is set. */
    public HttpResponse textBody(String text) {
        this.bytes = text == null ? NO_BODY : text.getBytes(StandardCharsets.UTF_8);
        this.jsonValue = null;
        this.hasJsonValue = false;
        if (!headers.containsKey("Content-Type")) {
            header("Content-Type", "text/plain; charset=utf-8");
        }
        return this;
    }

    /** A body of raw bytes with its media type. */
    public HttpResponse body(byte[] body, String contentType) {
        this.bytes = body == null ? NO_BODY : body;
        this.jsonValue = null;
        this.hasJsonValue = false;
        if (contentType != null) {
            header("Content-Type", contentType);
        }
        return this;
    }

    /** A value written as JSON when the response is encoded; sets {@code application/json} unless set. */
    public HttpResponse jsonBody(Object value) {
        this.jsonValue = value;
        this.hasJsonValue = true;
        this.bytes = null;
        if (!headers.containsKey("Content-Type")) {
            header("Content-Type", "application/json");
        }
        return this;
    }

    /** The value given to {@link #jsonBody}, if that is how the body was set. */
    public Optional<Object> jsonValue() {
        return hasJsonValue ? Optional.ofNullable(jsonValue) : Optional.empty();
    }

    /** The body as bytes; a JSON value is written (once) with {@link Json#mapper()}. */
    public byte[] bodyBytes() {
        if (bytes == null) {
            if (PlainJson.isPlain(jsonValue)) {
                bytes = PlainJson.write(jsonValue);
                return bytes;
            }
            try {
                bytes = Json.mapper().writeValueAsBytes(jsonValue);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("Could not write the response body as JSON", e);
            }
        }
        return bytes;
    }

    /**
     * Writes a JSON value given to {@link #jsonBody} now, with {@code mapper} (the kernel's, with
     * every plugin's Jackson modules); the kernel calls it once a handler has answered, so that a
     * value Jackson cannot write becomes a 500 whose log line keeps Jackson's reason. Does nothing
     * when the body is already bytes.
     *
     * @throws IllegalStateException naming the value's type and Jackson's reason
     * @since 0.2
     */
    public HttpResponse writeJson(com.fasterxml.jackson.databind.ObjectMapper mapper) {
        if (bytes == null) {
            if (mapper == Json.mapper() && PlainJson.isPlain(jsonValue)) { // the bytes databind would write
                bytes = PlainJson.write(jsonValue);
                return this;
            }
            try {
                bytes = mapper.writeValueAsBytes(jsonValue);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Lift cannot write a response body of type "
                        + (jsonValue == null ? "null" : jsonValue.getClass().getName()) + " as JSON: "
                        + e.getOriginalMessage(), e);
            }
        }
        return this;
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(bodyBytes(), StandardCharsets.UTF_8);
    }

    /**
     * Whether the body must travel base64-encoded: true unless the content type is textual
     * ({@code text/*}, JSON, XML, JavaScript, form data) or the body is empty.
     */
    public boolean isBinary() {
        if (bodyBytes().length == 0) {
            return false;
        }
        return !isTextual(header("Content-Type").orElse(null));
    }

    /** Whether a media type is text that travels as is. */
    public static boolean isTextual(String contentType) {
        if (contentType == null) {
            return true;
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        int semi = ct.indexOf(';');
        if (semi >= 0) {
            ct = ct.substring(0, semi);
        }
        ct = ct.trim();
        return ct.startsWith("text/") || ct.endsWith("/json") || ct.endsWith("+json")
                || ct.endsWith("/xml") || ct.endsWith("+xml") || ct.equals("application/javascript")
                || ct.equals("application/x-www-form-urlencoded") || ct.equals("application/graphql");
    }

    @Override
    public String toString() {
        return "HttpResponse[" + status + "]";
    }

    /**
     * Refuses what would split or fold a header line: a name that is not an HTTP token, or a value
     * with CR, LF or another control character (HTAB is allowed). The message names the header
     * and never echoes the value, which may come from the request.
     */
    static void checkHeader(String name, String value) {
        if (name == null) {
            return;
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A response header name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("Response header name '" + LogText.escape(name)
                        + "' is not a valid HTTP token: use letters, digits and !#$%&'*+-.^_`|~ only");
            }
        }
        if (value != null) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new IllegalArgumentException("The value of response header '" + name
                            + "' contains a control character (CR, LF or other) at index " + i
                            + "; header values must not contain them");
                }
            }
        }
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
