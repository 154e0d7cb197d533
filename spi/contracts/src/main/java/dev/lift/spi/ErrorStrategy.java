package dev.lift.spi;

import dev.lift.api.Api;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftPlugin;
import java.util.Optional;

/**
 * Turns an exception into an outcome. Strategies are chosen by {@link #handles()}: the one whose
 * type is closest to the thrown exception's class wins, then plugin order. A strategy may pass
 * (return empty) to let the next one try. A strategy that itself throws is logged and the
 * kernel answers with a plain 500.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface ErrorStrategy extends LiftPlugin {

    /** The exception type this strategy handles (and its subtypes). */
    Class<? extends Throwable> handles();

    /**
     * The HTTP response for an error thrown while handling a request.
     *
     * @param error what was thrown
     * @param request the request, or null if it could not be decoded
     * @param context the invocation
     */
    default Optional<HttpResponse> toResponse(Throwable error, HttpRequest request, InvocationContext context) {
        return Optional.empty();
    }

    /** What to do with a record whose handler threw; empty to pass to the next strategy. */
    default Optional<RecordFailure> onRecordFailure(Throwable error, Object record, InvocationContext context) {
        return Optional.empty();
    }
}
