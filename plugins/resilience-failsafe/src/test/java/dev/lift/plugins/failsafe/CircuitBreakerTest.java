package dev.lift.plugins.failsafe;

import dev.lift.plugins.testsupport.TestPluginContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.failsafe.CircuitBreaker;
import dev.lift.spi.HealthResult;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import dev.lift.spi.resilience.ResiliencePolicies;
import dev.lift.spi.resilience.ResiliencePolicy;
import dev.lift.plugins.problem.ProblemDetails;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestInvocation;

/** A circuit breaker around a real HTTP call to a local dependency that fails, then recovers. */
class CircuitBreakerTest {
    private LogCapture log;

    @BeforeEach
    void captureLogs() {
        log = LogCapture.on("lift.resilience-failsafe");
    }

    @AfterEach
    void releaseLogs() {
        log.close();
    }

    private HttpServer server;
    private final AtomicBoolean healthy = new AtomicBoolean(false);
    private final AtomicInteger hits = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private URI uri;

    @BeforeEach
    void startDependency() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/search", exchange -> {
            hits.incrementAndGet();
            byte[] body = (healthy.get() ? "3 results" : "index unavailable").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(healthy.get() ? 200 : 500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/search?q=pens");
    }

    @AfterEach
    void stopDependency() {
        server.stop(0);
    }

