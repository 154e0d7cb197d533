package dev.lift.kernel.internal;

import dev.lift.api.EventKind;
import dev.lift.api.InvocationContext;
import dev.lift.api.Metrics;
import dev.lift.spi.MetricsSink;
import java.util.List;
import java.util.Map;

/**
 * Fans metrics out to the active sinks. A value recorded through a plugin's {@link Metrics} is
 * attributed to the invocation running on the current thread (set by dispatch on the invoking
 * thread and on record threads), so a sink can flush per invocation.
 */
final class KernelMetrics implements Metrics {

    private static final System.Logger LOG = System.getLogger("lift.kernel");
    private static final ThreadLocal<InvocationContext> CURRENT = new ThreadLocal<>();

    private static final Map<String, String> HTTP = Map.of("kind", "http");
    private static final Map<String, String> BATCH = Map.of("kind", "batch");
    private static final Map<String, String> EVENT = Map.of("kind", "event");

    private final MetricsSink[] sinks;

    KernelMetrics(List<MetricsSink> sinks) {
        this.sinks = sinks.toArray(new MetricsSink[0]);
    }

    boolean active() {
        return sinks.length > 0;
    }

    /** Marks the invocation running on this thread; returns the previous one to restore. */
    static InvocationContext enter(InvocationContext invocation) {
        InvocationContext previous = CURRENT.get();
        CURRENT.set(invocation);
        return previous;
    }

    static void leave(InvocationContext previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    @Override
    public void record(String name, double value, String unit, Map<String, String> dimensions) {
        record(CURRENT.get(), name, value, unit, dimensions);
    }

    void record(InvocationContext invocation, String name, double value, String unit, Map<String, String> dimensions) {
        for (MetricsSink s : sinks) {
            try {
                s.record(invocation, name, value, unit, dimensions);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Metrics sink '" + s.id() + "' failed to record " + name, e);
            }
        }
    }

    /** Metrics attributed to one invocation, whatever thread records them. */
    Metrics boundTo(InvocationContext invocation) {
        return (name, value, unit, dimensions) -> record(invocation, name, value, unit, dimensions);
    }

    /** The kernel's own figures for one invocation, then one flush per sink. */
    void invocationEnded(InvocationContext invocation, EventKind kind, long nanos, String errorClass) {
        if (sinks.length == 0) {
            return;
        }
        Map<String, String> dims = kind == EventKind.HTTP ? HTTP : kind == EventKind.EVENT ? EVENT : BATCH;
        if (invocation.coldStart()) {
            record(invocation, "lift.cold_start", 1, "Count", dims);
        }
        record(invocation, "lift.invocations", 1, "Count", dims);
        record(invocation, "lift.duration", nanos / 1_000_000.0, "Milliseconds", dims);
        if (errorClass != null) {
            record(invocation, "lift.errors", 1, "Count", Map.of("kind", dims.get("kind"), "class", errorClass));
        }
        for (MetricsSink s : sinks) {
            try {
                s.flush(invocation);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Metrics sink '" + s.id() + "' failed to flush request "
                        + invocation.requestId(), e);
            }
        }
    }
}
