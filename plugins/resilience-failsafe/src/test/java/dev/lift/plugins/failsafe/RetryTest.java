package dev.lift.plugins.failsafe;

import dev.lift.plugins.testsupport.TestPluginContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.LiftException;
import dev.lift.spi.resilience.ResiliencePolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestInvocation;

/** Retries: only transient failures, with backoff, and never past the Lambda deadline. */
class RetryTest {
    private LogCapture log;

    @BeforeEach
    void captureLogs() {
        log = LogCapture.on("lift.resilience-failsafe");
    }

    @AfterEach
    void releaseLogs() {
        log.close();
    }

    /** A failure the application marks as transient through settings. */
    static final class RateLimited extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RateLimited(String message) {
            super(message);
        }
    }

    private TestPluginContext context;

    private ResiliencePolicy policy(Map<String, String> settings) {
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("policies", "payments");
        context = new TestPluginContext(FailsafeResourceProvider.ID, all);
        return new FailsafeResourceProvider().open(context).policy("payments");
    }

    private static final TestInvocation CTX = TestInvocation.withTimeLeft("req-1", 60_000);

    @Test
    void aTransientFailureIsRetriedUntilItSucceeds() throws Exception {
        ResiliencePolicy p = policy(Map.of("payments.retry.max-attempts", "4", "payments.retry.delay", "1ms"));
        AtomicInteger attempts = new AtomicInteger();
        String result = p.call(CTX, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new ConnectException("payments.internal refused");
            }
            return "charged";
        });
        assertEquals("charged", result);
        assertEquals(3, attempts.get());
        assertEquals(List.of("lift.resilience.retry{policy=payments}", "lift.resilience.retry{policy=payments}"),
                context.recorded());
    }

    @Test
    void aClientErrorOrABugIsNeverRetried() {
        ResiliencePolicy p = policy(Map.of("payments.retry.max-attempts", "5", "payments.retry.delay", "1ms"));
        AtomicInteger attempts = new AtomicInteger();
        LiftException notFound = LiftException.notFound("No card 4");
        assertSame(notFound, assertThrows(LiftException.class, () -> p.call(CTX, () -> {
            attempts.incrementAndGet();
            throw notFound;
        })));
        IllegalStateException bug = new IllegalStateException("bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> p.call(CTX, () -> {
            attempts.incrementAndGet();
            throw bug;
        })));
        assertEquals(2, attempts.get(), "one attempt each");
        assertEquals(List.of(), context.recorded());
    }

    @Test
    void retriesStopAtMaxAttemptsWithTheLastFailureLoggedAndCounted() {
        ResiliencePolicy p = policy(Map.of("payments.retry.max-attempts", "3", "payments.retry.delay", "1ms",
                "payments.retry.max-delay", "4ms"));
        List<IOException> thrown = new ArrayList<>();
        // A checked exception arrives as itself, not wrapped.
        IOException last = assertThrows(IOException.class, () -> p.call(CTX, () -> {
            IOException e = new IOException("attempt " + (thrown.size() + 1) + " reset by peer");
            thrown.add(e);
            throw e;
        }));
        List<LogRecord> logs = log.records(Level.INFO);
        assertEquals(3, thrown.size());
        assertSame(thrown.get(2), last);
        assertEquals(List.of("lift.resilience.retry{policy=payments}", "lift.resilience.retry{policy=payments}",
                "lift.resilience.retries.exhausted{policy=payments,reason=attempts}"), context.recorded());
        assertEquals(1, logs.size());
        assertEquals(Level.WARNING, logs.get(0).getLevel());
        assertEquals("Request req-1: resilience policy 'payments' gave up after 3 attempt(s); last failure: "
                + "java.io.IOException: attempt 3 reset by peer", logs.get(0).getMessage());
    }

    @Test
    void retryableLiftErrorsAndConfiguredTypesAreTransient() {
        ResiliencePolicy p = policy(Map.of("payments.retry.max-attempts", "2", "payments.retry.delay", "1ms",
                "payments.transient-errors", RateLimited.class.getName()));
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(LiftException.class, () -> p.call(CTX, () -> {
            attempts.incrementAndGet();
            throw LiftException.unavailable("upstream busy", Duration.ofSeconds(1));
        }));
        assertThrows(RateLimited.class, () -> p.call(CTX, () -> {
            attempts.incrementAndGet();
            throw new RateLimited("slow down");
        }));
        assertEquals(4, attempts.get(), "two attempts each");
    }

    /**
     * No timeout is configured, so a retry needs its wait plus min-attempt-time (50 ms). With a
     * 3000 ms budget and waits of 1000 ms, then 2000 ms: attempt 1 fails at once and the first wait
     * fits as long as attempt 1 took less than 1950 ms; attempt 2 starts at least 1000 ms in, so
     * the next wait (2000 ms) can never fit. Both bounds hold however slow the machine is, short
     * of a 2-second stall.
     */
    @Test
    void retriesStopWhenTheNextOneWouldPassTheLambdaDeadline() throws Exception {
        ResiliencePolicy p = policy(Map.of("payments.retry.max-attempts", "20", "payments.retry.delay", "1s",
                "payments.retry.max-delay", "2s", "payments.retry.jitter", "0"));
        assertEquals("warm", p.call(CTX, () -> "warm")); // load the classes first, so the budget below is all for retries

        TestInvocation ctx = TestInvocation.withTimeLeft("req-deadline", 3000);
        List<IOException> thrown = new ArrayList<>();
        IOException last = assertThrows(IOException.class, () -> p.call(ctx, () -> {
            IOException e = new IOException("attempt " + (thrown.size() + 1) + " timed out");
            thrown.add(e);
            throw e;
        }));
        long left = ctx.deadlineMillis() - System.currentTimeMillis();
        List<LogRecord> logs = log.records(Level.INFO);
        assertEquals(2, thrown.size(), "only the attempts that fit before the deadline");
        assertSame(thrown.get(1), last, "the last failure is reported");
        assertTrue(left > 0, "the call returned before the deadline, " + left + " ms before it");
        assertEquals(List.of("lift.resilience.retry{policy=payments}",
                "lift.resilience.retries.exhausted{policy=payments,reason=deadline}"), context.recorded());
        assertEquals(1, logs.size());
        assertEquals(Level.WARNING, logs.get(0).getLevel());
        String message = logs.get(0).getMessage();
        assertTrue(message.startsWith("Request req-deadline: resilience policy 'payments' stopped after 2 attempt(s) because "
                + "another retry would pass the Lambda deadline ("), message);
        assertTrue(message.endsWith("ms left); last failure: java.io.IOException: attempt 2 timed out"), message);
    }

    /** With a configured timeout a retry must have room for the whole timeout, not just min-attempt-time. */
    @Test
    void withATimeoutARetryNeedsRoomForTheWholeTimeout() {
        ResiliencePolicy p = policy(Map.of("payments.retry.max-attempts", "5", "payments.retry.delay", "1ms",
                "payments.timeout", "10s"));
        AtomicInteger attempts = new AtomicInteger();
        // 5 s left: enough to start an attempt, which fails at once, but not for another one of up to 10 s.
        assertThrows(IOException.class, () -> p.call(TestInvocation.withTimeLeft("req-t", 5000), () -> {
            attempts.incrementAndGet();
            throw new IOException("down");
        }));
        assertEquals(1, attempts.get());
        assertEquals(List.of("lift.resilience.retries.exhausted{policy=payments,reason=deadline}"), context.recorded());
    }

    @Test
    void concurrentCallsShareThePolicyButNotTheirAttempts() throws Exception {
        ResiliencePolicy p = policy(Map.of("payments.retry.max-attempts", "3", "payments.retry.delay", "1ms",
                "payments.breaker.failure-threshold", "1000"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String id = "order-" + i;
                results.add(pool.submit(() -> {
                    AtomicInteger mine = new AtomicInteger();
                    return p.call(TestInvocation.withTimeLeft("req-" + id, 60_000), () -> {
                        if (mine.incrementAndGet() < 3) {
                            throw new IOException("flaky");
                        }
                        return id + " after " + mine.get();
                    });
                }));
            }
            for (int i = 0; i < 40; i++) {
                assertEquals("order-" + i + " after 3", results.get(i).get(10, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(80, context.recorded("lift.resilience.retry").size(), "two retries per call, none exhausted");
        assertEquals(List.of(), context.recorded("lift.resilience.retries.exhausted"));
    }

    @Test
    void pastTheDeadlineNoAttemptIsMadeAndTheErrorSaysWhy() {
        ResiliencePolicy p = policy(Map.of("payments.retry.max-attempts", "5", "payments.retry.delay", "1ms"));
        AtomicInteger attempts = new AtomicInteger();
        LiftException e = assertThrows(LiftException.class, () -> p.call(TestInvocation.withTimeLeft("req-late", -5), () -> {
            attempts.incrementAndGet();
            throw new IOException("down");
        }));
        assertEquals(0, attempts.get());
        assertEquals(504, e.status());
        assertEquals("The payments service was not called: too little time was left before the request's deadline",
                e.detail());
        assertFalse(e.retryable(), "not retried and not counted by a breaker: the dependency was never called");
        assertEquals(List.of("lift.resilience.deadline.rejected{policy=payments}"), context.recorded());
        List<LogRecord> logs = log.records(Level.INFO);
        assertEquals(1, logs.size());
        assertEquals(Level.WARNING, logs.get(0).getLevel());
        assertEquals("Request req-late: resilience policy 'payments' did not call its dependency: 0 ms were left before "
                + "the Lambda deadline, less than min-attempt-time (50 ms)", logs.get(0).getMessage());
    }

    @Test
    void withoutAnInvocationNoDeadlineApplies() {
        ResiliencePolicy p = policy(Map.of("payments.retry.max-attempts", "3", "payments.retry.delay", "1ms"));
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(IOException.class, () -> p.call(null, () -> {
            attempts.incrementAndGet();
            throw new IOException("down");
        }));
        assertEquals(3, attempts.get());
    }
}
