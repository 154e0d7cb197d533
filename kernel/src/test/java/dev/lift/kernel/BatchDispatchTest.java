package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestRecordAdapter;
import dev.lift.kernel.testing.TestRecordAdapter.TestRecord;
import dev.lift.spi.BatchResponse;
import dev.lift.spi.ErrorStrategy;
import dev.lift.spi.EventSelector;
import dev.lift.spi.InvocationContext;
import dev.lift.spi.RecordFailure;
import dev.lift.spi.Routes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BatchDispatchTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    private static final EventSelector<TestRecord> ANY = EventSelector.any(TestRecord.class);

    private static EventSelector<TestRecord> queue(String q) {
        return EventSelector.of(TestRecord.class, "queue=" + q, 10, r -> r.queue().equals(q));
    }

    private void failOnBadBody(TestRecord r, InvocationContext ctx) {
        seen.add(r.id());
        if (r.body().startsWith("bad")) {
            throw new IllegalArgumentException("cannot process " + r.body());
        }
    }

    private LiftKernel kernel(Consumer<Routes> routes, String... settings) {
        Lift.Builder b = Lift.builder().discover(false).plugin(new TestRecordAdapter()).plugin(new TestApp(routes));
        for (int i = 0; i < settings.length; i += 2) {
            b.setting(settings[i], settings[i + 1]);
        }
        return b.build();
    }

    private static String run(LiftKernel k, byte[] event) {
        return new String(k.invoke(event), StandardCharsets.UTF_8);
    }

    @Test
    void onlyFailingRecordsAreReported() {
        LiftKernel k = kernel(r -> r.onRecord(ANY, this::failOnBadBody));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"2\"},{\"itemIdentifier\":\"4\"}]}",
                run(k, TestRecordAdapter.batch("q", false, true, "ok", "bad", "ok", "bad-too", "ok")));
        assertEquals(List.of("1", "2", "3", "4", "5"), seen);
    }

    @Test
    void allSuccessIsAnEmptyList() {
        LiftKernel k = kernel(r -> r.onRecord(ANY, this::failOnBadBody));
        assertEquals("{\"batchItemFailures\":[]}", run(k, TestRecordAdapter.batch("q", false, true, "ok", "ok")));
    }

    @Test
    void orderedBatchStopsAtFirstFailureAndReportsEveryLaterRecordUnprocessed() {
        LiftKernel k = kernel(r -> r.onRecord(ANY, this::failOnBadBody));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"2\"},{\"itemIdentifier\":\"3\"},"
                + "{\"itemIdentifier\":\"4\"}]}", run(k, TestRecordAdapter.batch("q.fifo", true, true, "ok", "bad", "ok", "ok")));
        assertEquals(List.of("1", "2"), seen);
    }

    @Test
    void parallelProcessingReportsTheSameFailures() {
        LiftKernel k = kernel(r -> r.onRecord(ANY, this::failOnBadBody), "lift.batch.parallelism", "4");
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"3\"},{\"itemIdentifier\":\"6\"}]}",
                run(k, TestRecordAdapter.batch("q", false, true, "ok", "ok", "bad", "ok", "ok", "bad", "ok", "ok")));
        assertEquals(8, seen.size());
        k.shutdown();
    }

    @Test
    void failBatchModeFailsTheWholeInvocation() {
        LiftKernel k = kernel(r -> r.onRecord(ANY, this::failOnBadBody), "lift.batch.failure-mode", "fail-batch");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> run(k, TestRecordAdapter.batch("q", false, true, "ok", "bad")));
        assertEquals("1 of 2 records of test-records batch of 2 TestRecord failed (2); failing the whole batch so that "
                + "it is retried", e.getMessage());
    }

    @Test
    void sourcesWithoutPartialResponsesFailTheInvocationAfterTryingEveryRecord() {
        LiftKernel k = kernel(r -> r.onRecord(ANY, this::failOnBadBody));
        assertThrows(RuntimeException.class, () -> run(k, TestRecordAdapter.batch("q", false, false, "bad", "ok")));
        assertEquals(List.of("1", "2"), seen);
    }

    @Test
    void mostSpecificSelectorWins() {
        LiftKernel k = kernel(r -> r
                .onRecord(ANY, (rec, ctx) -> seen.add("any:" + rec.id()))
                .onRecord(queue("orders"), (rec, ctx) -> seen.add("orders:" + rec.id())));
        run(k, TestRecordAdapter.batch("orders", false, true, "a"));
        run(k, TestRecordAdapter.batch("other", false, true, "b"));
        assertEquals(List.of("orders:1", "any:1"), seen);
    }

    @Test
    void aBatchNothingMatchesFailsBeforeProcessingAndListsWhatIsRegistered() {
        LiftKernel k = kernel(r -> r.onRecord(queue("orders"), this::failOnBadBody));
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> run(k, TestRecordAdapter.batch("payments", false, true, "ok")));
        assertTrue(e.getMessage().startsWith("No handler matches 1 of 1 records of test-records batch of 1 TestRecord"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("registered handlers: record queue=orders -> test-app:BatchDispatchTest (lambda)"),
                e.getMessage());
        assertEquals(List.of(), seen);
    }

    @Test
    void batchHandlersReportTheirOwnFailures() {
        LiftKernel k = kernel(r -> r.onBatch(ANY, (records, ctx) -> new BatchResponse(
                records.stream().filter(x -> x.body().equals("bad")).map(TestRecord::id).toList())));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"1\"}]}",
                run(k, TestRecordAdapter.batch("q", false, true, "bad", "ok")));
    }

    @Test
    void anErrorStrategyCanDropPoisonRecords() {
        ErrorStrategy dropIllegalArgument = new ErrorStrategy() {
            @Override
            public String id() {
                return "drop-poison";
            }

            @Override
            public Class<? extends Throwable> handles() {
                return IllegalArgumentException.class;
            }

            @Override
            public Optional<RecordFailure> onRecordFailure(Throwable error, Object record, InvocationContext context) {
                return Optional.of(RecordFailure.DROP);
            }
        };
        LiftKernel k = Lift.builder().discover(false).plugin(new TestRecordAdapter()).plugin(dropIllegalArgument)
                .plugin(new TestApp(r -> r.onRecord(ANY, this::failOnBadBody))).build();
        assertEquals("{\"batchItemFailures\":[]}", run(k, TestRecordAdapter.batch("q", false, true, "bad", "ok")));
    }
}
