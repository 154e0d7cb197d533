package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.EventKind;
import dev.lift.api.EventSelector;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftPlugin;
import dev.lift.kernel.testing.Responses;
import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestHttpAdapter;
import dev.lift.kernel.testing.TestRecordAdapter;
import dev.lift.kernel.testing.TestRecordAdapter.TestRecord;
import dev.lift.spi.InvocationListener;
import dev.lift.spi.InvocationOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Invocation listeners, as a plugin outside the kernel would use them: a per-invocation log
 * context kept in a thread-local, set on whichever thread runs the work, record threads included.
 */
class InvocationListenerTest {

    private static final EventSelector<TestRecord> ANY = EventSelector.any(TestRecord.class);

    /** A log-context plugin: what a structured-logging plugin does with the hooks. */
    static final class LogContext implements LiftPlugin, InvocationListener {
        static final ThreadLocal<String> CONTEXT = new ThreadLocal<>();
        final List<String> calls = new CopyOnWriteArrayList<>();
        final Map<String, String> recordThreads = new ConcurrentHashMap<>();
        final List<InvocationOutcome> outcomes = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "log-context";
        }

        @Override
        public void onStart(InvocationContext invocation) {
            CONTEXT.set(invocation.requestId());
            calls.add("start " + invocation.route() + " cold=" + invocation.coldStart());
        }

        @Override
        public void onEnd(InvocationContext invocation, InvocationOutcome outcome) {
            outcomes.add(outcome);
            calls.add("end " + invocation.route() + " " + outcome.status());
            CONTEXT.remove();
        }

        @Override
        public void onRecordStart(InvocationContext record, Object item) {
            CONTEXT.set(record.requestId() + "/" + ((TestRecord) item).id());
            recordThreads.put(((TestRecord) item).id(), Thread.currentThread().getName());
        }

        @Override
        public void onRecordEnd(InvocationContext record, Object item, Throwable failure) {
            calls.add("record " + ((TestRecord) item).id() + " " + record.route().template() + " "
                    + (failure == null ? "ok" : failure.getMessage()));
            CONTEXT.remove();
        }
    }

    /** A listener that throws must not cost the invocation anything. */
    static final class BrokenListener implements LiftPlugin, InvocationListener {
        @Override
        public String id() {
            return "broken-listener";
        }

        @Override
        public void onStart(InvocationContext invocation) {
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onEnd(InvocationContext invocation, InvocationOutcome outcome) {
            throw new IllegalStateException("listener bug");
        }
    }

    @Test
    void startAndEndSurroundAnHttpInvocationWithItsRouteStatusAndColdStart() {
        LogContext listener = new LogContext();
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter()).plugin(listener)
                .plugin(new BrokenListener())
                .plugin(new TestApp(r -> r.get("/items/{id}", (req, ctx) -> "item " + LogContext.CONTEXT.get()))).build();

        JsonNode first = Responses.parse(k.invoke(TestHttpAdapter.request("GET", "/items/7", null),
                KernelHttpTest.request("req-1")));
        JsonNode second = Responses.parse(k.invoke(TestHttpAdapter.request("GET", "/nope", null),
                KernelHttpTest.request("req-2")));

        assertEquals("item req-1", first.get("body").asText(), "the handler ran inside the listener's context");
        assertEquals(404, second.get("status").asInt());
        assertEquals(List.of("start GET /items/{id} cold=true", "end GET /items/{id} 200",
                "start (unmatched no_route) cold=false", "end (unmatched no_route) 404"), listener.calls);
        InvocationOutcome ok = listener.outcomes.get(0);
        assertEquals(EventKind.HTTP, ok.kind());
        assertTrue(ok.succeeded() && ok.coldStart() && !ok.duration().isNegative(), ok.toString());
        assertFalse(listener.outcomes.get(1).succeeded());
        assertNull(LogContext.CONTEXT.get(), "the context is cleared on the invoking thread");
    }

    @Test
    void recordHooksRunOnTheThreadThatRunsEachRecordAlsoInParallel() throws Exception {
        LogContext listener = new LogContext();
        Map<String, String> handlerThreads = new ConcurrentHashMap<>();
        Map<String, String> contexts = new ConcurrentHashMap<>();
        // Four records held until all four run at once: proof that they run on four threads.
        CountDownLatch together = new CountDownLatch(4);
        LiftKernel k = Lift.builder().discover(false).plugin(new TestRecordAdapter()).plugin(listener)
                .setting("lift.batch.parallelism", "4")
                .plugin(new TestApp(r -> r.onRecord(ANY, (rec, ctx) -> {
                    handlerThreads.put(rec.id(), Thread.currentThread().getName());
                    contexts.put(rec.id(), LogContext.CONTEXT.get());
                    together.countDown();
                    assertTrue(together.await(10, TimeUnit.SECONDS), "records did not run in parallel");
                    if (rec.body().equals("bad")) {
                        throw new IllegalArgumentException("bad body");
                    }
                }).tags("imports"))).build();

        JsonNode res = Responses.parse(k.invoke(TestRecordAdapter.batch("q", false, true, "a", "bad", "c", "d"),
                KernelHttpTest.request("req-b")));

        assertEquals("[{\"itemIdentifier\":\"2\"}]", res.get("batchItemFailures").toString());
        assertEquals(handlerThreads, listener.recordThreads, "each record's hooks ran on its own handler thread");
        assertEquals(4, new java.util.HashSet<>(handlerThreads.values()).size(), handlerThreads.toString());
        assertTrue(handlerThreads.values().stream().allMatch(t -> t.startsWith("lift-records-")), handlerThreads.toString());
        assertEquals(Map.of("1", "req-b/1", "2", "req-b/2", "3", "req-b/3", "4", "req-b/4"), contexts);
        List<String> records = new ArrayList<>(listener.calls.subList(1, 5));
        records.sort(null);
        assertEquals(List.of("record 1 any TestRecord ok", "record 2 any TestRecord bad body",
                "record 3 any TestRecord ok", "record 4 any TestRecord ok"), records);
        assertEquals("start BATCH test-records batch cold=true", listener.calls.get(0));
        assertEquals("end BATCH test-records batch 207", listener.calls.get(5));
        InvocationOutcome outcome = listener.outcomes.get(0);
        assertEquals(4, outcome.records());
        assertEquals(1, outcome.failedRecords());
    }
}
