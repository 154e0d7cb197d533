package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestEventAdapter;
import dev.lift.kernel.testing.TestRecordAdapter;
import dev.lift.kernel.testing.TestRecordAdapter.TestRecord;
import dev.lift.api.BatchResponse;
import dev.lift.spi.ErrorStrategy;
import dev.lift.api.EventSelector;
import dev.lift.api.InvocationContext;
import dev.lift.spi.RecordFailure;
import dev.lift.api.Routes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void aBatchWithoutPartialResponsesThatNothingMatchesFailsBeforeProcessingAndNamesTheQueueLookedUp() {
        LiftKernel k = kernel(r -> r.onRecord(queue("orders"), this::failOnBadBody));
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> run(k, TestRecordAdapter.batch("payments", false, false, "ok")));
        assertEquals("No handler matches 1 of 1 records of test-records batch of 1 TestRecord (first: test record 1 of "
                + "queue payments); register a record or batch handler whose selector covers them", e.getMessage());
        assertEquals(List.of(), seen);
    }

    @Test
    void unmatchedRecordsOfABatchWithPartialResponsesAreReportedAndTheOthersAreDone() {
        LiftKernel k = kernel(r -> r.onRecord(dev.lift.api.EventSelector.of(TestRecordAdapter.TestRecord.class,
                "body other than b", 10, rec -> !rec.body().equals("b")), (rec, ctx) -> seen.add("orders:" + rec.id())));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"2\"}]}",
                new String(k.invoke(TestRecordAdapter.batch("orders", false, true, "a", "b", "c")),
                        java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of("orders:1", "orders:3"), seen);
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

    private static EventSelector<TestRecord> bodyPrefix(String prefix) {
        return EventSelector.of(TestRecord.class, "body=" + prefix + "*", 10, r -> r.body().startsWith(prefix));
    }

    /** Records "r:..." go to a record handler, "b:..." to a batch handler; "...bad" fails. */
    private LiftKernel mixedKernel(boolean batchHandlerThrows) {
        return kernel(r -> r
                .onRecord(bodyPrefix("r:"), (rec, ctx) -> {
                    seen.add("record:" + rec.id());
                    if (rec.body().endsWith("bad")) {
                        throw new IllegalStateException("record " + rec.id() + " failed");
                    }
                })
                .onBatch(bodyPrefix("b:"), (records, ctx) -> {
                    seen.add("batch:" + records.stream().map(TestRecord::id).toList());
                    if (batchHandlerThrows) {
                        throw new IllegalStateException("downstream unavailable");
                    }
                    return new BatchResponse(records.stream().filter(x -> x.body().endsWith("bad")).map(TestRecord::id).toList());
                }));
    }

    @Test
    void inAFifoBatchAFailureReportedByABatchHandlerFailsEveryLaterRecordUnprocessed() {
        LiftKernel k = mixedKernel(false);
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"3\"},{\"itemIdentifier\":\"4\"},"
                + "{\"itemIdentifier\":\"5\"}]}",
                run(k, TestRecordAdapter.batch("q.fifo", true, true, "r:ok", "b:ok", "b:bad", "b:ok", "r:ok")));
        // In batch order: record 1, then the run of consecutive batch records 2-4; record 5 is never processed.
        assertEquals(List.of("record:1", "batch:[2, 3, 4]"), seen);
    }

    @Test
    void inAFifoBatchARecordFailureStopsBeforeALaterBatchHandler() {
        LiftKernel k = mixedKernel(false);
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"2\"},{\"itemIdentifier\":\"3\"}]}",
                run(k, TestRecordAdapter.batch("q.fifo", true, true, "r:ok", "r:bad", "b:ok")));
        assertEquals(List.of("record:1", "record:2"), seen);
    }

    @Test
    void aBatchHandlerThatThrowsHasItsOwnRecordsReportedAndOthersKeepTheirOutcome() {
        LiftKernel k = mixedKernel(true);
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"2\"},{\"itemIdentifier\":\"3\"},"
                + "{\"itemIdentifier\":\"4\"}]}",
                run(k, TestRecordAdapter.batch("q", false, true, "r:ok", "b:x", "b:y", "r:bad")));
        assertEquals(List.of("batch:[2, 3]", "record:1", "record:4"), seen);
    }

    @Test
    void aRecordHandlerThatThrowsAnAssertionErrorFailsOnlyItsRecord() {
        LiftKernel k = kernel(r -> r.onRecord(ANY, (rec, ctx) -> {
            seen.add(rec.id());
            if (rec.body().equals("bad")) {
                throw new AssertionError("invariant broken");
            }
        }));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"2\"}]}",
                run(k, TestRecordAdapter.batch("q", false, true, "ok", "bad", "ok")));
        assertEquals(List.of("1", "2", "3"), seen);
    }

    /**
     * Records "ie" throw InterruptedException (as a handler whose blocking call was interrupted does),
     * "reinterrupt" restore the interrupt and throw (as well-behaved code does), "sleep" block briefly.
     */
    private void interruptingHandler(TestRecord r, InvocationContext ctx) throws Exception {
        seen.add(r.id());
        switch (r.body()) {
            case "ie":
                throw new InterruptedException("interrupted while waiting for the partner API");
            case "reinterrupt":
                Thread.currentThread().interrupt();
                throw new IllegalStateException("gave up: interrupted");
            case "sleep":
                Thread.sleep(1);
                return;
            default:
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(strings = {"1", "2"})
    void aRecordHandlersInterruptFailsThatRecordOnlyAndLaterRecordsStillBlock(String parallelism) {
        LiftKernel k = kernel(r -> r.onRecord(ANY, this::interruptingHandler), "lift.batch.parallelism", parallelism);
        try {
            assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"1\"},{\"itemIdentifier\":\"4\"}]}",
                    run(k, TestRecordAdapter.batch("q", false, true, "ie", "sleep", "sleep", "reinterrupt", "sleep", "ok")));
            assertEquals(6, seen.size());
            // The interrupt was the record's: the thread that invoked the kernel goes on uninterrupted.
            assertFalse(Thread.interrupted(), "the invoking thread was left interrupted");
            // And the next invocation on the same kernel (and threads) blocks as usual.
            assertEquals("{\"batchItemFailures\":[]}", run(k, TestRecordAdapter.batch("q", false, true, "sleep", "sleep")));
        } finally {
            Thread.interrupted();
            k.shutdown();
        }
    }

    @Test
    void aBatchHandlersInterruptFailsItsRecordsOnly() {
        LiftKernel k = kernel(r -> r
                .onBatch(bodyPrefix("b:"), (records, ctx) -> {
                    throw new InterruptedException("interrupted");
                })
                .onRecord(bodyPrefix("r:"), (rec, ctx) -> {
                    seen.add(rec.id());
                    Thread.sleep(1);
                }));
        try {
            assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"1\"}]}",
                    run(k, TestRecordAdapter.batch("q", false, true, "b:x", "r:sleep", "r:sleep")));
            assertEquals(List.of("2", "3"), seen);
            assertFalse(Thread.interrupted(), "the invoking thread was left interrupted");
        } finally {
            Thread.interrupted();
        }
    }

    /** An application's own Error: not a VirtualMachineError, so it fails its record only. */
    static final class BrokenInvariantError extends Error {
        BrokenInvariantError(String message) {
            super(message);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(strings = {"1", "4"})
    void anErrorThatIsNotAVmErrorFailsOnlyItsRecordAndIsLoggedOnceWithoutThePayload(String parallelism) {
        KernelHttpTest.CapturingHandler logs = KernelHttpTest.CapturingHandler.install("lift.errors");
        java.util.logging.Logger.getLogger("lift.errors").setLevel(java.util.logging.Level.FINE); // to see the DEBUG stack line
        LiftKernel k = kernel(r -> r.onRecord(ANY, (rec, ctx) -> {
            seen.add(rec.id());
            if (rec.body().startsWith("custom")) {
                throw new BrokenInvariantError("ledger out of balance");
            }
            if (rec.body().startsWith("deep")) {
                throw new StackOverflowError();
            }
        }), "lift.batch.parallelism", parallelism);
        try {
            byte[] event = TestRecordAdapter.batch("q", false, true, "ok", "custom card 4111", "ok", "deep card 4111", "ok");
            String requestId = "req-errors-" + parallelism;
            assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"2\"},{\"itemIdentifier\":\"4\"}]}",
                    new String(k.invoke(event, KernelHttpTest.request(requestId)), StandardCharsets.UTF_8));
            assertEquals(5, seen.size());
            for (String id : List.of("2", "4")) {
                List<LogRecord> lines = logs.records.stream()
                        .filter(l -> l.getMessage().contains(": record " + id + " of ")).toList();
                assertEquals(1, lines.size(), "record " + id + " logged once: " + lines);
                LogRecord line = lines.get(0);
                assertTrue(line.getMessage().startsWith("Request " + requestId + ": record " + id + " of test-records"),
                        line.getMessage());
                assertFalse(line.getMessage().contains("4111"), line.getMessage());
                // An expected failure: one WARNING line naming what failed, its stack trace only at DEBUG.
                assertEquals(java.util.logging.Level.WARNING, line.getLevel());
                assertNull(line.getThrown(), "no stack trace at WARNING");
                assertTrue(line.getMessage().contains(id.equals("2")
                        ? " failed with " + BrokenInvariantError.class.getName() + ": ledger out of balance;"
                        : " failed with java.lang.StackOverflowError: (no message);"), line.getMessage());
                List<LogRecord> stacks = logs.records.stream()
                        .filter(l -> l.getMessage().equals("Stack trace of the failure of record " + id)).toList();
                assertEquals(1, stacks.size(), "the stack of record " + id + " once at DEBUG: " + stacks);
                assertEquals(java.util.logging.Level.FINE, stacks.get(0).getLevel());
                assertTrue(stacks.get(0).getThrown() instanceof BrokenInvariantError
                        || stacks.get(0).getThrown() instanceof StackOverflowError, String.valueOf(stacks.get(0).getThrown()));
            }
        } finally {
            java.util.logging.Logger.getLogger("lift.errors").setLevel(null);
            logs.uninstall();
            k.shutdown();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(strings = {"1", "4"})
    void anOutOfMemoryErrorFailsTheWholeInvocation(String parallelism) {
        LiftKernel k = kernel(r -> r.onRecord(ANY, (rec, ctx) -> {
            if (rec.body().equals("oom")) {
                throw new OutOfMemoryError("simulated");
            }
        }), "lift.batch.parallelism", parallelism);
        try {
            OutOfMemoryError e = assertThrows(OutOfMemoryError.class,
                    () -> run(k, TestRecordAdapter.batch("q", false, true, "ok", "oom", "ok")));
            assertEquals("simulated", e.getMessage());
        } finally {
            k.shutdown();
        }
    }

    @Test
    void parallelRecordsReallyRunAtOnceUpToTheConfiguredParallelism() throws Exception {
        // Four records that each wait for all four: they can only all finish if they run at the same time.
        java.util.concurrent.CountDownLatch together = new java.util.concurrent.CountDownLatch(4);
        LiftKernel four = kernel(r -> r.onRecord(ANY, (rec, ctx) -> {
            together.countDown();
            if (!together.await(20, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("record " + rec.id() + " ran alone");
            }
        }), "lift.batch.parallelism", "4");
        assertEquals("{\"batchItemFailures\":[]}", run(four, TestRecordAdapter.batch("q", false, true, "a", "b", "c", "d")));
        four.shutdown();

        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        LiftKernel two = kernel(r -> r.onRecord(ANY, (rec, ctx) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(30);
            running.decrementAndGet();
        }), "lift.batch.parallelism", "2");
        assertEquals("{\"batchItemFailures\":[]}",
                run(two, TestRecordAdapter.batch("q", false, true, "a", "b", "c", "d", "e", "f")));
        two.shutdown();
        assertTrue(most.get() <= 2, "at most 2 records at once, saw " + most.get());
    }

    @Test
    void aFifoBatchIsNeverRunInParallel() {
        LiftKernel k = kernel(r -> r.onRecord(ANY, this::failOnBadBody), "lift.batch.parallelism", "4");
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"3\"},{\"itemIdentifier\":\"4\"}]}",
                run(k, TestRecordAdapter.batch("q.fifo", true, true, "ok", "ok", "bad", "ok")));
        assertEquals(List.of("1", "2", "3"), seen);
        k.shutdown();
    }

    @Test
    void aSingleEventNothingMatchesFailsNamingItsTypeAndSource() {
        EventSelector<TestEventAdapter.Ping> nightly = EventSelector.of(TestEventAdapter.Ping.class, "name=nightly", 10,
                p -> p.name().equals("nightly"));
        LiftKernel k = Lift.builder().discover(false).plugin(new TestEventAdapter())
                .plugin(new TestApp(r -> r.onEvent(nightly, (p, ctx) -> "ran " + p.name()))).build();
        assertEquals("\"ran nightly\"", run(k, "{\"test\":\"event\",\"name\":\"nightly\"}".getBytes(StandardCharsets.UTF_8)));
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> run(k, "{\"test\":\"event\",\"name\":\"hourly\"}".getBytes(StandardCharsets.UTF_8)));
        // Ping is not Describable, so only its type: its fields may be the sender's data.
        assertEquals("No handler matches a Ping from test-events; register an event handler whose selector covers it",
                e.getMessage());
    }
}
