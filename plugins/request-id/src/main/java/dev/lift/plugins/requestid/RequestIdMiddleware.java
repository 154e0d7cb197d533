package dev.lift.plugins.requestid;

import dev.lift.api.Api;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Takes the caller's request id from a header when it is a plausible id (bounded length, letters,
 * digits and {@code - _ . : + = / @}), otherwise uses the Lambda request id (or, should that not
 * qualify either, a random UUID); puts it on the invocation as {@link RequestIds#CORRELATION_ID}
 * with the Lambda request id and trace id ({@link RequestIds#REQUEST_ID},
 * {@link RequestIds#TRACE_ID}), and echoes it in the same header on the response, error answers
 * included. The global {@code request-id} plugin installs one on every route; an application that
 * turns the plugin off can put one on a route or group with {@code .use(RequestIdMiddleware.standard())}.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class RequestIdMiddleware implements HttpMiddleware {

    /** The header read and written by default. */
    public static final String DEFAULT_HEADER = "X-Request-Id";

    /** The longest id taken from a caller by default. */
    public static final int DEFAULT_MAX_LENGTH = 128;

    private final String header;
    private final int maxLength;

    /**
     * @param header the header to read and echo, for example {@code X-Request-Id}
     * @param maxLength the longest id accepted from a caller (1 to 1024)
     */
    public RequestIdMiddleware(String header, int maxLength) {
        this.header = Objects.requireNonNull(header, "header");
        if (!validHeaderName(header)) {
            throw new IllegalArgumentException("not a valid HTTP header name: '" + header + "'");
        }
        if (maxLength < 1 || maxLength > 1024) {
            throw new IllegalArgumentException("maxLength must be 1 to 1024, was " + maxLength);
        }
        this.maxLength = maxLength;
    }

    /** {@code X-Request-Id}, up to 128 characters. */
    public static RequestIdMiddleware standard() {
        return new RequestIdMiddleware(DEFAULT_HEADER, DEFAULT_MAX_LENGTH);
    }

    /** The header this middleware reads and writes. */
    public String header() {
        return header;
    }

    @Override
    public HttpResponse handle(HttpRequest request, InvocationContext context, Next next) {
        String id = accept(request.header(header).orElse(null));
        if (id == null) {
            id = accept(context.requestId());
        }
        if (id == null) {
            id = UUID.randomUUID().toString();
        }
        RequestIds.tag(context);
        context.attribute(RequestIds.CORRELATION_ID, id);
        HttpResponse response = next.proceed();
        return response.header(header, id);
    }

    /** The id if a caller may set it, else null. */
    String accept(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > maxLength) {
            return null;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-_.:+=/@".indexOf(c) >= 0;
            if (!ok) {
                return null;
            }
        }
        return candidate;
    }

    static boolean validHeaderName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // RFC 9110 token characters.
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "request-id(" + header.toLowerCase(Locale.ROOT) + ")";
    }
}
