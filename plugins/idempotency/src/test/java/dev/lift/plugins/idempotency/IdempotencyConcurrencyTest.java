package dev.lift.plugins.idempotency;

import static dev.lift.plugins.idempotency.Harness.invoke;
import static dev.lift.plugins.idempotency.Harness.request;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Duplicates that arrive together, as when a client times out and retries while the first request
 * still runs: one runs the handler, every other is answered 409 while it runs, and once it has
 * answered every repeat gets its response replayed.
 */
class IdempotencyConcurrencyTest {

    private static final int DUPLICATES = 8;

    @Test
    void ofEightSimultaneousDuplicatesOneRunsAndTheOthersGet409UntilItHasAnswered() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch othersAnswered = new CountDownLatch(DUPLICATES - 1);
        ExecutorService threads = Executors.newFixedThreadPool(DUPLICATES);
        try (LogCapture errors = LogCapture.on("lift.errors");
             LiftKernel kernel = Lift.builder().discover(false).environment(Map.of())
                     .plugin(new ApiGatewayV2Adapter())
                     .plugin(new ProblemDetailsErrorStrategy())
                     .plugin(new MemoryStoreProvider())
                     .plugin(new IdempotencyPlugin())
                     .plugin(new TestApp(r -> r.post("/orders", (req, ctx) -> {
                         runs.incrementAndGet();
                         // Holds the key in flight until every duplicate has been answered: no timing involved.
                         assertTrue(othersAnswered.await(2, TimeUnit.MINUTES), "the duplicates were not answered");
                         return HttpResponse.json(Map.of("order", 1)).withStatus(201);
                     })))
                     .settings(Map.of("lift.idempotency.enabled", "true"))
                     .build()) {
            JsonNode create = request("POST", "/orders", Map.of("Idempotency-Key", "k-1"), "{\"item\":\"tea\"}", null);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < DUPLICATES; i++) {
                statuses.add(threads.submit(() -> {
                    start.await();
                    int status = invoke(kernel, create).get("statusCode").asInt();
                    if (status == 409) {
                        othersAnswered.countDown();
                    }
                    return status;
                }));
            }
            start.countDown();
            List<Integer> seen = new ArrayList<>();
            for (Future<Integer> f : statuses) {
                seen.add(f.get(3, TimeUnit.MINUTES));
            }
            seen.sort(null);
            List<Integer> expected = new ArrayList<>();
            expected.add(201);
            for (int i = 1; i < DUPLICATES; i++) {
                expected.add(409);
            }
            expected.sort(null);
            assertEquals(expected, seen);
            assertEquals(1, runs.get());

            JsonNode after = invoke(kernel, create);
            assertEquals(201, after.get("statusCode").asInt());
            assertEquals("true", after.get("headers").get("idempotent-replayed").asText());
            assertEquals(1, runs.get());
            assertTrue(errors.records(java.util.logging.Level.WARNING).isEmpty(), errors.lines().toString());
        } finally {
            threads.shutdownNow();
        }
    }
}
