package dev.lift.plugins.idempotency;

import static dev.lift.plugins.idempotency.Harness.invoke;
import static dev.lift.plugins.idempotency.Harness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.HttpResponse;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftBootException;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.memorystore.MemoryStoreProvider;
import dev.lift.plugins.testsupport.TestApp;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * lift.jar brings the memory store; a shared store (DynamoDB) may come beside it. With two stores the
 * plugin must be told which one keeps its responses, and uses exactly that one.
 */
class StoreChoiceTest {

    private final AtomicInteger orders = new AtomicInteger();

    private Lift.Builder kernel(Harness.ClockedStore shared) {
        return Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter()).plugin(new MemoryStoreProvider()).plugin(shared)
                .plugin(new IdempotencyPlugin()).setting("lift.idempotency.enabled", "true")
                .plugin(new TestApp(r -> r.post("/orders", (req, ctx) ->
                        HttpResponse.json(Map.of("order", orders.incrementAndGet())).withStatus(201))));
    }

    @Test
    void withTwoStoresBootFailsNamingTheSettingThatChoosesOne() {
        LiftBootException e = assertThrows(LiftBootException.class,
                () -> kernel(new Harness.ClockedStore(Clock.systemUTC())).build());
        assertTrue(e.getMessage().contains("lift.idempotency.store-resource"), e.getMessage());
    }

    @Test
    void theStoreNamedByTheSettingKeepsTheResponses() {
        Harness.ClockedStore shared = new Harness.ClockedStore(Clock.systemUTC());
        try (LiftKernel k = kernel(shared).setting("lift.idempotency.store-resource", "test-store").build()) {
            var create = request("POST", "/orders", Map.of("Idempotency-Key", "k-1"), "{\"item\":\"tea\"}", null);
            assertEquals(201, invoke(k, create).get("statusCode").asInt());
            assertEquals("true", invoke(k, create).get("headers").path("idempotent-replayed").asText());
            assertEquals(1, orders.get());
            assertTrue(shared.store.size() > 0, "the chosen store holds the response");
        }
    }

    @Test
    void theMemoryStoreCanBeLeftOutSoTheSharedOneIsTheOnlyOne() {
        Harness.ClockedStore shared = new Harness.ClockedStore(Clock.systemUTC());
        try (LiftKernel k = kernel(shared).setting("lift.store-memory.enabled", "false").build()) {
            var create = request("POST", "/orders", Map.of("Idempotency-Key", "k-2"), "{}", null);
            invoke(k, create);
            assertEquals("true", invoke(k, create).get("headers").path("idempotent-replayed").asText());
            assertTrue(shared.store.size() > 0);
        }
    }
}
