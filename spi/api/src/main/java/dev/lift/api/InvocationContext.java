package dev.lift.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;

/**
 * One Lambda invocation as handlers and middleware see it. Made by the kernel for each
 * invocation and never shared between invocations. The records of one batch may run on several
 * threads and then each see a view of the same invocation whose {@link #route()} is their own
 * handler's; attributes are shared and safe to use from those threads.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface InvocationContext {

    /** The Lambda request id ({@code Lambda-Runtime-Aws-Request-Id}); never null. */
    String requestId();

    /** The deadline as epoch milliseconds ({@code Lambda-Runtime-Deadline-Ms}). */
    long deadlineMillis();

    /** Time left until the deadline; zero or negative once it has passed. */
    default Duration remainingTime() {
        return Duration.ofMillis(deadlineMillis() - System.currentTimeMillis());
    }

    /** The function name, or {@code "local"} outside Lambda. */
    String functionName();

    /** The function version, for example {@code "$LATEST"}. */
    String functionVersion();

    /** The ARN the function was invoked with (may carry an alias). */
    String invokedFunctionArn();

    /** Configured memory in MB. */
    int memoryLimitMb();

    /** True for the first invocation this kernel serves (again true for the first after a snapshot restore). */
    boolean coldStart();

    /**
     * The X-Ray trace header of this invocation ({@code Lambda-Runtime-Trace-Id}, or the Lambda
     * Java runtime's {@code Context.getXrayTraceId()}), if any. Never read from a process-wide
     * property: invocations run concurrently.
     */
    Optional<String> traceId();

    /** The decoded event being handled. */
    LiftEvent event();

    /**
     * What this work was matched to: the HTTP route, or the record, batch or event handler, with
     * its attributes. For HTTP answers no route produced (404, 405, 400, 503) a descriptor whose
     * {@link RouteDescriptor#matched()} is false; for a batch as a whole, its source's batch.
     *
     * @since 0.2
     */
    RouteDescriptor route();

    /**
     * The event exactly as Lambda delivered it, parsed once; never modify it.
     *
     * @since 0.2
     */
    JsonNode rawEvent();

    /**
     * The raw event as another library's type, for example the standard
     * {@code aws-lambda-java-events} classes, converted on each call by an installed
     * {@code EventConverter} plugin (such as {@code events-aws}).
     *
     * @throws IllegalStateException naming the type when no installed converter produces it
     * @since 0.2
     */
    <T> T rawEvent(Class<T> type);

    /**
     * Resources and kernel services, by type or name.
     *
     * @since 0.2
     */
    ResourceLookup resources();

    /**
     * Metrics attributed to this invocation and flushed at its end by the metrics plugin.
     *
     * @since 0.2
     */
    Metrics metrics();

    /** A per-invocation attribute set by middleware or handlers. */
    Optional<Object> attribute(String name);

    /** Sets (or with {@code null}, removes) a per-invocation attribute. */
    void attribute(String name, Object value);

    /** A typed attribute; fails if it holds another type. */
    default <T> Optional<T> attribute(String name, Class<T> type) {
        return attribute(name).map(type::cast);
    }
}
