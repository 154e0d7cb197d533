package dev.lift.plugins.ratelimit;

import dev.lift.plugins.testsupport.FakeClock;
import static dev.lift.plugins.ratelimit.HttpEvents.invoke;
import static dev.lift.plugins.ratelimit.HttpEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpResponse;
import dev.lift.api.Json;
import dev.lift.api.LiftException;
import dev.lift.api.RouteDescriptor;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.spi.MiddlewarePlugin;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real kernel with the HTTP API adapter and the problem-details answers, this plugin configured
 * through settings and a clock the test moves: what a client sees as its quota runs out and comes back.
 */
class RateLimitTest {

    /** Stands in for the request-id plugin: outermost, stamps every answer. */
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

    /** Stands in for an auth plugin: refuses a request without credentials, and names the subject of one with them. */
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

    private final FakeClock clock = new FakeClock(Instant.parse("2025-03-01T10:00:00Z"));
    private LiftKernel kernel;
    private LogCapture errorLog;

    @BeforeEach
    void quiet() {
        errorLog = LogCapture.on("lift.errors");
    }

    @AfterEach
    void shutDown() {
        if (kernel != null) {
            kernel.close();
        }
        errorLog.close();
    }

    private LiftKernel boot(Map<String, String> settings, MiddlewarePlugin... others) {
        Lift.Builder b = Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter())
                .plugin(new ProblemDetailsErrorStrategy())
                .plugin(new RateLimitPlugin(clock))
                .plugin(new TestApp(r -> {
                    r.get("/products", (req, ctx) -> HttpResponse.text("list"));
                    r.post("/reports", (req, ctx) -> HttpResponse.text("report")).rateLimitClass("expensive");
                    r.group("/admin", g -> g.get("/stats", (req, ctx) -> HttpResponse.text("stats"))).rateLimitClass("expensive");
                }))
                .settings(settings);
        for (MiddlewarePlugin p : others) {
            b.plugin(p);
        }
        return kernel = b.build();
    }

    private static Map<String, String> settings(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put("lift.rate-limit." + kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String headers(JsonNode response) {
        JsonNode h = response.get("headers");
        return response.get("statusCode").asInt() + " limit=" + h.path("ratelimit-limit").asText("-")
                + " remaining=" + h.path("ratelimit-remaining").asText("-") + " reset=" + h.path("ratelimit-reset").asText("-")
                + " retry-after=" + h.path("retry-after").asText("-");
    }

    @Test
    void aClientGetsLimitRequestsPerPeriodThenA429ProblemWithRetryAfterUntilTokensComeBack() throws Exception {
        boot(settings("limit", "3", "period", "1m", "store", "memory", "classes", "expensive", "class.expensive.limit", "1"));
        JsonNode ip1 = request("GET", "/products", "198.51.100.7", Map.of());
        assertEquals("200 limit=3 remaining=2 reset=20 retry-after=-", headers(invoke(kernel, ip1)));
        assertEquals("200 limit=3 remaining=1 reset=40 retry-after=-", headers(invoke(kernel, ip1)));
        assertEquals("200 limit=3 remaining=0 reset=60 retry-after=-", headers(invoke(kernel, ip1)));

        JsonNode refused = invoke(kernel, ip1);
        assertEquals("429 limit=3 remaining=0 reset=60 retry-after=20", headers(refused));
        JsonNode problem = Json.mapper().readTree(refused.get("body").asText());
        assertEquals("application/problem+json", refused.get("headers").get("content-type").asText());
        assertEquals("Too Many Requests", problem.get("title").asText());
        assertEquals(429, problem.get("status").asInt());
        assertEquals("Too many requests; retry after 20 s", problem.get("detail").asText());

        // Another client has its own bucket; a forged X-Forwarded-For does not make ip1 someone else.
        assertEquals("200 limit=3 remaining=2 reset=20 retry-after=-",
                headers(invoke(kernel, request("GET", "/products", "203.0.113.9", Map.of()))));
        assertEquals(429, invoke(kernel, request("GET", "/products", "198.51.100.7",
                Map.of("X-Forwarded-For", "10.9.8.7"))).get("statusCode").asInt());

        clock.advance(Duration.ofSeconds(20)); // one token back
        assertEquals("200 limit=3 remaining=0 reset=60 retry-after=-", headers(invoke(kernel, ip1)));
        assertEquals(429, invoke(kernel, ip1).get("statusCode").asInt());
    }

    @Test
    void routesAndGroupsOfARateLimitClassShareTheClassLimitAndOthersTheGlobalOne() {
        boot(settings("limit", "5", "class.expensive.limit", "2", "class.expensive.period", "PT1H"));
        String ip = "198.51.100.7";
        assertEquals("200 limit=2 remaining=1 reset=1800 retry-after=-",
                headers(invoke(kernel, request("POST", "/reports", ip, Map.of()))));
        assertEquals("200 limit=2 remaining=0 reset=3600 retry-after=-",
                headers(invoke(kernel, request("GET", "/admin/stats", ip, Map.of()))));
        assertEquals("429 limit=2 remaining=0 reset=3600 retry-after=1800",
                headers(invoke(kernel, request("POST", "/reports", ip, Map.of()))));
        assertEquals("200 limit=5 remaining=4 reset=12 retry-after=-",
                headers(invoke(kernel, request("GET", "/products", ip, Map.of()))));
        // The unmatched 404 is not limited and carries no quota headers.
        assertEquals("404 limit=- remaining=- reset=- retry-after=-",
                headers(invoke(kernel, request("GET", "/nothing", ip, Map.of()))));
    }

    @Test
    void keyedByJwtSubjectOneCallerIsLimitedWhereverItComesFromAndAnonymousCallersByAddress() {
        boot(settings("limit", "2", "key", "subject", "class.expensive.limit", "10"));
        assertEquals(200, invoke(kernel, HttpEvents.withClaims(request("GET", "/products", "198.51.100.1", Map.of()),
                Map.of("sub", "alice"))).get("statusCode").asInt());
        assertEquals(200, invoke(kernel, HttpEvents.withClaims(request("GET", "/products", "198.51.100.2", Map.of()),
                Map.of("sub", "alice"))).get("statusCode").asInt());
        assertEquals(429, invoke(kernel, HttpEvents.withClaims(request("GET", "/products", "198.51.100.3", Map.of()),
                Map.of("sub", "alice"))).get("statusCode").asInt());
        assertEquals(200, invoke(kernel, HttpEvents.withClaims(request("GET", "/products", "198.51.100.3", Map.of()),
                Map.of("sub", "bob"))).get("statusCode").asInt());
        // No subject: counted by address, separately from alice's quota.
        assertEquals("200 limit=2 remaining=1 reset=30 retry-after=-",
                headers(invoke(kernel, request("GET", "/products", "198.51.100.1", Map.of()))));
    }

    @Test
    void keyedByAHeaderOrByRouteTheQuotaFollowsThatValue() {
        boot(settings("limit", "1", "key", "header:X-Api-Key", "class.expensive.limit", "10"));
        assertEquals(200, invoke(kernel, request("GET", "/products", "198.51.100.1", Map.of("x-api-key", "k1"))).get("statusCode").asInt());
        assertEquals(429, invoke(kernel, request("GET", "/products", "198.51.100.2", Map.of("X-API-KEY", "k1"))).get("statusCode").asInt());
        assertEquals(200, invoke(kernel, request("GET", "/products", "198.51.100.1", Map.of("x-api-key", "k2"))).get("statusCode").asInt());
        kernel.close();

        boot(settings("limit", "1", "key", "route", "class.expensive.limit", "10"));
        assertEquals(200, invoke(kernel, request("GET", "/products", "198.51.100.1", Map.of())).get("statusCode").asInt());
        assertEquals(429, invoke(kernel, request("GET", "/products", "198.51.100.2", Map.of())).get("statusCode").asInt());
    }

    @Test
    void runsAfterRequestIdsAndAuthenticationSoRefusedCredentialsCostNoQuotaAndTheSubjectIsKnown() {
        boot(settings("limit", "1", "key", "subject", "class.expensive.limit", "10"), new TestAuth(), new RequestIdStamp());
        RouteDescriptor products = kernel.routes().stream().filter(r -> "/products".equals(r.template())).findFirst().orElseThrow();
        assertEquals(List.of("test-request-id", "test-auth", "rate-limit"), products.middleware());

        for (int i = 0; i < 3; i++) { // refused by auth before the limit: no quota used, no quota headers
            JsonNode r = invoke(kernel, request("GET", "/products", "198.51.100.1", Map.of()));
            assertEquals("401 limit=- remaining=- reset=- retry-after=-", headers(r));
            assertTrue(r.get("headers").has("x-request-id"));
        }
        JsonNode ok = invoke(kernel, request("GET", "/products", "198.51.100.1", Map.of("Authorization", "Bearer carol")));
        assertEquals("200 limit=1 remaining=0 reset=60 retry-after=-", headers(ok));
        JsonNode limited = invoke(kernel, request("GET", "/products", "198.51.100.2", Map.of("Authorization", "Bearer carol")));
        assertEquals("429 limit=1 remaining=0 reset=60 retry-after=60", headers(limited));
        assertTrue(limited.get("headers").has("x-request-id"), "the outer request-id layer sees the 429 too");
        assertEquals(200, invoke(kernel, request("GET", "/products", "198.51.100.2", Map.of("Authorization", "Bearer dave")))
                .get("statusCode").asInt());
    }

    @Test
    void declinesWhenNeitherALimitNorAClassIsConfiguredAndLeavesEveryRouteAlone() {
        boot(Map.of());
        assertFalse(kernel.plugins().stream().filter(p -> p.id().equals("rate-limit")).findFirst().orElseThrow().active());
        for (int i = 0; i < 5; i++) {
            assertEquals("200 limit=- remaining=- reset=- retry-after=-",
                    headers(invoke(kernel, request("POST", "/reports", "198.51.100.1", Map.of()))));
        }
    }
}
