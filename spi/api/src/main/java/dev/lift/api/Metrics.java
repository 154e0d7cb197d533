package dev.lift.api;

import java.util.Map;

/**
 * Where handlers and plugins report numbers. Inside an invocation the values are attributed to
 * it, so a metrics plugin (for example one writing CloudWatch EMF) flushes them once at its end;
 * without a metrics plugin they are discarded. Thread-safe.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface Metrics {

    /** Metrics that go nowhere. */
    Metrics NOOP = (name, value, unit, dimensions) -> { };

    /**
     * Records one value.
     *
     * @param name metric name, for example {@code "OrdersPlaced"} or {@code "lift.breaker.opened"}
     * @param value the value
     * @param unit a CloudWatch unit name such as {@code "Count"} or {@code "Milliseconds"}
     * @param dimensions dimension names and values; may be empty, never null
     */
    void record(String name, double value, String unit, Map<String, String> dimensions);

    /** Adds one to a counter. */
    default void increment(String name, Map<String, String> dimensions) {
        record(name, 1, "Count", dimensions);
    }

    /** Adds one to a counter without dimensions. */
    default void increment(String name) {
        record(name, 1, "Count", Map.of());
    }
}
