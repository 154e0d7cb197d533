package dev.lift.api;

/**
 * Wraps the handling of one record of a batch. Throwing, or an exception passed on from
 * {@code next.proceed()}, fails the record (it is then reported in {@code batchItemFailures});
 * returning normally acknowledges it.
 *
 * <p>Records of one batch may run on several threads at once; instances are shared and must be
 * thread-safe.
 *
 * @param <R> the record type, for example {@code SqsMessage}
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
@FunctionalInterface
public interface RecordMiddleware<R> {

    void handle(R record, InvocationContext context, Next next) throws Exception;

    /** The rest of a record chain. */
    @FunctionalInterface
    interface Next {
        /** Runs the inner layers and the handler. */
        void proceed() throws Exception;
    }
}
