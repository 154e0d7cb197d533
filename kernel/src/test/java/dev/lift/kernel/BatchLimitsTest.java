package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.EventSelector;
import dev.lift.api.RecordHandler;
import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestRecordAdapter;
import dev.lift.kernel.testing.TestRecordAdapter.TestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Record parallelism bounded per invocation and across concurrent invocations, and batches that
 * do not wait past their deadline. Time is a clock the test moves by hand; threads are the test's
 * own; nothing asserts how long anything took.
 */
class BatchLimitsTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final int WAIT_SECONDS = 30;

    private final MovableClock clock = new MovableClock(T0);
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final ExecutorService callers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "batch-limits-caller");
        t.setDaemon(true);
        return t;
    });
    private final List<LiftKernel> kernels = new ArrayList<>();

    @AfterEach
    void stop() {
        callers.shutdownNow();
        kernels.forEach(LiftKernel::shutdown);
    }

    /** A clock the test sets; the kernel reads deadlines against it. */
    static final class MovableClock extends Clock {
        private final AtomicLong millis;

        MovableClock(long millis) {
            this.millis = new AtomicLong(millis);
        }

        void set(long value) {
            millis.set(value);
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private LiftKernel kernel(RecordHandler<TestRecord> handler, String... settings) {
        Lift.Builder b = Lift.builder().discover(false).clock(clock).plugin(new TestRecordAdapter())
                .plugin(new TestApp(r -> r.onRecord(EventSelector.any(TestRecord.class), handler)));
        for (int i = 0; i < settings.length; i += 2) {
            b.setting(settings[i], settings[i + 1]);
        }
        LiftKernel k = b.build();
        kernels.add(k);
        return k;
    }

    /** An invocation whose deadline is {@code millisLeft} after the fake clock's start. */
    private static LambdaRequest request(String id, long millisLeft) {
        return new LambdaRequest(id, T0 + millisLeft, "arn:aws:lambda:us-east-1:123456789012:function:f", null, "f",
                "$LATEST", 512);
    }

    private static String run(LiftKernel k, byte[] event, LambdaRequest request) {
        return new String(k.invoke(event, request), StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("gave up waiting: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void recordsWhoseTurnComesWithinTheMarginAreReportedAndNeverRunOneByOne() {
        LiftKernel k = kernel((r, ctx) -> {
            started.add(r.id());
            if (r.id().equals("2")) {
                clock.set(T0 + 9_500); // the second record ends with 500 ms left, inside the 1 s margin
            }
        }, "lift.batch.deadline-margin", "1s");

        String answer = run(k, TestRecordAdapter.batch("q", false, true, "a", "b", "c", "d"), request("req-seq", 10_000));

        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"3\"},{\"itemIdentifier\":\"4\"}]}", answer);
        assertEquals(List.of("1", "2"), started);
    }

    @Test
    void anOrderedBatchPastTheMarginReportsTheRecordAndEveryLaterOne() {
        LiftKernel k = kernel((r, ctx) -> {
            started.add(r.id());
            clock.set(T0 + 9_800);
        }, "lift.batch.deadline-margin", "1s");

        String answer = run(k, TestRecordAdapter.batch("q.fifo", true, true, "a", "b", "c"), request("req-fifo", 10_000));

        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"2\"},{\"itemIdentifier\":\"3\"}]}", answer);
        assertEquals(List.of("1"), started);
    }

    @Test
    void inParallelNoRecordStartsWhenTheInvocationArrivesInsideTheMargin() {
        LiftKernel k = kernel((r, ctx) -> started.add(r.id()), "lift.batch.parallelism", "4",
                "lift.batch.deadline-margin", "2s");

        String answer = run(k, TestRecordAdapter.batch("q", false, true, "a", "b"), request("req-late", 1_500));

        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"1\"},{\"itemIdentifier\":\"2\"}]}", answer);
        assertEquals(List.of(), started);
    }

    @Test
    void aRecordStillRunningAtHalfTheMarginIsReportedAndTheBatchAnswersWithoutIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        LiftKernel k = kernel((r, ctx) -> {
            started.add(r.id());
            if (r.body().equals("stuck")) {
                release.await(WAIT_SECONDS, TimeUnit.SECONDS); // ignores the deadline, as a stuck call does
            }
            finished.incrementAndGet();
        }, "lift.batch.parallelism", "2", "lift.batch.deadline-margin", "2s");

        Future<String> answer = callers.submit(() -> run(k,
                TestRecordAdapter.batch("q", false, true, "ok", "stuck", "ok", "ok"), request("req-stuck", 10_000)));
        await(() -> finished.get() == 3 && started.size() == 4, "every record but the stuck one done: " + started);
        clock.set(T0 + 9_000); // 1 s left: half the margin

        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"2\"}]}", answer.get(WAIT_SECONDS, TimeUnit.SECONDS));
        release.countDown();
        await(() -> finished.get() == 4, "the stuck record ends once released");
    }

    @Test
    void withoutAMarginTheBatchWaitsForEveryRecordAsBefore() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LiftKernel k = kernel((r, ctx) -> {
            started.add(r.id());
            if (r.body().equals("slow")) {
                release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }, "lift.batch.parallelism", "2");

        Future<String> answer = callers.submit(() -> run(k, TestRecordAdapter.batch("q", false, true, "slow", "ok"),
                request("req-no-margin", 10_000)));
        await(() -> started.size() == 2, "both records started");
        clock.set(T0 + 20_000); // past the deadline: with no margin set, nothing is abandoned
        release.countDown();

        assertEquals("{\"batchItemFailures\":[]}", answer.get(WAIT_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    void concurrentInvocationsShareAProcessWideBoundAndEachKeepsItsOwn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Map<String, AtomicInteger> perInvocation = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> maxPerInvocation = new ConcurrentHashMap<>();
        LiftKernel k = kernel((r, ctx) -> {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            int mine = perInvocation.computeIfAbsent(ctx.requestId(), id -> new AtomicInteger()).incrementAndGet();
            maxPerInvocation.computeIfAbsent(ctx.requestId(), id -> new AtomicInteger()).accumulateAndGet(mine, Math::max);
            try {
                release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } finally {
                perInvocation.get(ctx.requestId()).decrementAndGet();
                running.decrementAndGet();
            }
        }, "lift.batch.parallelism", "2", "lift.batch.max-threads", "3");

        byte[] batch = TestRecordAdapter.batch("q", false, true, "a", "b", "c");
        Future<String> first = callers.submit(() -> run(k, batch, request("req-a", 60_000)));
        Future<String> second = callers.submit(() -> run(k, batch, request("req-b", 60_000)));
        await(() -> running.get() == 3, "three records running, " + running.get() + " now");
        Thread.sleep(200); // room for a fourth to start if the bound were missing; not a measurement
        assertEquals(3, running.get(), "the process-wide bound lift.batch.max-threads");
        release.countDown();

        assertEquals("{\"batchItemFailures\":[]}", first.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals("{\"batchItemFailures\":[]}", second.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(3, maxRunning.get());
        assertTrue(maxPerInvocation.get("req-a").get() <= 2 && maxPerInvocation.get("req-b").get() <= 2,
                "per invocation at most lift.batch.parallelism: " + maxPerInvocation);
    }

    @Test
    void oneInvocationUsesNoMoreThanItsParallelismEvenWhenThePoolHasMoreThreads() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        LiftKernel k = kernel((r, ctx) -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } finally {
                running.decrementAndGet();
            }
        }, "lift.batch.parallelism", "2", "lift.batch.max-threads", "8");

        Future<String> answer = callers.submit(() -> run(k, TestRecordAdapter.batch("q", false, true, "a", "b", "c", "d"),
                request("req-one", 60_000)));
        await(() -> running.get() == 2, "two records running");
        Thread.sleep(200); // room for a third to start if the bound were missing; not a measurement
        assertEquals(2, running.get());
        release.countDown();

        assertEquals("{\"batchItemFailures\":[]}", answer.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(2, maxRunning.get());
    }

    @Test
    void badLimitSettingsFailBootNamingTheSettingAndWhatIsAllowed() {
        LiftBootException margin = assertThrows(LiftBootException.class,
                () -> kernel((r, ctx) -> { }, "lift.batch.deadline-margin", "soon"));
        assertTrue(margin.getMessage().contains("lift.batch.deadline-margin") && margin.getMessage().contains("'soon'")
                && margin.getMessage().contains("off, or a duration"), margin.getMessage());

        LiftBootException threads = assertThrows(LiftBootException.class,
                () -> kernel((r, ctx) -> { }, "lift.batch.max-threads", "0"));
        assertTrue(threads.getMessage().contains("lift.batch.max-threads")
                && threads.getMessage().contains("a whole number from 1 to 1024"), threads.getMessage());
    }
}
