package dev.lift.api;

import java.util.List;

/**
 * Handles a whole batch at once and says which records failed. Throwing fails the whole batch.
 *
 * @param <R> the record type
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface BatchHandler<R> {

    BatchResponse handle(List<R> records, InvocationContext context) throws Exception;
}
