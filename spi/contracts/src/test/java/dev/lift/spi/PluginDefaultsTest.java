package dev.lift.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.EventKind;
import dev.lift.api.PluginContext;
import dev.lift.spi.resilience.ResiliencePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What a plugin author gets by implementing only the abstract methods: the documented defaults of each
 * extension point, and the value types plugins hand to the kernel.
 */
class PluginDefaultsTest {

    @Test
    void a_resource_provider_closes_what_is_closeable_and_is_up_by_default() throws Exception {
        AtomicBoolean closed = new AtomicBoolean();
        ResourceProvider<AutoCloseable> provider = new ResourceProvider<>() {
            @Override
            public String id() {
                return "pool";
            }

            @Override
            public Class<AutoCloseable> type() {
                return AutoCloseable.class;
            }

            @Override
            public AutoCloseable open(PluginContext context) {
                return () -> closed.set(true);
            }
        };
        AutoCloseable resource = provider.open(null);

        assertEquals("pool", provider.name());
        assertSame(AutoCloseable.class, provider.genericType());
        assertEquals(HealthResult.up(), provider.check(resource));
        assertEquals(Duration.ofMillis(100), provider.closeTimeout());
        provider.prewarm(resource);
        provider.beforeCheckpoint(resource);
        provider.afterRestore(resource);
        assertFalse(closed.get(), "only close() closes");
        provider.close(resource);
        assertTrue(closed.get());
    }

    @Test
    void a_resource_that_is_not_closeable_is_left_alone() throws Exception {
        ResourceProvider<StringBuilder> provider = new ResourceProvider<>() {
            @Override
            public String id() {
                return "buffer";
            }

            @Override
            public Class<StringBuilder> type() {
                return StringBuilder.class;
            }

            @Override
            public StringBuilder open(PluginContext context) {
                return new StringBuilder("kept");
            }
        };
        StringBuilder b = provider.open(null);
        provider.close(b);
        assertEquals("kept", b.toString());
    }

    @Test
    void a_middleware_plugin_contributes_nothing_until_it_says_so_and_sits_in_the_application_band() {
        MiddlewarePlugin m = () -> "quiet";

        assertEquals(MiddlewarePlugin.APPLICATION, m.order());
        assertTrue(MiddlewarePlugin.OBSERVABILITY < MiddlewarePlugin.SECURITY
                && MiddlewarePlugin.SECURITY < MiddlewarePlugin.TRAFFIC
                && MiddlewarePlugin.TRAFFIC < MiddlewarePlugin.APPLICATION);
        assertFalse(m.enforcesAuthentication());
        assertNull(m.http(null));
        assertNull(m.record(null));
        assertNull(m.batch(null));
        assertNull(m.event(null));
    }

    @Test
    void an_error_strategy_passes_unless_it_answers() {
        ErrorStrategy s = new ErrorStrategy() {
            @Override
            public String id() {
                return "passes";
            }

            @Override
            public Class<? extends Throwable> handles() {
                return IllegalStateException.class;
            }
        };
        assertEquals(Optional.empty(), s.toResponse(new IllegalStateException(), null, null));
        assertEquals(Optional.empty(), s.onRecordFailure(new IllegalStateException(), "record", null));
        assertEquals(List.of(RecordFailure.REPORT, RecordFailure.FAIL_BATCH, RecordFailure.DROP),
                List.of(RecordFailure.values()));
    }

    @Test
    void health_checks_time_out_after_a_second_and_results_are_immutable() throws Exception {
        HealthCheck check = new HealthCheck() {
            @Override
            public String id() {
                return "db";
            }

            @Override
            public HealthResult check() {
                return HealthResult.degraded(Map.of("lag", 3));
            }
        };
        assertEquals(Duration.ofSeconds(1), check.timeout());
        assertEquals(HealthResult.Status.DEGRADED, check.check().status());
        Map<String, Object> details = new HashMap<>(Map.of("error", "refused"));
        HealthResult down = HealthResult.down(details);
        details.put("later", "ignored");
        assertEquals(Map.of("error", "refused"), down.details());
        assertThrows(UnsupportedOperationException.class, () -> down.details().put("x", 1));
        assertEquals(HealthResult.Status.UP, HealthResult.up().status());
        assertEquals(Map.of(), HealthResult.up().details());

        HealthReport report = new HealthReport(HealthResult.Status.DOWN,
                Map.of("db", new HealthReport.Component(HealthResult.Status.DOWN, 12, Map.of("error", "refused"))),
                Instant.EPOCH);
        assertEquals(12, report.components().get("db").latencyMillis());
        assertThrows(UnsupportedOperationException.class, () -> report.components().clear());
    }

