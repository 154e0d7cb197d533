package dev.lift.plugins.failsafe;

import dev.lift.plugins.testsupport.TestPluginContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.LiftException;
import dev.lift.spi.resilience.ResiliencePolicy;
import dev.lift.plugins.problem.ProblemDetails;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestInvocation;

/**
 * Never past the Lambda deadline, also without a configured timeout: against a real local HTTP
 * dependency that does not answer, an attempt is cut at the deadline less the reserve, retries
 * stop before it, and no attempt starts with too little time left. Time assertions only say that
 * a call returned before the deadline, with the {@code deadline-reserve} (at least 200 ms) as the
 * margin for a loaded machine; without the rule the calls would hang for a minute.
 */
class DeadlineTest {
    private LogCapture log;
    private LocalDependency dependency;
    private TestPluginContext context;

    @BeforeEach
    void start() throws IOException {
        log = LogCapture.on("lift.resilience-failsafe");
        dependency = new LocalDependency();
    }

    @AfterEach
    void stop() {
        dependency.close();
        log.close();
    }

    private ResiliencePolicy policy(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(settings);
        all.put("policies", "inventory");
        context = new TestPluginContext(FailsafeResourceProvider.ID, all);
        ResiliencePolicy p = new FailsafeResourceProvider().open(context).policy("inventory");
        // Load the classes and open the connection first, so that the short budgets below are the dependency's.
        assertEquals("ok", p.call(TestInvocation.withTimeLeft("req-warm", 60_000), () -> dependency.get("/ok")));
        assertEquals(List.of(), context.recorded());
        return p;
    }

    private static long millisBeforeDeadline(TestInvocation ctx) {
        return ctx.deadlineMillis() - System.currentTimeMillis();
    }

    private List<String> warnings() {
        return log.records(Level.WARNING).stream().map(LogRecord::getMessage).toList();
    }

    /** The attempt's limit as the log reports it, checked against the usable time it could have had. */
    private static void assertStoppedAfterAtMost(String message, long usableMillis) {
        Matcher m = Pattern.compile("stopped attempt \\d+ after (\\d+) ms").matcher(message);
        assertTrue(m.find(), message);
        long limit = Long.parseLong(m.group(1));
        assertTrue(limit > 0 && limit <= usableMillis, "limit " + limit + " ms, usable at most " + usableMillis + " ms");
    }

