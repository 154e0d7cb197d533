package dev.lift.api;

/**
 * Wraps the handling of one unit of work, onion-style: code before {@code next.proceed()} runs
 * on the way in (in registration order), code after it on the way out (in reverse order). Not
 * calling {@code next} short-circuits.
 *
 * <p>For HTTP, {@code next.proceed()} never throws: errors of the inner layers arrive here
 * already turned into an error {@link HttpResponse}, so the part after {@code proceed()} always
 * runs. For records, an exception means the record failed.
 *
 * <p>Chains are compiled once per route at boot; instances are shared by concurrent invocations
 * and must be thread-safe.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
@FunctionalInterface
public interface Middleware {

    /**
     * @param context the invocation
     * @param input what is being handled: the {@link HttpRequest} for HTTP, the record for
     *     {@link EventKind#RECORD}, the {@link RecordBatch} for {@link EventKind#BATCH}, the
     *     event for {@link EventKind#EVENT}
     * @param next the rest of the chain
     * @return the result: an {@link HttpResponse} for HTTP
     */
    Object handle(InvocationContext context, Object input, Next next) throws Exception;

    /** The rest of a middleware chain. */
    @FunctionalInterface
    interface Next {
        /** Runs the inner layers and the handler, and returns their result. */
        Object proceed() throws Exception;
    }
}
