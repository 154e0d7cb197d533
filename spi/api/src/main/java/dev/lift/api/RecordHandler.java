package dev.lift.api;

/**
 * Handles one record of a batch; Lift loops over the batch. Throwing marks this record failed
 * (reported in {@code batchItemFailures}); returning normally acknowledges it.
 *
 * <p>The same rule holds whether records run one after another or in parallel
 * ({@code lift.batch.parallelism}): anything a handler throws — an exception, an
 * {@link InterruptedException}, an {@link AssertionError}, a {@link LinkageError}, an
 * application's own {@link Error}, a {@link StackOverflowError} — fails this record only, and
 * Lift logs it once, with the request id and the record's id but never its payload. (An error
 * strategy may still drop the record or fail the whole batch.) Only the errors after which the JVM
 * cannot be trusted, every other {@link VirtualMachineError} such as {@link OutOfMemoryError} or
 * {@link InternalError}, fail the whole invocation. An interrupt belongs to its record: when the
 * handler returns or throws, the thread's interrupt status is cleared, so the next record and the
 * runtime are not interrupted by it. A batch handler ({@link BatchHandler}) that throws follows
 * the same rule for all of its records.
 *
 * @param <R> the record type
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface RecordHandler<R> {

    void handle(R record, InvocationContext context) throws Exception;
}
