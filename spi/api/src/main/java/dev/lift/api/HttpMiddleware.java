package dev.lift.api;

/**
 * Wraps the handling of an HTTP request, onion-style: code before {@code next.proceed()} runs on
 * the way in, code after it on the way out. Not calling {@code next} short-circuits (answer a
 * preflight, refuse a request).
 *
 * <p>{@code next.proceed()} never throws: errors of the inner layers arrive already turned into
 * an error {@link HttpResponse} by the error strategies, so the part after it always runs, and a
 * response header set there is on error responses too. Whatever this method throws is turned into
 * a response the same way.
 *
 * <p>Chains are compiled once per route at boot; instances are shared by concurrent invocations
 * and must be thread-safe.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
@FunctionalInterface
public interface HttpMiddleware {

    /**
     * @param request the request (for a request the adapter could not decode, a placeholder with
     *     method {@code ""}, path {@code "/"} and no headers)
     * @param context the invocation; {@link InvocationContext#route()} is the matched route
     * @param next the inner layers and the handler
     * @return the response; never null
     */
    HttpResponse handle(HttpRequest request, InvocationContext context, Next next) throws Exception;

    /** The rest of an HTTP chain. */
    @FunctionalInterface
    interface Next {
        /** Runs the inner layers and the handler with the same request. Never throws. */
        HttpResponse proceed();

        /** Runs the inner layers and the handler with another request (a changed header, say). */
        default HttpResponse proceed(HttpRequest request) {
            throw new UnsupportedOperationException("this chain does not accept a replaced request");
        }
    }
}
