package dev.lift.api;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An error meant for the client: an HTTP status, a stable machine-readable code, a short title,
 * a detail written for the caller, whether retrying may help, extra response headers
 * ({@code Allow}, {@code Retry-After}, {@code WWW-Authenticate}) and field errors. Error
 * strategies render it, by default as RFC 9457 {@code application/problem+json}.
 *
 * <p>The detail is shown to clients: never put secrets, stack traces or class names in it. A
 * cause, when given, is only logged.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public class LiftException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String title;
    private final String detail;
    private final boolean retryable;
    private final transient Map<String, String> headers;
    private final transient List<FieldError> fieldErrors;

    /**
     * @param status the HTTP status (400 to 599)
     * @param code a stable machine code, for example {@code "not_found"}
     * @param title a short summary that does not change between occurrences
     * @param detail this occurrence, for the client; may be null
     * @param retryable whether the same request may succeed later
     * @param headers extra response headers; may be empty
     * @param fieldErrors invalid fields; may be empty
     * @param cause the underlying error, logged and never shown; may be null
     */
    public LiftException(int status, String code, String title, String detail, boolean retryable,
                         Map<String, String> headers, List<FieldError> fieldErrors, Throwable cause) {
        super(detail == null ? title : title + ": " + detail, cause);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400 to 599, was " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.title = Objects.requireNonNull(title, "title");
        this.detail = detail;
        this.retryable = retryable;
        headers.forEach(HttpResponse::checkHeader);
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    /** A status with its standard code and title and the given detail. */
    public LiftException(int status, String detail) {
        this(status, codeFor(status), titleFor(status), detail, status == 429 || status == 503 || status == 504,
                Map.of(), List.of(), null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** The client-facing detail; may be null. */
    public String detail() {
        return detail;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Extra response headers, such as {@code Allow} or {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    /** A copy with one more response header; a null value leaves the header out. */
    public LiftException withHeader(String name, String value) {
        HttpResponse.checkHeader(name, value);
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (value == null) {
            h.remove(name);
        } else {
            h.put(name, value);
        }
        return new LiftException(status, code, title, detail, retryable, h, fieldErrors, getCause());
    }

    /** A copy that carries the underlying error for the log. */
    public LiftException withCause(Throwable cause) {
        return new LiftException(status, code, title, detail, retryable, headers, fieldErrors, cause);
    }

    // ---- the common cases ----

    /** 400: the request is malformed. */
    public static LiftException badRequest(String detail) {
        return new LiftException(400, detail);
    }

    /** 401: credentials are missing or invalid; {@code challenge} becomes {@code WWW-Authenticate}. */
    public static LiftException unauthorized(String detail, String challenge) {
        return new LiftException(401, detail).withHeader("WWW-Authenticate", challenge);
    }

    /** 403: the caller may not do this. */
    public static LiftException forbidden(String detail) {
        return new LiftException(403, detail);
    }

    /** 404: nothing is there. */
    public static LiftException notFound(String detail) {
        return new LiftException(404, detail);
    }

    /** 405 with the {@code Allow} header listing the methods the path does serve. */
    public static LiftException methodNotAllowed(String method, Collection<String> allowed) {
        String allow = String.join(", ", new TreeSet<>(allowed));
        return new LiftException(405, "Method " + method + " is not allowed here; allowed: " + allow)
                .withHeader("Allow", allow);
    }

    /** 409: the request conflicts with the current state. */
    public static LiftException conflict(String detail) {
        return new LiftException(409, detail);
    }

    /** 413: the body is larger than {@code limitBytes}. */
    public static LiftException payloadTooLarge(long limitBytes) {
        return new LiftException(413, "The request body is larger than " + limitBytes + " bytes");
    }

    /** 415: the body's media type is not accepted. */
    public static LiftException unsupportedMediaType(String mediaType, Collection<String> accepted) {
        return new LiftException(415, "Content type '" + mediaType + "' is not supported; use "
                + String.join(" or ", accepted));
    }

    /** 422: the body is well-formed but fields are missing or wrong. */
    public static LiftException unprocessable(List<FieldError> fieldErrors) {
        return new LiftException(422, codeFor(422), titleFor(422),
                "The request body has " + fieldErrors.size() + (fieldErrors.size() == 1 ? " invalid field" : " invalid fields"),
                false, Map.of(), fieldErrors, null);
    }

    /** 429 with {@code Retry-After}. */
    public static LiftException tooManyRequests(Duration retryAfter) {
        return new LiftException(429, "Too many requests; retry after " + seconds(retryAfter) + " s")
                .withHeader("Retry-After", Long.toString(seconds(retryAfter)));
    }

    /** 500: a generic internal error; the detail says nothing of the cause. */
    public static LiftException internal(Throwable cause) {
        return new LiftException(500, "internal_error", titleFor(500), null, false, Map.of(), List.of(), cause);
    }

    /** 503 with {@code Retry-After}: a dependency is unavailable (for example a breaker is open). */
    public static LiftException unavailable(String detail, Duration retryAfter) {
        return new LiftException(503, detail).withHeader("Retry-After", Long.toString(seconds(retryAfter)));
    }

    /** 504: the work did not finish in time. */
    public static LiftException gatewayTimeout(String detail) {
        return new LiftException(504, detail);
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    /** The standard title of a status. */
    public static String titleFor(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 406: return "Not Acceptable";
            case 408: return "Request Timeout";
            case 409: return "Conflict";
            case 410: return "Gone";
            case 413: return "Content Too Large";
            case 415: return "Unsupported Media Type";
            case 422: return "Unprocessable Content";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 501: return "Not Implemented";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return status < 500 ? "Client Error" : "Server Error";
        }
    }

    /** The standard machine code of a status, for example {@code "not_found"}. */
    public static String codeFor(int status) {
        return titleFor(status).toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
    }
}
