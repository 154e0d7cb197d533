package dev.lift.api;

/**
 * Handles one record of a batch; Lift loops over the batch. Throwing marks this record failed
 * (reported in {@code batchItemFailures}); returning normally acknowledges it.
 *
 * @param <R> the record type
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface RecordHandler<R> {

    void handle(R record, InvocationContext context) throws Exception;
}