    /** The downstream call a handler would make: a 5xx from the dependency is an IOException (transient). */
    private String search() throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).GET().build(), BodyHandlers.ofString());
        if (r.statusCode() >= 500) {
            throw new IOException("search answered " + r.statusCode());
        }
        return r.body();
    }

    /**
     * Asserts a {@code Retry-After} for a breaker that opened with {@code delayMs} at some point
     * after {@code beforeOpening} (nanoTime): the whole seconds left, rounded up, so exactly
     * {@code delayMs / 1000} unless the machine took over a second between the two calls.
     */
    static void assertRetryAfter(String header, long delayMs, long beforeOpening) {
        long elapsedMs = (System.nanoTime() - beforeOpening) / 1_000_000;
        long most = (delayMs + 999) / 1000;
        long least = Math.max(1, (delayMs - elapsedMs + 999) / 1000);
        long seconds = Long.parseLong(header);
        assertTrue(seconds >= least && seconds <= most, "Retry-After " + header + " s, expected " + least + " to " + most
                + " s for a breaker delay of " + delayMs + " ms opened within the last " + elapsedMs + " ms");
    }

    /**
     * The breaker's delay is a minute, so it stays open for every assertion however slow the
     * machine; the test moves it to half-open with {@code halfOpen()}, which is what Failsafe
     * itself calls when the delay has passed (that the delay does so is the next test).
     */
    @Test
    void closedThenOpenThenHalfOpenThenClosed() throws Exception {
        TestPluginContext context = new TestPluginContext(FailsafeResourceProvider.ID, Map.of("policies", "search",
                "search.breaker.failure-threshold", "2", "search.breaker.delay", "1m",
                "search.breaker.success-threshold", "1"));
        FailsafeResourceProvider provider = new FailsafeResourceProvider();
        ResiliencePolicies policies = provider.open(context);
        ResiliencePolicy search = policies.policy("search");
        CircuitBreaker<Object> breaker = ((FailsafePolicy) search).circuitBreaker();
        TestInvocation ctx = TestInvocation.withTimeLeft("req-1", 600_000);
        // Closed: failures go through to the dependency until the threshold.
        assertEquals("search answered 500", assertThrows(IOException.class, () -> search.call(ctx, this::search)).getMessage());
        assertEquals(new HealthResult(HealthResult.Status.UP, Map.of("search.breaker", "closed")), provider.check(policies));
        long beforeOpening = System.nanoTime();
        assertThrows(IOException.class, () -> search.call(ctx, this::search));
        assertEquals(2, hits.get());

        // Open: fail fast with 503 and Retry-After, without calling the dependency.
        LiftException open = assertThrows(LiftException.class, () -> search.call(ctx, this::search));
        assertEquals(2, hits.get(), "an open breaker does not call the dependency");
        HttpResponse response = ProblemDetails.toResponse(open, ctx.requestId(), "/products/search");
        assertEquals(503, response.statusCode());
        assertRetryAfter(response.headers().get("Retry-After").get(0), 60_000, beforeOpening);
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"The search service is temporarily unavailable; try again later\","
                + "\"instance\":\"/products/search\",\"code\":\"service_unavailable\",\"requestId\":\"req-1\"}",
                response.bodyText());
        assertEquals(new HealthResult(HealthResult.Status.DEGRADED, Map.of("search.breaker", "open")),
                provider.check(policies));

        // Half-open (the delay has passed): one trial call; it fails, so the breaker opens again.
        breaker.halfOpen();
        assertEquals(new HealthResult(HealthResult.Status.DEGRADED, Map.of("search.breaker", "half-open")),
                provider.check(policies));
        assertThrows(IOException.class, () -> search.call(ctx, this::search));
        assertEquals(3, hits.get());
        assertEquals(503, assertThrows(LiftException.class, () -> search.call(ctx, this::search)).status());
        assertEquals(3, hits.get());

        // The dependency recovers; the next trial call succeeds and closes the breaker.
        healthy.set(true);
        breaker.halfOpen();
        assertEquals("3 results", search.call(ctx, this::search));
        assertEquals("3 results", search.call(ctx, this::search));
        assertEquals(5, hits.get());
        assertEquals(new HealthResult(HealthResult.Status.UP, Map.of("search.breaker", "closed")), provider.check(policies));
        List<LogRecord> logs = log.records(Level.INFO);
        assertEquals(List.of("lift.resilience.breaker.opened{policy=search}",
                "lift.resilience.breaker.rejected{policy=search}",
                "lift.resilience.breaker.half-opened{policy=search}",
                "lift.resilience.breaker.opened{policy=search}",
                "lift.resilience.breaker.rejected{policy=search}",
                "lift.resilience.breaker.half-opened{policy=search}",
                "lift.resilience.breaker.closed{policy=search}"), context.recorded());
        List<String> messages = logs.stream().map(LogRecord::getMessage).toList();
        assertEquals(List.of(
                "Circuit breaker of resilience policy 'search' opened: calls fail fast with 503 for 60000 ms, then a trial call is let through",
                "Circuit breaker of resilience policy 'search' is half-open: letting a trial call through",
                "Circuit breaker of resilience policy 'search' opened: calls fail fast with 503 for 60000 ms, then a trial call is let through",
                "Circuit breaker of resilience policy 'search' is half-open: letting a trial call through",
                "Circuit breaker of resilience policy 'search' closed: calls go through again"), messages);
        assertEquals(Level.WARNING, logs.get(0).getLevel(), "an opened breaker is a warning");
    }

    /**
     * The configured delay, with Failsafe's own clock: calls are rejected until it has passed and
     * then one trial call reaches the dependency. Only lower bounds on time are asserted (a slow
     * machine makes every interval longer, never shorter), with a generous limit for the wait.
     */
    @Test
    void anOpenBreakerLetsATrialCallThroughOnlyAfterItsDelay() throws Exception {
        long delayMs = 500;
        TestPluginContext context = new TestPluginContext(FailsafeResourceProvider.ID, Map.of("policies", "search",
                "search.breaker.failure-threshold", "1", "search.breaker.delay", delayMs + "ms"));
        ResiliencePolicy search = new FailsafeResourceProvider().open(context).policy("search");
        TestInvocation ctx = TestInvocation.withTimeLeft("req-4", 600_000);
        long beforeOpening = System.nanoTime();
        assertThrows(IOException.class, () -> search.call(ctx, this::search));
        assertEquals(1, hits.get());
        healthy.set(true);
        int rejected = 0;
        String result = null;
        long giveUp = beforeOpening + 30_000_000_000L;
        while (result == null && System.nanoTime() < giveUp) {
            try {
                result = search.call(ctx, this::search);
            } catch (LiftException e) {
                assertEquals(503, e.status());
                assertEquals(1, hits.get(), "a rejected call does not reach the dependency");
                rejected++;
                Thread.sleep(20);
            }
        }
        long sinceOpening = (System.nanoTime() - beforeOpening) / 1_000_000;
        assertEquals("3 results", result, "a trial call went through within 30 s");
        assertTrue(sinceOpening >= delayMs, "the trial call came " + sinceOpening + " ms after the breaker opened, "
                + "before its delay of " + delayMs + " ms");
        assertEquals(2, hits.get());
        assertEquals(rejected, context.recorded("lift.resilience.breaker.rejected").size());
        assertEquals(List.of("lift.resilience.breaker.opened{policy=search}", "lift.resilience.breaker.half-opened{policy=search}",
                "lift.resilience.breaker.closed{policy=search}"), context.recorded().stream()
                .filter(m -> !m.startsWith("lift.resilience.breaker.rejected")).toList());
    }

    @Test
    void clientErrorsFromTheDependencyDoNotOpenTheBreaker() {
        ResiliencePolicy p = new FailsafeResourceProvider().open(new TestPluginContext(FailsafeResourceProvider.ID, Map.of("policies", "search",
                "search.breaker.failure-threshold", "1"))).policy("search");
        TestInvocation ctx = TestInvocation.withTimeLeft("req-2", 60_000);
        for (int i = 0; i < 3; i++) {
            assertEquals(404, assertThrows(LiftException.class, () -> p.call(ctx, () -> {
                throw LiftException.notFound("No product 7");
            })).status());
        }
    }

    @Test
    void retryAroundTheBreakerDoesNotRetryAnOpenBreaker() {
        TestPluginContext context = new TestPluginContext(FailsafeResourceProvider.ID, Map.of("policies", "search",
                "search.retry.max-attempts", "5", "search.retry.delay", "1ms",
                "search.breaker.failure-threshold", "2", "search.breaker.delay", "1m"));
        ResiliencePolicy p = new FailsafeResourceProvider().open(context).policy("search");
        TestInvocation ctx = TestInvocation.withTimeLeft("req-3", 60_000);
        long beforeOpening = System.nanoTime();
        LiftException e = assertThrows(LiftException.class, () -> p.call(ctx, this::search));
        assertEquals(503, e.status());
        assertRetryAfter(e.headers().get("Retry-After"), 60_000, beforeOpening);
        assertEquals(2, hits.get(), "two attempts opened the breaker; the third met it open and was not retried");
        assertTrue(context.recorded().contains("lift.resilience.breaker.opened{policy=search}"));
    }
}
