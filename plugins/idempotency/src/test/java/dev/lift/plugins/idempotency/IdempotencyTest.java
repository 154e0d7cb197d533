package dev.lift.plugins.idempotency;

import static dev.lift.plugins.idempotency.Harness.invoke;
import static dev.lift.plugins.idempotency.Harness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.HttpResponse;
import dev.lift.api.Json;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real kernel with the HTTP API adapter, the problem-details answers, the memory store on a test
 * clock and this plugin: what a client sees when it retries.
 */
class IdempotencyTest {

    private final Harness.FakeClock clock = new Harness.FakeClock();
    private final Harness.ClockedStore store = new Harness.ClockedStore(clock);
    private final AtomicInteger orders = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private LiftKernel kernel;
    private LogCapture errors;

    @BeforeEach
    void quiet() {
        errors = LogCapture.on("lift.errors");
    }

    @AfterEach
    void shutDown() {
        if (kernel != null) {
            kernel.close();
        }
        errors.close();
    }

    private void boot(String... kv) {
        Map<String, String> settings = new HashMap<>();
        settings.put("lift.idempotency.enabled", "true");
        for (int i = 0; i < kv.length; i += 2) {
            settings.put("lift.idempotency." + kv[i], kv[i + 1]);
        }
        kernel = Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter())
                .plugin(new ProblemDetailsErrorStrategy())
                .plugin(store)
                .plugin(new IdempotencyPlugin())
                .plugin(new TestApp(r -> {
                    r.post("/orders", (req, ctx) -> {
                        if (failuresLeft.getAndDecrement() > 0) {
                            throw new IllegalStateException("database unavailable");
                        }
                        return HttpResponse.json(Map.of("order", orders.incrementAndGet())).withStatus(201)
                                .header("Location", "/orders/" + orders.get()).cookie("seen", "1");
                    });
                    r.post("/payments", (req, ctx) -> HttpResponse.json(Map.of("payment", orders.incrementAndGet())));
                    r.get("/orders", (req, ctx) -> HttpResponse.json(Map.of("count", orders.incrementAndGet())));
                }))
                .settings(settings)
                .build();
    }

    private static JsonNode body(JsonNode response) throws Exception {
        return Json.mapper().readTree(response.get("body").asText());
    }

    @Test
    void theFirstResponseIsStoredAndReplayedWithTheReplayHeaderAndTheHandlerRunsOnce() throws Exception {
        boot();
        JsonNode create = request("POST", "/orders", Map.of("Idempotency-Key", "k-1"), "{\"item\":\"tea\"}", null);
        JsonNode first = invoke(kernel, create);
        assertEquals(201, first.get("statusCode").asInt());
        assertFalse(first.get("headers").has("idempotent-replayed"));

        JsonNode again = invoke(kernel, create);
        assertEquals(201, again.get("statusCode").asInt());
        assertEquals("{\"order\":1}", again.get("body").asText());
        assertEquals("/orders/1", again.get("headers").get("location").asText());
        assertEquals("application/json", again.get("headers").get("content-type").asText());
        assertEquals("true", again.get("headers").get("idempotent-replayed").asText());
        assertEquals("[\"seen=1; Path=/; Secure; HttpOnly; SameSite=Lax\"]", again.get("cookies").toString());
        assertEquals(1, orders.get());

        // Without a key, or with another one, the handler runs again; GET is not covered.
        assertEquals("{\"order\":2}", invoke(kernel, request("POST", "/orders", Map.of(), "{\"item\":\"tea\"}", null))
                .get("body").asText());
        assertEquals("{\"order\":3}", invoke(kernel, request("POST", "/orders", Map.of("Idempotency-Key", "k-2"),
                "{\"item\":\"tea\"}", null)).get("body").asText());
        JsonNode get = request("GET", "/orders", Map.of("Idempotency-Key", "k-1"), "", null);
        assertEquals("{\"count\":4}", invoke(kernel, get).get("body").asText());
        assertEquals("{\"count\":5}", invoke(kernel, get).get("body").asText());
    }

    @Test
    void theSameKeyWithAnotherPayloadIsA422Problem() throws Exception {
        boot();
        invoke(kernel, request("POST", "/orders", Map.of("Idempotency-Key", "k-1"), "{\"item\":\"tea\"}", null));
        JsonNode other = invoke(kernel, request("POST", "/orders", Map.of("Idempotency-Key", "k-1"), "{\"item\":\"coffee\"}", null));
        assertEquals(422, other.get("statusCode").asInt());
        assertEquals("application/problem+json", other.get("headers").get("content-type").asText());
        assertEquals("This Idempotency-Key was already used with a different request payload; use a new key for a new request",
                body(other).get("detail").asText());
        assertEquals(1, orders.get());
    }

    @Test
    void keysAreScopedByRouteAndBySubject() {
        boot();
        Map<String, String> key = Map.of("Idempotency-Key", "shared");
        assertEquals("{\"order\":1}", invoke(kernel, request("POST", "/orders", key, "{}", "alice")).get("body").asText());
        assertEquals("{\"order\":2}", invoke(kernel, request("POST", "/orders", key, "{}", "bob")).get("body").asText());
        assertEquals("{\"payment\":3}", invoke(kernel, request("POST", "/payments", key, "{}", "alice")).get("body").asText());
        assertEquals("{\"order\":1}", invoke(kernel, request("POST", "/orders", key, "{}", "alice")).get("body").asText());
        assertEquals(3, orders.get());
    }

    @Test
    void a5xxIsNotStoredSoARetryRunsTheHandlerAgain() {
        boot();
        failuresLeft.set(1);
        JsonNode create = request("POST", "/orders", Map.of("Idempotency-Key", "k-1"), "{}", null);
        assertEquals(500, invoke(kernel, create).get("statusCode").asInt());
        JsonNode retry = invoke(kernel, create);
        assertEquals(201, retry.get("statusCode").asInt());
        assertFalse(retry.get("headers").has("idempotent-replayed"));
        assertEquals("true", invoke(kernel, create).get("headers").get("idempotent-replayed").asText());
    }

    @Test
    void aResponseIsReplayedForTheTtlOnlyAndAnAbandonedInFlightMarkerExpires() throws Exception {
        boot("ttl", "10m", "in-flight-ttl", "1m");
        JsonNode create = request("POST", "/orders", Map.of("Idempotency-Key", "k-1"), "{}", null);
        invoke(kernel, create);
        clock.advance(Duration.ofMinutes(9));
        assertEquals("{\"order\":1}", invoke(kernel, create).get("body").asText());
        clock.advance(Duration.ofMinutes(1));
        assertEquals("{\"order\":2}", invoke(kernel, create).get("body").asText());

        // A marker left by work that never finished (the function was killed) blocks for in-flight-ttl only.
        // Written as the plugin writes it when the handler starts: the route, no subject, the key; the payload's hash.
        String fingerprint = Digests.sha256("POST".getBytes(StandardCharsets.UTF_8), "/orders".getBytes(StandardCharsets.UTF_8),
                new byte[0], "{}".getBytes(StandardCharsets.UTF_8));
        assertTrue(store.store.putIfAbsent("idempotency:" + Digests.sha256("POST /orders", "", "header:k-2"),
                Json.mapper().writeValueAsBytes(StoredResponse.inFlight(fingerprint)), Duration.ofMinutes(1)));
        JsonNode blocked = invoke(kernel, request("POST", "/orders", Map.of("Idempotency-Key", "k-2"), "{}", null));
        assertEquals(409, blocked.get("statusCode").asInt());
        assertEquals("A request with this Idempotency-Key is still being processed; retry once it has finished",
                body(blocked).get("detail").asText());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(201, invoke(kernel, request("POST", "/orders", Map.of("Idempotency-Key", "k-2"), "{}", null))
                .get("statusCode").asInt());
    }

    @Test
    void withKeyFieldsABodyWithTheSameFieldsIsTheSameRequest() throws Exception {
        boot("key-fields", "orderId,customer.id");
        String body = "{\"orderId\":\"A1\",\"customer\":{\"id\":7},\"amount\":5}";
        assertEquals("{\"order\":1}", invoke(kernel, request("POST", "/orders", Map.of(), body, null)).get("body").asText());
        JsonNode replay = invoke(kernel, request("POST", "/orders", Map.of(), body, null));
        assertEquals("true", replay.get("headers").get("idempotent-replayed").asText());
        JsonNode changed = invoke(kernel, request("POST", "/orders", Map.of(), body.replace("5", "6"), null));
        assertEquals(422, changed.get("statusCode").asInt());
        // Another customer, or a body without the fields: another request.
        assertEquals("{\"order\":2}", invoke(kernel, request("POST", "/orders", Map.of(),
                body.replace("7", "8"), null)).get("body").asText());
        assertEquals("{\"order\":3}", invoke(kernel, request("POST", "/orders", Map.of(), "{\"amount\":5}", null))
                .get("body").asText());
    }

    @Test
    void aMalformedKeyIsA400ProblemThatDoesNotEchoIt() throws Exception {
        boot();
        JsonNode r = invoke(kernel, request("POST", "/orders", Map.of("Idempotency-Key", "x".repeat(256)), "{}", null));
        assertEquals(400, r.get("statusCode").asInt());
        assertEquals("The Idempotency-Key header must be 1 to 255 printable ASCII characters", body(r).get("detail").asText());
        assertEquals(0, orders.get());
        assertTrue(errors.lines().stream().noneMatch(l -> l.contains("xxxxxxxx")));
    }
}
