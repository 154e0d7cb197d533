package dev.lift.plugins.problem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Api;
import dev.lift.api.FieldError;
import dev.lift.api.HttpResponse;
import dev.lift.api.Json;
import dev.lift.api.LiftException;
import java.net.URI;
import java.util.Map;

/**
 * Renders errors as RFC 9457 {@code application/problem+json}. Used by the kernel's fallback and
 * by error-strategy plugins, so that every Lift error body has the same shape:
 *
 * <pre>{@code
 * {"type":"about:blank","title":"Not Found","status":404,"detail":"...","instance":"/items/9",
 *  "code":"not_found","requestId":"...","errors":[{"field":"name","message":"is required"}]}
 * }</pre>
 *
 * <p>For errors that are not {@link LiftException}s use {@link #internalError}: its body holds a
 * generic title and the request id only, never anything of the exception.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class ProblemDetails {

    /** The media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemDetails() {
    }

    /**
     * The response for a client-facing error, with {@code "type":"about:blank"}.
     *
     * @param error the error
     * @param requestId the Lambda request id, echoed so a client can quote it; may be null
     * @param instance the request path; may be null
     */
    public static HttpResponse toResponse(LiftException error, String requestId, String instance) {
        return toResponse(error, requestId, instance, null);
    }

    /**
     * The response for a client-facing error whose {@code type} is {@code typeBase} followed by
     * the error's code, for example {@code https://errors.example.com/not_found}, so that clients
     * can link each code to documentation.
     *
     * @param error the error
     * @param requestId the Lambda request id, echoed so a client can quote it; may be null
     * @param instance the request path; may be null
     * @param typeBase the start of every problem type URI, usually ending in {@code /} or
     *     {@code #}; null for {@code about:blank}
     * @since 0.1
     */
    public static HttpResponse toResponse(LiftException error, String requestId, String instance, URI typeBase) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("type", typeBase == null ? "about:blank" : typeBase + error.code());
        body.put("title", error.title());
        body.put("status", error.status());
        if (error.detail() != null) {
            body.put("detail", error.detail());
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        body.put("code", error.code());
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        if (!error.fieldErrors().isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            for (FieldError fe : error.fieldErrors()) {
                errors.addObject().put("field", fe.field()).put("message", fe.message());
            }
        }
        HttpResponse response = HttpResponse.status(error.status())
                .header("Content-Type", MEDIA_TYPE)
                .jsonBody(body);
        for (Map.Entry<String, String> h : error.headers().entrySet()) {
            response.header(h.getKey(), h.getValue());
        }
        return response;
    }

    /** A 500 whose body says only that something went wrong, and the request id. */
    public static HttpResponse internalError(String requestId, String instance) {
        return internalError(requestId, instance, null);
    }

    /**
     * A 500 whose body says only that something went wrong, and the request id, with a problem
     * type under {@code typeBase} (see {@link #toResponse(LiftException, String, String, URI)}).
     *
     * @since 0.1
     */
    public static HttpResponse internalError(String requestId, String instance, URI typeBase) {
        return toResponse(LiftException.internal(null), requestId, instance, typeBase);
    }
}