    @Test
    void an_invocation_outcome_succeeds_only_without_an_error_status_failed_record_or_exception() {
        assertTrue(new InvocationOutcome(EventKind.HTTP, 200, 0, 0, null, Duration.ZERO, true).succeeded());
        assertFalse(new InvocationOutcome(EventKind.HTTP, 404, 0, 0, null, Duration.ZERO, false).succeeded());
        assertFalse(new InvocationOutcome(EventKind.BATCH, 200, 10, 1, null, Duration.ZERO, false).succeeded());
        IllegalStateException boom = new IllegalStateException("boom");
        InvocationOutcome failed = new InvocationOutcome(EventKind.EVENT, 200, 0, 0, boom, Duration.ZERO, false);
        assertFalse(failed.succeeded());
        assertSame(boom, failed.failure().orElseThrow());
        assertTrue(new InvocationOutcome(EventKind.EVENT, 200, 0, 0, null, Duration.ZERO, false).failure().isEmpty());
    }

    @Test
    void a_resilience_policy_falls_back_on_failure_but_never_swallows_an_interrupt() throws Exception {
        ResiliencePolicy once = new ResiliencePolicy() {
            @Override
            public String name() {
                return "once";
            }

            @Override
            public <T> T call(dev.lift.api.InvocationContext context, Callable<T> work) throws Exception {
                return work.call();
            }
        };
        assertEquals("ok", once.call(null, () -> "ok", e -> "fallback"));
        assertEquals("fallback: boom", once.call(null, () -> {
            throw new IllegalStateException("boom");
        }, e -> "fallback: " + e.getMessage()));
        assertThrows(InterruptedException.class, () -> once.call(null, () -> {
            throw new InterruptedException();
        }, e -> "fallback"));
    }

    @Test
    void listeners_and_sinks_do_nothing_by_default() throws Exception {
        InvocationListener invocations = new InvocationListener() { };
        invocations.onStart(null);
        invocations.onEnd(null, null);
        invocations.onRecordStart(null, "r");
        invocations.onRecordEnd(null, "r", null);
        LifecycleListener lifecycle = new LifecycleListener() { };
        lifecycle.onStateChange(LifecycleState.STARTING, LifecycleState.READY);
        lifecycle.onBootFailure(new IllegalStateException());
        SnapshotListener snapshots = new SnapshotListener() { };
        snapshots.beforeCheckpoint();
        snapshots.afterRestore();
        List<String> recorded = new java.util.ArrayList<>();
        MetricsSink sink = new MetricsSink() {
            @Override
            public String id() {
                return "sink";
            }

            @Override
            public void record(dev.lift.api.InvocationContext invocation, String name, double value, String unit,
                               Map<String, String> dimensions) {
                recorded.add(name);
            }
        };
        sink.record(null, "Orders", 1, "Count", Map.of());
        sink.flush(null);
        assertEquals(List.of("Orders"), recorded);
        assertEquals(5, LifecycleState.values().length);
    }

    @Test
    void an_adapter_does_not_answer_failures_unless_it_says_so() {
        EventAdapter adapter = new EventAdapter() {
            @Override
            public String id() {
                return "a";
            }

            @Override
            public EventKind kind() {
                return EventKind.EVENT;
            }

            @Override
            public boolean matches(com.fasterxml.jackson.databind.JsonNode event) {
                return false;
            }

            @Override
            public dev.lift.api.LiftEvent decode(com.fasterxml.jackson.databind.JsonNode event) {
                return null;
            }

            @Override
            public void encode(dev.lift.api.LiftEvent event, Object result, com.fasterxml.jackson.core.JsonGenerator out) {
            }
        };
        assertFalse(adapter.answersFailures());
    }
}
