package dev.lift.plugins.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import dev.lift.api.RouteDescriptor;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftBootException;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv1.ApiGatewayV1Adapter;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.spi.HealthCheck;
import dev.lift.spi.HealthResult;
import dev.lift.spi.MiddlewarePlugin;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoints through the real API Gateway adapters, with real fixture events, as a load balancer would call them. */
class HealthEndpointsTest {

    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void release() {
        never.countDown();
    }

    /** A check whose result the test sets. */
    static final class Check implements HealthCheck {
        private final String id;
        private final HealthResult result;
        private final CountDownLatch block;

        Check(String id, HealthResult result, CountDownLatch block) {
            this.id = id;
            this.result = result;
            this.block = block;
        }

        @Override public String id() { return id; }
        @Override public Duration timeout() { return Duration.ofMillis(300); }
        @Override public HealthResult check() throws Exception {
            if (block != null) {
                block.await(30, TimeUnit.SECONDS);
            }
            return result;
        }
    }

    /** Stands in for an authentication plugin: refuses every request it sees. */
    static final class DenyAll implements MiddlewarePlugin {
        @Override public String id() { return "deny-all"; }
        @Override public int order() { return SECURITY; }
        @Override public HttpMiddleware http(RouteDescriptor route) {
            return (req, ctx, next) -> {
                throw LiftException.unauthorized("no token", "Bearer");
            };
        }
    }

