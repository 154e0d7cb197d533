package dev.lift.plugins.failsafe;

import dev.lift.plugins.testsupport.TestPluginContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.LiftException;
import dev.lift.spi.resilience.ResiliencePolicy;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestInvocation;

/** Timeouts become 504s (also when the Lambda deadline is nearer), a full bulkhead a 503, and the fallback. */
class TimeoutBulkheadFallbackTest {
    private LogCapture log;

    @BeforeEach
    void captureLogs() {
        log = LogCapture.on("lift.resilience-failsafe");
    }

    @AfterEach
    void releaseLogs() {
        log.close();
    }

    private TestPluginContext context;

    private ResiliencePolicy policy(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("policies", "inventory");
        context = new TestPluginContext(FailsafeResourceProvider.ID, all);
        return new FailsafeResourceProvider().open(context).policy("inventory");
    }

    private static String hang() throws InterruptedException {
        Thread.sleep(10_000);
        return "too late";
    }

    @Test
    void anAttemptThatTakesTooLongIsInterruptedAndBecomesA504() {
        ResiliencePolicy p = policy(Map.of("inventory.timeout", "100ms"));
        LiftException e = assertThrows(LiftException.class,
                () -> p.call(TestInvocation.withTimeLeft("req-1", 60_000), TimeoutBulkheadFallbackTest::hang));
        assertEquals(504, e.status());
        assertEquals("The inventory service did not answer in time", e.detail());
        assertFalse(Thread.currentThread().isInterrupted(), "the caller's thread is not left interrupted");
        assertEquals(List.of("lift.resilience.timeout{policy=inventory}"), context.recorded());
    }

    @Test
    void aTimedOutAttemptIsRetried() {
        ResiliencePolicy p = policy(Map.of("inventory.timeout", "50ms", "inventory.retry.max-attempts", "2",
                "inventory.retry.delay", "1ms"));
        AtomicInteger attempts = new AtomicInteger();
        assertEquals(504, assertThrows(LiftException.class, () -> p.call(TestInvocation.withTimeLeft("req-2", 60_000), () -> {
            attempts.incrementAndGet();
            return hang();
        })).status());
        assertEquals(2, attempts.get());
    }

    @Test
    void theAttemptTimeoutShrinksToTheTimeLeftBeforeTheLambdaDeadline() {
        ResiliencePolicy p = policy(Map.of("inventory.timeout", "30s"));
        // With 30 s the attempt would outlive the invocation; it is cut at the deadline instead.
        TestInvocation ctx = TestInvocation.withTimeLeft("req-3", 1000);
        LiftException e = assertThrows(LiftException.class, () -> p.call(ctx, TimeoutBulkheadFallbackTest::hang));
        assertEquals(504, e.status());
        assertEquals("The inventory service did not answer before the request's deadline", e.detail());
        assertEquals(List.of("lift.resilience.deadline.cut{policy=inventory}"), context.recorded());
        assertTrue(log.records(Level.WARNING).get(0).getMessage().endsWith(
                " ms, at the Lambda deadline, before its timeout of 30000 ms"), log.records(Level.WARNING).toString());
    }

    /** Also with a wait: a caller that gives up waiting must not cost the bulkhead a permit (failsafe-lib/failsafe#393). */
    @ParameterizedTest
    @ValueSource(strings = {"0ms", "20ms"})
    void aFullBulkheadRejectsWithA503AndRecovers(String maxWait) throws Exception {
        ResiliencePolicy p = policy(Map.of("inventory.bulkhead.max-concurrency", "1", "inventory.bulkhead.max-wait", maxWait));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = pool.submit(() -> p.call(TestInvocation.withTimeLeft("req-4", 60_000), () -> {
                inside.countDown();
                assertTrue(release.await(5, TimeUnit.SECONDS));
                return "first";
            }));
            assertTrue(inside.await(5, TimeUnit.SECONDS));
            LiftException e = assertThrows(LiftException.class,
                    () -> p.call(TestInvocation.withTimeLeft("req-5", 60_000), () -> "second"));
            assertEquals(503, e.status());
            assertEquals("The inventory service is busy; try again later", e.detail());
            assertEquals(Map.of("Retry-After", "1"), e.headers());
            release.countDown();
            assertEquals("first", first.get(5, TimeUnit.SECONDS));
            for (int i = 0; i < 3; i++) {
                assertEquals("next", p.call(TestInvocation.withTimeLeft("req-6", 60_000), () -> "next"));
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertEquals(List.of("lift.resilience.bulkhead.rejected{policy=inventory}"), context.recorded());
    }

    @Test
    void aFallbackAnswersWithWhatTheCallWouldHaveThrown() throws Exception {
        ResiliencePolicy p = policy(Map.of("inventory.breaker.failure-threshold", "1", "inventory.breaker.delay", "1m"));
        TestInvocation ctx = TestInvocation.withTimeLeft("req-7", 60_000);
        AtomicReference<Exception> seen = new AtomicReference<>();
        assertEquals("cached: 0 left", p.call(ctx, () -> {
            throw new IOException("inventory down");
        }, e -> {
            seen.set(e);
            return "cached: 0 left";
        }));
        assertInstanceOf(IOException.class, seen.get());
        assertEquals("cached: 0 left", p.call(ctx, () -> "fresh", e -> {
            seen.set(e);
            return "cached: 0 left";
        }));
        LiftException open = assertInstanceOf(LiftException.class, seen.get(), "the open breaker arrives as a 503");
        assertEquals(503, open.status());
        assertEquals(List.of("lift.resilience.breaker.opened{policy=inventory}", "lift.resilience.fallback{policy=inventory}",
                "lift.resilience.breaker.rejected{policy=inventory}", "lift.resilience.fallback{policy=inventory}"),
                context.recorded());
    }
}
