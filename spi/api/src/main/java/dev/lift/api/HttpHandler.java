package dev.lift.api;

/**
 * Handles one HTTP request. The result becomes the response: an {@link HttpResponse} as is,
 * {@code null} as 204, a {@link CharSequence} as {@code text/plain}, a {@code byte[]} as
 * {@code application/octet-stream}, anything else as 200 with the value written as JSON.
 * Throw a {@link LiftException} for a client error; any other exception becomes a 500 that
 * shows only the request id.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface HttpHandler {

    Object handle(HttpRequest request, InvocationContext context) throws Exception;
}
