package dev.lift.plugins.ratelimit;

import dev.lift.plugins.testsupport.FakeClock;
import static dev.lift.plugins.ratelimit.HttpEvents.invoke;
import static dev.lift.plugins.ratelimit.HttpEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.HttpResponse;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.memorystore.MemoryStoreProvider;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many invocations at once, as under {@code serve} or on Managed Instances: with the clock standing
 * still, exactly {@code limit} requests of one client pass, whichever threads they arrive on, in the
 * memory buckets and in the store's windows alike.
 */
class RateLimitConcurrencyTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 40;
    private static final int LIMIT = 100;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "store"})
    void exactlyLimitRequestsPassInOneWindowWhenEightThreadsRaceForThem(String store) throws Exception {
        FakeClock clock = new FakeClock(Instant.parse("2025-03-01T10:00:00Z"));
        AtomicInteger handled = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try (LogCapture errors = LogCapture.on("lift.errors");
             LiftKernel kernel = Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter())
                .plugin(new ProblemDetailsErrorStrategy())
                .plugin(new MemoryStoreProvider())
                .plugin(new RateLimitPlugin(clock))
                .plugin(new TestApp(r -> r.get("/products", (req, ctx) -> {
                    handled.incrementAndGet();
                    return HttpResponse.text("list");
                })))
                .settings(Map.of("lift.rate-limit.limit", Integer.toString(LIMIT), "lift.rate-limit.period", "1m",
                        "lift.rate-limit.store", store))
                .build()) {
            JsonNode event = request("GET", "/products", "198.51.100.7", Map.of());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                results.add(threads.submit(() -> {
                    int[] counts = new int[2];
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        int status = invoke(kernel, event).get("statusCode").asInt();
                        assertTrue(status == 200 || status == 429, "status " + status);
                        counts[status == 200 ? 0 : 1]++;
                    }
                    return counts;
                }));
            }
            start.countDown();
            int ok = 0;
            int limited = 0;
            for (Future<int[]> f : results) {
                int[] c = f.get(2, TimeUnit.MINUTES);
                ok += c[0];
                limited += c[1];
            }
            assertEquals(LIMIT, ok);
            assertEquals(THREADS * PER_THREAD - LIMIT, limited);
            assertEquals(LIMIT, handled.get(), "the handler ran once for each allowed request");

            clock.advance(Duration.ofMinutes(1)); // the next window (or a full bucket again)
            assertEquals(200, invoke(kernel, event).get("statusCode").asInt());
            assertTrue(errors.records(Level.WARNING).isEmpty(), errors.lines().toString());
        } finally {
            threads.shutdownNow();
        }
    }
}
