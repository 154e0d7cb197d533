package dev.lift.plugins.dynamodbclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.HttpResponse;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.idempotency.IdempotencyPlugin;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.ratelimit.RateLimitPlugin;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.test.Events;
import dev.lift.test.HttpResult;
import dev.lift.test.LiftTestKit;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Lift kernels, standing for two Lambda execution environments, each with its own DynamoDB
 * clients and the real idempotency and rate-limit plugins, share one store table in DynamoDB Local.
 * What one kernel stores, the other sees: a retry reaching the other instance is replayed, a
 * duplicate arriving there while the first still runs is a 409, and a rate limit counts requests
 * to both.
 */
class SharedStoreAcrossKernelsTest {

    private static final AtomicInteger ORDERS_RUN = new AtomicInteger();
    /** Held by the first order until the other kernel has answered its duplicate; no timing involved. */
    private static volatile CountDownLatch release = new CountDownLatch(0);
    private static final CountDownLatch FIRST_RUNNING = new CountDownLatch(1);

    private static String table;
    private static LiftTestKit kernelA;
    private static LiftTestKit kernelB;

    @BeforeAll
    static void boot() {
        DynamoDbLocal local = DynamoDbLocal.shared();
        table = DynamoDbLocal.uniqueTable("lift-store");
        kernelA = kernel(local);
        kernelB = kernel(local);
    }

    private static LiftTestKit kernel(DynamoDbLocal local) {
        LiftTestKit.Builder b = LiftTestKit.builder()
                .plugin(new ApiGatewayV2Adapter())
                .plugin(new ProblemDetailsErrorStrategy())
                .plugin(DynamoDbLocal.provider())
                .plugin(new DynamoDbStoreProvider())
                .plugin(new IdempotencyPlugin())
                .plugin(new RateLimitPlugin())
                .plugin(new TestApp(r -> r
                        .post("/orders", (req, ctx) -> {
                            int n = ORDERS_RUN.incrementAndGet();
                            FIRST_RUNNING.countDown();
                            if (!release.await(2, TimeUnit.MINUTES)) {
                                throw new IllegalStateException("the duplicate was never answered");
                            }
                            return HttpResponse.json(Map.of("order", n)).withStatus(201);
                        })
                        .get("/quota", (req, ctx) -> Map.of("ok", true)).rateLimitClass("metered")))
                .setting("lift.dynamodb.store-table", table)
                .setting("lift.dynamodb.create-tables", "true")
                .setting("lift.idempotency.enabled", "true")
                .setting("lift.rate-limit.store", "store")
                .setting("lift.rate-limit.classes", "metered")
                .setting("lift.rate-limit.class.metered.limit", "3")
                .setting("lift.rate-limit.period", "PT24H")
                .setting("lift.rate-limit.key", "header:x-client");
        local.settings().forEach(b::setting);
        return b.timeoutMillis(180_000).build();
    }

    @AfterAll
    static void close() {
        if (kernelA != null) {
            kernelA.close();
        }
        if (kernelB != null) {
            kernelB.close();
        }
    }

    private static HttpResult order(LiftTestKit kernel, String key) {
        return kernel.invoke(Events.http("POST", "/orders").header("Idempotency-Key", key)
                .json("{\"item\":\"tea\"}")).http();
    }

    @Test
    void aDuplicateOnTheOtherKernelIs409WhileTheFirstRunsAndIsReplayedOnceItHasAnswered() throws Exception {
        ORDERS_RUN.set(0);
        release = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<HttpResult> first = thread.submit(() -> order(kernelA, "order-42"));
            assertTrue(FIRST_RUNNING.await(2, TimeUnit.MINUTES), "the first order never reached its handler");

            HttpResult duplicate = order(kernelB, "order-42");
            duplicate.assertStatus(409);
            assertEquals("A request with this Idempotency-Key is still being processed; retry once it has finished",
                    duplicate.bodyJson().get("detail").asText());
            release.countDown();

            HttpResult created = first.get(2, TimeUnit.MINUTES);
            created.assertStatus(201).assertJsonBody("{\"order\":1}");
            assertNull(created.header("Idempotent-Replayed"));

            HttpResult replayed = order(kernelB, "order-42");
            replayed.assertStatus(201).assertJsonBody("{\"order\":1}").assertHeader("Idempotent-Replayed", "true");
            order(kernelA, "order-42").assertStatus(201).assertHeader("Idempotent-Replayed", "true");
            assertEquals(1, ORDERS_RUN.get(), "the handler ran once for three requests on two kernels");

            order(kernelB, "order-43").assertStatus(201).assertJsonBody("{\"order\":2}");
        } finally {
            release.countDown();
            thread.shutdownNow();
        }
    }

    @Test
    void aRateLimitCountsTheRequestsOfBothKernels() {
        String client = "client-" + System.nanoTime();
        HttpResult a1 = kernelA.invoke(Events.http("GET", "/quota").header("x-client", client)).http();
        a1.assertStatus(200).assertHeader("RateLimit-Remaining", "2");
        kernelB.invoke(Events.http("GET", "/quota").header("x-client", client)).http()
                .assertStatus(200).assertHeader("RateLimit-Remaining", "1");
        kernelA.invoke(Events.http("GET", "/quota").header("x-client", client)).http()
                .assertStatus(200).assertHeader("RateLimit-Remaining", "0");
        HttpResult refused = kernelB.invoke(Events.http("GET", "/quota").header("x-client", client)).http();
        refused.assertStatus(429);
        assertTrue(refused.header("Retry-After") != null, refused.toString());
        // Another client has its own count, on either kernel.
        kernelB.invoke(Events.http("GET", "/quota").header("x-client", client + "-other")).http()
                .assertStatus(200).assertHeader("RateLimit-Remaining", "2");
    }
}
