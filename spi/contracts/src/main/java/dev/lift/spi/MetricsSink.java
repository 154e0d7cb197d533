package dev.lift.spi;

import dev.lift.api.Api;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftPlugin;
import java.util.Map;

/**
 * Receives every metric of handlers, plugins and the kernel (a CloudWatch EMF writer, say).
 * Discovered as a plugin; a sink that declined at init receives nothing. The kernel reports, by
 * event kind ({@code kind} dimension: {@code http}, {@code batch}, {@code event}):
 * {@code lift.invocations} (Count), {@code lift.cold_start} (Count, once per cold start),
 * {@code lift.duration} (Milliseconds) and {@code lift.errors} (Count, with {@code class}
 * {@code 4xx}, {@code 5xx}, {@code record} or {@code invocation}).
 *
 * <p>Values recorded while an invocation runs (on its thread or its records' threads) arrive with
 * that invocation, and {@link #flush} is called exactly once at its end, after the last of them;
 * values recorded outside any invocation (boot, background threads) arrive with {@code null}.
 * Thread-safe: invocations run concurrently.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public interface MetricsSink extends LiftPlugin {

    /**
     * Records one value.
     *
     * @param invocation the invocation it belongs to, or null outside any
     * @param name metric name
     * @param value the value
     * @param unit a CloudWatch unit name such as {@code "Count"}
     * @param dimensions dimension names and values; never null
     */
    void record(InvocationContext invocation, String name, double value, String unit, Map<String, String> dimensions);

    /** The invocation has ended: write what was recorded for it. Called once per invocation. */
    default void flush(InvocationContext invocation) {
    }
}
