package dev.lift.plugins.requestid;

import dev.lift.api.Api;
import dev.lift.api.InvocationContext;

/**
 * The invocation attributes the {@code request-id} plugin sets, read by logging and by handlers
 * with {@code context.attribute(RequestIds.CORRELATION_ID, String.class)}. Other plugins read them
 * by name, without depending on this jar.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class RequestIds {

    /** {@code lift.correlationId}: the caller's {@code X-Request-Id}, or the id made for this request. */
    public static final String CORRELATION_ID = "lift.correlationId";

    /** {@code lift.requestId}: the Lambda request id ({@code InvocationContext.requestId()}). */
    public static final String REQUEST_ID = "lift.requestId";

    /** {@code lift.traceId}: the X-Ray trace header, when the invocation has one. */
    public static final String TRACE_ID = "lift.traceId";

    private RequestIds() {
    }

    /** Sets the Lambda request id and trace id attributes. */
    static void tag(InvocationContext context) {
        context.attribute(REQUEST_ID, context.requestId());
        context.traceId().ifPresent(t -> context.attribute(TRACE_ID, t));
    }
}
