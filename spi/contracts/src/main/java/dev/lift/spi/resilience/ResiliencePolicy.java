package dev.lift.spi.resilience;

import dev.lift.api.Api;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftException;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A named set of recovery rules around a downstream call: retries with backoff for transient
 * failures (never past the invocation's deadline), a circuit breaker, a timeout per attempt and a
 * limit on concurrent calls. Thread-safe.
 *
 * <p>What a caller sees when a rule gives up:
 * <ul>
 *   <li>retries exhausted, or stopped because the next one would pass the deadline: the last
 *       failure, as {@code work} threw it;</li>
 *   <li>circuit breaker open: a {@link LiftException} 503 with {@code Retry-After} set to the time
 *       until the breaker lets a trial call through;</li>
 *   <li>an attempt took longer than the timeout: a {@link LiftException} 504;</li>
 *   <li>an attempt was cut short at the invocation's deadline, or no attempt could start because
 *       too little time was left: a {@link LiftException} 504 that says which;</li>
 *   <li>too many concurrent calls: a {@link LiftException} 503.</li>
 * </ul>
 * Every attempt is bounded by the time left before the deadline, timeout or not, so a call never
 * runs past the Lambda deadline.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface ResiliencePolicy {

    /** The policy's name, as configured. */
    String name();

    /**
     * Runs {@code work} under this policy.
     *
     * @param context the invocation, whose deadline bounds every attempt and retry; may be null outside an
     *     invocation (for example while pre-warming), where no deadline applies
     * @param work the downstream call; may run several times
     * @return what {@code work} returned
     * @throws Exception what {@code work} threw last, or a {@link LiftException} as described above
     */
    <T> T call(InvocationContext context, Callable<T> work) throws Exception;

    /**
     * Like {@link #call(InvocationContext, Callable)}, but when the call fails in the end, answers
     * with {@code fallback} applied to what {@link #call(InvocationContext, Callable)} would have
     * thrown (so an open breaker arrives as a 503 {@link LiftException}). A fallback that wants to
     * pass some failures on throws them (unchecked). An interrupt is never answered with the
     * fallback: the {@link InterruptedException} is thrown.
     */
    default <T> T call(InvocationContext context, Callable<T> work, Function<? super Exception, ? extends T> fallback)
            throws Exception {
        try {
            return call(context, work);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return fallback.apply(e);
        }
    }
}
