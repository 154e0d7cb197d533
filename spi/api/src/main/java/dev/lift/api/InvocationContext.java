package dev.lift.api;

import java.time.Duration;
import java.util.Optional;

/**
 * One Lambda invocation as handlers and middleware see it. Made by the kernel for each
 * invocation and never shared between invocations; attribute methods need no locking by callers
 * as long as one invocation's code does not hand the context to other threads.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
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

    /** True for the first invocation this kernel serves. */
    boolean coldStart();

    /** The X-Ray trace header ({@code Lambda-Runtime-Trace-Id}), if any. */
    Optional<String> traceId();

    /** The decoded event being handled. */
    LiftEvent event();

    /** A per-invocation attribute set by middleware or handlers. */
    Optional<Object> attribute(String name);

    /** Sets (or with {@code null}, removes) a per-invocation attribute. */
    void attribute(String name, Object value);

    /** A typed attribute; fails if it holds another type. */
    default <T> Optional<T> attribute(String name, Class<T> type) {
        return attribute(name).map(type::cast);
    }
}
