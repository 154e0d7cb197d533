package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.kernel.testing.Responses;
import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestHttpAdapter;
import dev.lift.spi.LifecycleListener;
import dev.lift.spi.LifecycleState;
import dev.lift.api.PluginContext;
import dev.lift.spi.ResourceProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownTest {

    private final List<String> events = new CopyOnWriteArrayList<>();

    /** A resource that records when it opens and closes. */
    class Pool implements ResourceProvider<StringBuilder> {
        private final String id;
        private final int order;
        private final long closeMillis;

        Pool(String id, int order, long closeMillis) {
            this.id = id;
            this.order = order;
            this.closeMillis = closeMillis;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public Class<StringBuilder> type() {
            return StringBuilder.class;
        }

        @Override
        public StringBuilder open(PluginContext context) {
            events.add("open " + id);
            return new StringBuilder(id);
        }

        @Override
        public void close(StringBuilder resource) throws Exception {
            Thread.sleep(closeMillis);
            events.add("close " + id);
        }

        @Override
        public Duration closeTimeout() {
            return Duration.ofMillis(200);
        }
    }

    @Test
    void inFlightInvocationFinishesThenResourcesCloseInReverseOrder() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LiftKernel k = Lift.builder().discover(false).setting("lift.kernel.drain-time", "5s")
                .setting("lift.kernel.shutdown-budget", "10s")
                .plugin(new TestHttpAdapter()).plugin(new Pool("db", 1, 0)).plugin(new Pool("cache", 2, 0))
                .plugin(new Pool("http", 3, 0))
                .plugin(new TestApp(r -> r.get("/slow", (req, ctx) -> {
                    entered.countDown();
                    release.await(5, TimeUnit.SECONDS);
                    events.add("handler done");
                    return "finished";
                }))).build();
        k.addListener(new LifecycleListener() {
            @Override
            public void onStateChange(LifecycleState from, LifecycleState to) {
                events.add(to.name());
            }
        });
        // Own threads: the common pool may have a single thread on a 2-core machine.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<byte[]> inFlight = CompletableFuture.supplyAsync(
                () -> k.invoke(TestHttpAdapter.request("GET", "/slow", null)), threads);
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(k::shutdown, threads);
        while (k.state() != LifecycleState.STOPPING) {
            Thread.onSpinWait();
        }
        // A new request while draining is refused with 503, not dropped silently.
        JsonNode refused = Responses.parse(k.invoke(TestHttpAdapter.request("GET", "/slow", null)));
        assertEquals(503, refused.get("status").asInt());
        assertEquals("1", refused.at("/headers/Retry-After/0").asText());
        release.countDown();
        assertEquals("finished", Responses.parse(inFlight.get(5, TimeUnit.SECONDS)).get("body").asText());
        stopping.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("open db", "open cache", "open http", "STOPPING", "handler done",
                "close http", "close cache", "close db", "STOPPED"), events);
        k.shutdown(); // idempotent
        assertEquals(LifecycleState.STOPPED, k.state());
        assertEquals(9, events.size());
        threads.shutdownNow();
    }

    @Test
    void aStuckCloseIsAbandonedAfterItsTimeoutAndTheRestStillClose() {
        LiftKernel k = Lift.builder().discover(false)
                .plugin(new Pool("first", 1, 0)).plugin(new Pool("stuck", 2, 10_000)).build();
        k.shutdown();
        assertEquals(List.of("open first", "open stuck", "close first"), events);
        assertEquals(LifecycleState.STOPPED, k.state());
    }

    @Test
    void drainTimeBoundsHowLongShutdownWaitsForAStuckInvocation() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        LiftKernel k = Lift.builder().discover(false).setting("lift.kernel.drain-time", "50ms")
                .plugin(new TestHttpAdapter()).plugin(new Pool("db", 1, 0))
                .plugin(new TestApp(r -> r.get("/stuck", (req, ctx) -> {
                    entered.countDown();
                    never.await(10, TimeUnit.SECONDS);
                    return "late";
                }))).build();
        Thread caller = new Thread(() -> k.invoke(TestHttpAdapter.request("GET", "/stuck", null)));
        caller.setDaemon(true);
        caller.start();
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        k.shutdown();
        assertEquals(LifecycleState.STOPPED, k.state());
        assertEquals(1, k.inFlight());
        assertEquals(List.of("open db", "close db"), events);
        never.countDown();
    }

    /** Runs a shutdown with standard error captured: the summary goes there, past java.util.logging. */
    private static String shutdownWritingToStderr(LiftKernel k) {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            k.shutdown();
        } finally {
            System.setErr(original);
        }
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void oneLineOnStandardErrorSaysWhatWasClosedInWhichOrderAndHowLongItTook() {
        LiftKernel k = Lift.builder().discover(false)
                .plugin(new Pool("db", 1, 0)).plugin(new Pool("cache", 2, 0)).build();
        String err = shutdownWritingToStderr(k);
        java.util.regex.Matcher line = java.util.regex.Pattern.compile(
                "lift: shutdown complete in (\\d+) ms \\(budget 300 ms\\): no invocation in flight; "
                + "closed 2 resource\\(s\\) in reverse order: cache, db\n").matcher(err);
        assertTrue(line.find(), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void theBudgetBoundsEveryStepByWhatIsLeftNotBySumOfTheirOwnLimits() throws Exception {
        // Drain may take 10 s and each close 200 ms, but the whole shutdown has 150 ms: a stuck
        // invocation and two stuck closes must share those 150 ms, not add up to 10.4 s.
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        LiftKernel k = Lift.builder().discover(false).setting("lift.kernel.drain-time", "10s")
                .setting("lift.kernel.shutdown-budget", "150ms")
                .plugin(new TestHttpAdapter()).plugin(new Pool("a", 1, 10_000)).plugin(new Pool("b", 2, 10_000))
                .plugin(new TestApp(r -> r.get("/stuck", (req, ctx) -> {
                    entered.countDown();
                    never.await(20, TimeUnit.SECONDS);
                    return "late";
                }))).build();
        Thread caller = new Thread(() -> k.invoke(TestHttpAdapter.request("GET", "/stuck", null)));
        caller.setDaemon(true);
        caller.start();
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        String err = shutdownWritingToStderr(k);
        never.countDown();
        assertEquals(LifecycleState.STOPPED, k.state());
        assertTrue(err.contains("lift: shutdown: 1 invocation(s) still running after "), err);
        for (String resource : List.of("'b' (plugin b)", "'a' (plugin a)")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("closing " + java.util.regex.Pattern.quote(resource)
                    + " did not finish within (\\d+) ms|no time left in the shutdown budget to close "
                    + java.util.regex.Pattern.quote(resource)).matcher(err);
            assertTrue(m.find(), resource + " not accounted for: " + err);
            if (m.group(1) != null) {
                assertTrue(Integer.parseInt(m.group(1)) <= 150, "a close was given more than the budget left: " + err);
            }
        }
        assertTrue(err.contains("(budget 150 ms"), err);
        assertTrue(err.contains("0 of 1 in-flight invocation(s) finished; closed no resources"), err);
        assertEquals(List.of("open a", "open b"), events);
    }

    @Test
    void aCloseThatThrowsIsNamedOnStandardErrorAndTheOthersStillClose() {
        LiftKernel k = Lift.builder().discover(false).plugin(new Pool("db", 1, 0))
                .plugin(new Pool("broken", 2, 0) {
                    @Override
                    public void close(StringBuilder resource) {
                        throw new IllegalStateException("socket already gone");
                    }
                }).build();
        String err = shutdownWritingToStderr(k);
        assertTrue(err.contains("lift: shutdown: closing 'broken' (plugin broken) failed: IllegalStateException: socket already gone"), err);
        assertTrue(err.contains("closed 1 resource(s) in reverse order: db"), err);
    }

    @Test
    void theSummaryCanBeLeftOutButAWarningNeverIs() {
        LiftKernel quiet = Lift.builder().discover(false).setting("lift.kernel.shutdown-summary", "false")
                .plugin(new Pool("db", 1, 0)).build();
        assertEquals("", shutdownWritingToStderr(quiet));
        LiftKernel broken = Lift.builder().discover(false).setting("lift.kernel.shutdown-summary", "false")
                .plugin(new Pool("broken", 1, 0) {
                    @Override
                    public void close(StringBuilder resource) {
                        throw new IllegalStateException("gone");
                    }
                }).build();
        String err = shutdownWritingToStderr(broken);
        assertTrue(err.contains("lift: shutdown: closing 'broken' (plugin broken) failed"), err);
        assertTrue(err.contains("lift: shutdown complete"), "with a warning the summary says how it ended: " + err);
    }
}