    private static Lift.Builder kernel(HealthCheck... checks) {
        Lift.Builder b = Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter()).plugin(new ApiGatewayV1Adapter()).plugin(new HealthEndpoints())
                .setting("lift.health.cache-time", "0ms");
        for (HealthCheck c : checks) {
            b.plugin(c);
        }
        return b;
    }

    private static JsonNode v2(LiftKernel kernel, String method, String path) {
        ObjectNode event = Fixtures.event("apigw_http_event.json");
        event.put("rawPath", path).put("routeKey", "$default").remove(java.util.List.of("body", "rawQueryString"));
        event.with("requestContext").with("http").put("method", method).put("path", path);
        return Fixtures.parse(Fixtures.utf8(kernel.invoke(Fixtures.bytes(event))));
    }

    private static JsonNode v1(LiftKernel kernel, String path) {
        ObjectNode event = Fixtures.event("apigw_rest_event.json");
        event.put("path", path).put("resource", "/{proxy+}").put("httpMethod", "GET").remove(java.util.List.of("body"));
        event.with("requestContext").put("httpMethod", "GET").put("path", path).put("resourcePath", "/{proxy+}");
        return Fixtures.parse(Fixtures.utf8(kernel.invoke(Fixtures.bytes(event))));
    }

    private static JsonNode body(JsonNode response) {
        return Fixtures.parse(response.get("body").asText());
    }

    @Test
    void upAndDegradedAre200DownIs503WithEachComponentsStatusLatencyAndDetails() {
        try (LiftKernel k = kernel(new Check("db", HealthResult.up(), null),
                new Check("cache", HealthResult.degraded(Map.of("hitRate", 0.2)), null)).build()) {
            JsonNode ready = v2(k, "GET", "/health/ready");
            assertEquals(200, ready.get("statusCode").asInt());
            assertEquals("DEGRADED", body(ready).get("status").asText());
            assertEquals("no-store", ready.at("/headers/cache-control").asText(), ready.toString());
            JsonNode components = body(v2(k, "GET", "/health/components"));
            assertEquals("DEGRADED", components.get("status").asText());
            assertEquals("UP", components.at("/components/db/status").asText());
            assertEquals("DEGRADED", components.at("/components/cache/status").asText());
            assertEquals(0.2, components.at("/components/cache/details/hitRate").asDouble());
            assertTrue(components.at("/components/db/latencyMs").isIntegralNumber(), components.toString());
        }
        try (LiftKernel k = kernel(new Check("db", HealthResult.down(Map.of("error", "refused")), null)).build()) {
            JsonNode ready = v2(k, "GET", "/health/ready");
            assertEquals(503, ready.get("statusCode").asInt());
            assertEquals("DOWN", body(ready).get("status").asText());
            assertEquals(503, v2(k, "GET", "/health/components").get("statusCode").asInt());
            // Liveness says the process serves; readiness is what a failing dependency changes.
            JsonNode live = v2(k, "GET", "/health");
            assertEquals(200, live.get("statusCode").asInt());
            assertEquals("UP", body(live).get("status").asText());
        }
    }

    @Test
    void aCheckThatOverrunsItsTimeoutIsDownAndSaysSo() {
        try (LiftKernel k = kernel(new Check("slow", HealthResult.up(), never)).build()) {
            JsonNode response = v2(k, "GET", "/health/components");
            assertEquals(503, response.get("statusCode").asInt());
            JsonNode slow = body(response).at("/components/slow");
            assertEquals("DOWN", slow.get("status").asText());
            assertEquals("timed out after 300 ms", slow.at("/details/error").asText());
            assertTrue(slow.get("latencyMs").asInt() >= 300, slow.toString()); // it was waited for that long
        }
    }

    @Test
    void theSameThroughTheRestApiAdapter() {
        try (LiftKernel k = kernel(new Check("db", HealthResult.down(Map.of()), null)).build()) {
            assertEquals(503, v1(k, "/health/ready").get("statusCode").asInt());
            assertEquals(200, v1(k, "/health").get("statusCode").asInt());
            assertEquals(404, v1(k, "/healthz").get("statusCode").asInt());
        }
    }

    @Test
    void answeredAheadOfAuthenticationWhileEveryOtherPathStillMeetsIt() {
        try (LiftKernel k = kernel(new Check("db", HealthResult.up(), null)).plugin(new DenyAll())
                .plugin(new TestApp(r -> r.get("/orders", (req, ctx) -> "secret"))).build()) {
            assertEquals(200, v2(k, "GET", "/health/ready").get("statusCode").asInt());
            assertEquals(401, v2(k, "GET", "/orders").get("statusCode").asInt());
            assertEquals(401, v2(k, "GET", "/nothing-here").get("statusCode").asInt());
        }
    }

    @Test
    void anApplicationsOwnHealthRouteWinsAndOtherMethodsAreNotAnswered() {
        try (LiftKernel k = kernel().plugin(new TestApp(r -> r.get("/health", (req, ctx) -> HttpResponse.text("mine")))).build()) {
            assertEquals("mine", v2(k, "GET", "/health").get("body").asText());
            assertEquals(404, v2(k, "POST", "/health/ready").get("statusCode").asInt());
        }
    }

    @Test
    void pathsCanBeMovedOrTheEndpointsTurnedOff() {
        try (LiftKernel k = kernel().setting("lift.health.readiness-path", "/ops/ready").build()) {
            assertEquals(200, v2(k, "GET", "/ops/ready").get("statusCode").asInt());
            assertEquals(404, v2(k, "GET", "/health/ready").get("statusCode").asInt());
        }
        try (LiftKernel k = kernel().setting("lift.health.endpoints", "false").build()) {
            assertEquals(404, v2(k, "GET", "/health").get("statusCode").asInt());
            assertFalse(k.plugins().stream().anyMatch(p -> p.id().equals("health") && p.active()));
        }
    }

    @Test
    void aBadPathFailsBootNamingTheSetting() {
        LiftBootException e = assertThrows(LiftBootException.class,
                () -> kernel().setting("lift.health.liveness-path", "health?x=1").build());
        assertTrue(e.getMessage().contains("lift.health.liveness-path") && e.getMessage().contains("an absolute path"),
                e.getMessage());
    }

    @Test
    void theMemoryCheckReportsHeadroomAgainstTheFunctionsMemorySize() throws Exception {
        try (LiftKernel k = kernel(new MemoryHealthCheck()).setting("lift.memory.function-memory-mb", "100000").build()) {
            JsonNode memory = body(v2(k, "GET", "/health/components")).at("/components/memory");
            assertEquals("UP", memory.get("status").asText(), memory.toString());
            assertEquals(100000, memory.at("/details/functionMemoryMb").asInt());
            assertTrue(memory.at("/details/heapUsedMb").asLong() > 0, memory.toString());
        }
        // A function whose memory size is smaller than what this JVM has already committed is down.
        try (LiftKernel k = kernel(new MemoryHealthCheck()).setting("lift.memory.function-memory-mb", "1").build()) {
            JsonNode response = v2(k, "GET", "/health/ready");
            assertEquals(503, response.get("statusCode").asInt());
        }
        LiftBootException e = assertThrows(LiftBootException.class, () -> kernel(new MemoryHealthCheck())
                .setting("lift.memory.degraded-percent", "90").setting("lift.memory.down-percent", "80").build());
        assertTrue(e.getMessage().contains("lift.memory.down-percent"), e.getMessage());
    }
}
