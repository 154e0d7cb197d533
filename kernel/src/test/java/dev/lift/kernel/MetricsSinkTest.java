package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.EventSelector;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftPlugin;
import dev.lift.api.Metrics;
import dev.lift.api.PluginContext;
import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestHttpAdapter;
import dev.lift.kernel.testing.TestRecordAdapter;
import dev.lift.kernel.testing.TestRecordAdapter.TestRecord;
import dev.lift.spi.MetricsSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A metrics sink as an EMF plugin would be: it buffers what each invocation records, whatever
 * thread records it, and writes it once when the kernel flushes that invocation.
 */
class MetricsSinkTest {

    /** Buffers per invocation; "writes" (keeps) one line per flush. */
    static final class BufferingSink implements MetricsSink {
        private final boolean enabled;
        final Map<InvocationContext, List<String>> buffers = new ConcurrentHashMap<>();
        final List<String> flushed = new CopyOnWriteArrayList<>();
        final List<String> outside = new CopyOnWriteArrayList<>();

        BufferingSink(boolean enabled) {
            this.enabled = enabled;
        }

        @Override
        public String id() {
            return enabled ? "emf-test" : "emf-declined";
        }

        @Override
        public boolean init(PluginContext context) {
            return enabled;
        }

        @Override
        public void record(InvocationContext invocation, String name, double value, String unit,
                           Map<String, String> dimensions) {
            String line = name + new TreeMap<>(dimensions) + "=" + (name.equals("lift.duration") ? "t" : (long) value);
            if (invocation == null) {
                outside.add(line);
            } else {
                buffers.computeIfAbsent(invocation, i -> new CopyOnWriteArrayList<>()).add(line);
            }
        }

        @Override
        public void flush(InvocationContext invocation) {
            List<String> lines = new ArrayList<>(buffers.remove(invocation));
            lines.sort(null);
            flushed.add(invocation.requestId() + " " + lines);
        }
    }

    /** A plugin that records through its PluginContext while a record runs: attributed to that invocation. */
    static final class CountingPlugin implements LiftPlugin {
        static volatile Metrics metrics;

        @Override
        public String id() {
            return "counting";
        }

        @Override
        public boolean init(PluginContext context) {
            metrics = context.metrics();
            return true;
        }
    }

    @Test
    void eachInvocationIsFlushedOnceWithWhatItsHandlerPluginsAndTheKernelRecorded() {
        BufferingSink sink = new BufferingSink(true);
        BufferingSink declined = new BufferingSink(false);
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter()).plugin(new TestRecordAdapter())
                .plugin(sink).plugin(declined).plugin(new CountingPlugin()).setting("lift.batch.parallelism", "3")
                .plugin(new TestApp(r -> r
                        .get("/orders", (req, ctx) -> {
                            ctx.metrics().increment("OrdersListed");
                            return "orders";
                        })
                        .onRecord(EventSelector.any(TestRecord.class), (rec, ctx) -> {
                            CountingPlugin.metrics.increment("records.seen", Map.of("queue", rec.queue()));
                            if (rec.body().equals("bad")) {
                                throw new IllegalStateException("bad");
                            }
                        }))).build();

        k.invoke(TestHttpAdapter.request("GET", "/orders", null), KernelHttpTest.request("r1"));
        k.invoke(TestRecordAdapter.batch("jobs", false, true, "a", "bad", "c"), KernelHttpTest.request("r2"));
        k.invoke(TestHttpAdapter.request("GET", "/missing", null), KernelHttpTest.request("r3"));

        assertEquals(List.of(
                "r1 [OrdersListed{}=1, lift.cold_start{kind=http}=1, lift.duration{kind=http}=t, lift.invocations{kind=http}=1]",
                "r2 [lift.duration{kind=batch}=t, lift.errors{class=record, kind=batch}=1, lift.invocations{kind=batch}=1, "
                        + "records.seen{queue=jobs}=1, records.seen{queue=jobs}=1, records.seen{queue=jobs}=1]",
                "r3 [lift.duration{kind=http}=t, lift.errors{class=4xx, kind=http}=1, lift.invocations{kind=http}=1]"),
                sink.flushed);
        assertTrue(sink.buffers.isEmpty(), "nothing is left unflushed: " + sink.buffers);
        assertTrue(sink.outside.isEmpty(), sink.outside.toString());
        assertTrue(declined.flushed.isEmpty() && declined.buffers.isEmpty(), "a sink that declined receives nothing");
    }

    @Test
    void metricsRecordedOutsideAnInvocationArriveWithoutOne() {
        BufferingSink sink = new BufferingSink(true);
        Lift.builder().discover(false).plugin(sink).plugin(new CountingPlugin()).build();
        CountingPlugin.metrics.increment("background.job");
        assertEquals(List.of("background.job{}=1"), sink.outside);
    }
}