    @Test
    void withoutATimeoutASlowCallIsStoppedBeforeTheLambdaDeadline() throws Exception {
        ResiliencePolicy p = policy(Map.of("inventory.retry.max-attempts", "3", "inventory.retry.delay", "50ms",
                "inventory.deadline-reserve", "250ms"));
        TestInvocation ctx = TestInvocation.withTimeLeft("req-slow", 500);

        LiftException e = assertThrows(LiftException.class, () -> p.call(ctx, () -> dependency.get("/slow")));
        long left = millisBeforeDeadline(ctx);

        assertTrue(left > 0, "the call returned " + -left + " ms after the Lambda deadline");
        assertEquals(504, e.status());
        assertEquals("The inventory service did not answer before the request's deadline", e.detail());
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Gateway Timeout\",\"status\":504,"
                + "\"detail\":\"The inventory service did not answer before the request's deadline\","
                + "\"instance\":\"/stock/pens\",\"code\":\"gateway_timeout\",\"requestId\":\"req-slow\"}",
                ProblemDetails.toResponse(e, ctx.requestId(), "/stock/pens").bodyText());
        assertEquals(1, dependency.hits("/slow"), "no retry: none could have finished before the deadline");
        assertFalse(Thread.currentThread().isInterrupted(), "the caller's thread is not left interrupted");
        assertEquals(List.of("lift.resilience.deadline.cut{policy=inventory}",
                "lift.resilience.retries.exhausted{policy=inventory,reason=deadline}"), context.recorded());
        List<String> warnings = warnings();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Request req-slow: resilience policy 'inventory' stopped attempt 1 after "),
                warnings.get(0));
        assertTrue(warnings.get(0).endsWith(" ms, at the Lambda deadline less deadline-reserve 250 ms "
                + "(no timeout is configured)"), warnings.get(0));
        assertStoppedAfterAtMost(warnings.get(0), 250);
        assertTrue(warnings.get(1).startsWith("Request req-slow: resilience policy 'inventory' stopped after 1 attempt(s) "
                + "because another retry would pass the Lambda deadline ("), warnings.get(1));
        assertTrue(warnings.get(1).contains("; last failure: stopped at the deadline after "), warnings.get(1));
    }

    /**
     * The first attempt fails at once and a retry fits (100 ms wait + 50 ms minimum, of 800 ms
     * usable); the retry hangs and is cut at the usable time; no third attempt is made.
     */
    @Test
    void retriesStopBeforeTheDeadlineAndTheLastAttemptIsCut() throws Exception {
        ResiliencePolicy p = policy(Map.of("inventory.retry.max-attempts", "5", "inventory.retry.delay", "100ms",
                "inventory.retry.max-delay", "100ms", "inventory.retry.jitter", "0", "inventory.deadline-reserve", "200ms"));
        TestInvocation ctx = TestInvocation.withTimeLeft("req-retry", 1000);

        LiftException e = assertThrows(LiftException.class, () -> p.call(ctx, () -> dependency.get("/fail-then-slow")));
        long left = millisBeforeDeadline(ctx);

        assertTrue(left > 0, "the call returned " + -left + " ms after the Lambda deadline");
        assertEquals(504, e.status());
        assertEquals("The inventory service did not answer before the request's deadline", e.detail());
        assertEquals(2, dependency.hits("/fail-then-slow"));
        assertEquals(List.of("lift.resilience.retry{policy=inventory}", "lift.resilience.deadline.cut{policy=inventory}",
                "lift.resilience.retries.exhausted{policy=inventory,reason=deadline}"), context.recorded());
        List<String> warnings = warnings();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("Request req-retry: resilience policy 'inventory' stopped attempt 2 after "),
                warnings.get(0));
        assertStoppedAfterAtMost(warnings.get(0), 800 - 100);
        assertTrue(warnings.get(1).startsWith("Request req-retry: resilience policy 'inventory' stopped after 2 attempt(s) "
                + "because another retry would pass the Lambda deadline ("), warnings.get(1));
    }

    @Test
    void noAttemptStartsWithLessThanMinAttemptTimeLeftAndTheErrorSaysWhy() throws Exception {
        ResiliencePolicy p = policy(Map.of("inventory.retry.max-attempts", "3", "inventory.deadline-reserve", "280ms"));
        // 300 ms left, 280 ms of it reserved: at most 20 ms usable, below the default minimum of 50 ms.
        TestInvocation ctx = TestInvocation.withTimeLeft("req-short", 300);

        LiftException e = assertThrows(LiftException.class, () -> p.call(ctx, () -> dependency.get("/ok")));

        assertEquals(504, e.status());
        assertEquals("The inventory service was not called: too little time was left before the request's deadline",
                e.detail());
        assertFalse(e.retryable());
        assertEquals(1, dependency.hits("/ok"), "only the warm-up call reached the dependency");
        assertEquals(List.of("lift.resilience.deadline.rejected{policy=inventory}"), context.recorded());
        List<String> warnings = warnings();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(Pattern.matches("Request req-short: resilience policy 'inventory' did not call its dependency: "
                + "([0-9]|1[0-9]|20) ms were left before the Lambda deadline less deadline-reserve 280 ms, less than "
                + "min-attempt-time \\(50 ms\\)", warnings.get(0)), warnings.get(0));
    }

    @Test
    void minAttemptTimeIsASetting() throws Exception {
        ResiliencePolicy p = policy(Map.of("inventory.breaker.failure-threshold", "1", "inventory.min-attempt-time", "2s"));
        LiftException e = assertThrows(LiftException.class,
                () -> p.call(TestInvocation.withTimeLeft("req-min", 1500), () -> dependency.get("/ok")));
        assertEquals("The inventory service was not called: too little time was left before the request's deadline",
                e.detail());
        assertEquals("ok", p.call(TestInvocation.withTimeLeft("req-min-2", 60_000), () -> dependency.get("/ok")),
                "the breaker did not count it: the dependency was never called");
    }

    /** A bulkhead wait of up to 10 s ends in time to leave min-attempt-time before the usable time runs out. */
    @Test
    void aBulkheadWaitEndsBeforeTheDeadline() throws Exception {
        ResiliencePolicy p = policy(Map.of("inventory.bulkhead.max-concurrency", "1", "inventory.bulkhead.max-wait", "10s",
                "inventory.deadline-reserve", "200ms"));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> holder = pool.submit(() -> p.call(TestInvocation.withTimeLeft("req-holder", 60_000), () -> {
                inside.countDown();
                assertTrue(release.await(30, TimeUnit.SECONDS));
                return "held";
            }));
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            TestInvocation ctx = TestInvocation.withTimeLeft("req-wait", 600);

            LiftException e = assertThrows(LiftException.class, () -> p.call(ctx, () -> dependency.get("/ok")));
            long left = millisBeforeDeadline(ctx);

            assertTrue(left > 0, "the call returned " + -left + " ms after the Lambda deadline");
            assertEquals(503, e.status());
            assertEquals("The inventory service is busy; try again later", e.detail());
            release.countDown();
            assertEquals("held", holder.get(10, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertEquals(List.of("lift.resilience.bulkhead.rejected{policy=inventory}"), context.recorded());
    }
}
