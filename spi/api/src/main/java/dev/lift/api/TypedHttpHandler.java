package dev.lift.api;

/**
 * Handles an HTTP request whose JSON body is decoded into {@code B} first, with a reader built
 * once at boot. A body that is not JSON is answered with 400, one with missing or wrong fields
 * with 422, before this handler runs. The result is treated as by {@link HttpHandler}.
 *
 * @param <B> the body type
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface TypedHttpHandler<B> {

    Object handle(B body, HttpRequest request, InvocationContext context) throws Exception;
}
