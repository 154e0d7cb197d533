package dev.lift.api;

import java.util.List;

/**
 * Wraps a batch handler: it sees the records the handler receives and the
 * {@link BatchResponse} it returns. Throwing fails every record the handler was given.
 *
 * @param <R> the record type
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
@FunctionalInterface
public interface BatchMiddleware<R> {

    BatchResponse handle(List<R> records, InvocationContext context, Next next) throws Exception;

    /** The rest of a batch chain. */
    @FunctionalInterface
    interface Next {
        /** Runs the inner layers and the handler; never null. */
        BatchResponse proceed() throws Exception;
    }
}
