package dev.lift.api;

import java.util.Map;

/**
 * Where plugins and the kernel report numbers. The default sink discards them; a metrics
 * plugin (for example one writing CloudWatch EMF) supplies a real one. Thread-safe.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface MetricsSink {

    /** A sink that drops everything. */
    MetricsSink NOOP = (name, value, unit, dimensions) -> { };

    /**
     * Records one value.
     *
     * @param name metric name, for example {@code "lift.breaker.opened"}
     * @param value the value
     * @param unit a CloudWatch unit name such as {@code "Count"} or {@code "Milliseconds"}
     * @param dimensions dimension names and values; may be empty, never null
     */
    void record(String name, double value, String unit, Map<String, String> dimensions);

    /** Adds one to a counter. */
    default void increment(String name, Map<String, String> dimensions) {
        record(name, 1, "Count", dimensions);
    }
}
