package dev.lift.plugins.idempotency;

import static dev.lift.plugins.idempotency.Harness.invoke;
import static dev.lift.plugins.idempotency.Harness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import dev.lift.api.RouteDescriptor;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftBootException;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.deadline.DeadlinePlugin;
import dev.lift.plugins.memorystore.MemoryStoreProvider;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.ratelimit.RateLimitPlugin;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.spi.MiddlewarePlugin;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The whole traffic band with stand-ins for the request-id and auth plugins, in the order the
 * bands give them: request id, auth, then rate limit, deadline, idempotency, then the handler.
 */
class TrafficOrderTest {

    static final class RequestIdStamp implements MiddlewarePlugin {
        @Override
        public String id() {
            return "test-request-id";
        }

        @Override
        public int order() {
            return OBSERVABILITY;
        }

        @Override
        public HttpMiddleware http(RouteDescriptor route) {
            return (req, ctx, next) -> next.proceed().header("X-Request-Id", ctx.requestId());
        }
    }

    static final class TestAuth implements MiddlewarePlugin {
        @Override
        public String id() {
            return "test-auth";
        }

        @Override
        public int order() {
            return SECURITY;
        }

        @Override
        public HttpMiddleware http(RouteDescriptor route) {
            return (req, ctx, next) -> {
                String token = req.header("Authorization").orElseThrow(
                        () -> LiftException.unauthorized("Credentials are missing", "Bearer"));
                ctx.attribute("lift.auth.subject", token.substring(token.indexOf(' ') + 1));
                return next.proceed();
            };
        }
    }

    @Test
    void requestIdThenAuthThenRateLimitThenDeadlineThenIdempotencyThenTheHandler() {
        AtomicInteger runs = new AtomicInteger();
        try (LogCapture errors = LogCapture.on("lift.errors");
             LiftKernel kernel = Lift.builder().discover(false).environment(Map.of())
                     .plugin(new ApiGatewayV2Adapter())
                     .plugin(new ProblemDetailsErrorStrategy())
                     .plugin(new MemoryStoreProvider())
                     // Given in reverse, so only their order() can put them right.
                     .plugin(new IdempotencyPlugin())
                     .plugin(new DeadlinePlugin())
                     .plugin(new RateLimitPlugin())
                     .plugin(new TestAuth())
                     .plugin(new RequestIdStamp())
                     .plugin(new TestApp(r -> r.post("/orders", (req, ctx) -> HttpResponse.json(new java.util.TreeMap<>(
                             Map.of("order", runs.incrementAndGet(), "thread", Thread.currentThread().getName().replaceAll("\\d+", "N"))))
                             .withStatus(201))))
                     .settings(Map.of("lift.rate-limit.limit", "2", "lift.rate-limit.key", "subject",
                             "lift.deadline.enabled", "true", "lift.idempotency.enabled", "true"))
                     .build()) {
            RouteDescriptor orders = kernel.routes().stream().filter(r -> "/orders".equals(r.template())).findFirst().orElseThrow();
            assertEquals(List.of("test-request-id", "test-auth", "rate-limit", "deadline", "idempotency"), orders.middleware());

            Map<String, String> alice = Map.of("Authorization", "Bearer alice", "Idempotency-Key", "k-1");
            JsonNode first = invoke(kernel, request("POST", "/orders", alice, "{}", null));
            assertEquals("{\"order\":1,\"thread\":\"lift-deadline-N\"}", first.get("body").asText());
            assertEquals("1", first.get("headers").get("ratelimit-remaining").asText());
            // The replay is counted by the rate limit (outside) and carries fresh quota headers.
            JsonNode replay = invoke(kernel, request("POST", "/orders", alice, "{}", null));
            assertEquals("true", replay.get("headers").get("idempotent-replayed").asText());
            assertEquals("0", replay.get("headers").get("ratelimit-remaining").asText());
            // Over the limit: refused before idempotency could replay, and never stored.
            JsonNode limited = invoke(kernel, request("POST", "/orders", alice, "{}", null));
            assertEquals(429, limited.get("statusCode").asInt());
            assertFalse(limited.get("headers").has("idempotent-replayed"));
            assertTrue(limited.get("headers").has("x-request-id"));
            // No credentials: refused by auth before any quota is spent or any key is taken.
            JsonNode anonymous = invoke(kernel, request("POST", "/orders", Map.of("Idempotency-Key", "k-2"), "{}", null));
            assertEquals(401, anonymous.get("statusCode").asInt());
            JsonNode bob = invoke(kernel, request("POST", "/orders", Map.of("Authorization", "Bearer bob", "Idempotency-Key", "k-2"),
                    "{}", null));
            assertEquals("{\"order\":2,\"thread\":\"lift-deadline-N\"}", bob.get("body").asText());
            assertEquals(2, runs.get());
            assertTrue(errors.records(java.util.logging.Level.WARNING).isEmpty(), errors.lines().toString());
        }
    }

    @Test
    void declinesUnlessEnabledAndBadSettingsOrAMissingStoreFailBootNamingWhatToChange() {
        try (LiftKernel kernel = Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter()).plugin(new IdempotencyPlugin())
                .plugin(new TestApp(r -> r.post("/orders", (req, ctx) -> HttpResponse.text("ok")))).build()) {
            assertFalse(kernel.plugins().stream().filter(p -> p.id().equals("idempotency")).findFirst().orElseThrow().active());
        }
        String[][] cases = {
            {"LIFT_IDEMPOTENCY_TTL", "0s", "lift.idempotency.ttl", "a duration from 1s to 365 days, such as 10m or PT24H"},
            {"LIFT_IDEMPOTENCY_IN_FLIGHT_TTL", "later", "lift.idempotency.in-flight-ttl", "a duration such as 300ms, 2s, 1m or PT0.3S"},
            {"LIFT_IDEMPOTENCY_METHODS", "POST,FETCH", "lift.idempotency.methods",
                "a comma-separated list of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS"},
            {"LIFT_IDEMPOTENCY_RECORD_KEY", "md5", "lift.idempotency.record-key", "one of message-id, body"},
            {"LIFT_IDEMPOTENCY_ENABLED", "yes", "lift.idempotency.enabled", "true or false"},
        };
        for (String[] c : cases) {
            Map<String, String> env = new java.util.HashMap<>(Map.of("LIFT_IDEMPOTENCY_KEY_FIELDS", "orderId"));
            env.put(c[0], c[1]);
            String message = assertThrows(LiftBootException.class, () -> Lift.builder().discover(false).environment(env)
                    .plugin(new MemoryStoreProvider()).plugin(new IdempotencyPlugin()).build().close()).getMessage();
            assertTrue(message.contains("Invalid setting " + c[2] + " (env " + c[0] + "): '" + c[1] + "' is not allowed; expected "
                    + c[3]), message);
        }
        String noStore = assertThrows(LiftBootException.class, () -> Lift.builder().discover(false)
                .environment(Map.of("LIFT_IDEMPOTENCY_ENABLED", "true")).plugin(new ApiGatewayV2Adapter())
                .plugin(new IdempotencyPlugin())
                .plugin(new TestApp(r -> r.post("/orders", (req, ctx) -> HttpResponse.text("ok")))).build().close()).getMessage();
        assertTrue(noStore.contains("The idempotency plugin needs a KeyValueStore resource to keep responses in, and none is "
                + "installed: add a store plugin such as store-memory, or set lift.idempotency.enabled "
                + "(env LIFT_IDEMPOTENCY_ENABLED) to false"), noStore);
    }
}
