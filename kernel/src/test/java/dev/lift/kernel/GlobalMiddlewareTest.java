package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.EventSelector;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import dev.lift.api.RecordMiddleware;
import dev.lift.api.RouteAttributes;
import dev.lift.api.RouteDescriptor;
import dev.lift.kernel.testing.Responses;
import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestHttpAdapter;
import dev.lift.kernel.testing.TestRecordAdapter;
import dev.lift.kernel.testing.TestRecordAdapter.TestRecord;
import dev.lift.spi.MiddlewarePlugin;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Global middleware plugins as plugin authors write them: one that reads route attributes at boot
 * and per request (an access check by scopes), and one that puts a header on every HTTP answer,
 * including those no route produced.
 */
class GlobalMiddlewareTest {

    /** Requires the route's scopes in an {@code X-Scopes} header; builds a check only for routes that need one. */
    static final class ScopeCheck implements MiddlewarePlugin {
        final Map<String, Set<String>> askedAtBoot = new ConcurrentHashMap<>();

        @Override
        public String id() {
            return "scope-check";
        }

        @Override
        public int order() {
            return SECURITY + 10;
        }

        @Override
        public boolean enforcesAuthentication() {
            return true;
        }

        @Override
        public HttpMiddleware http(RouteDescriptor route) {
            askedAtBoot.put(String.valueOf(route), route.attributes().scopes());
            if (!route.attributes().authenticated()) {
                return null; // nothing to check on this route: no layer at all
            }
            Set<String> required = route.attributes().scopes();
            return (request, ctx, next) -> {
                Set<String> held = Set.of(request.header("X-Scopes").orElse("").split(" "));
                if (request.header("X-Scopes").isEmpty()) {
                    throw LiftException.unauthorized("A token is required", "Bearer");
                }
                if (!held.containsAll(required)) {
                    throw LiftException.forbidden("Scopes " + ctx.route().attributes().scopes() + " are required");
                }
                return next.proceed();
            };
        }

        @Override
        public RecordMiddleware<Object> record(RouteDescriptor route) {
            return route.attributes().get(RouteAttributes.TAGS).orElse(Set.of()).contains("audited")
                    ? (record, ctx, next) -> {
                        ctx.attribute("audited-by", id() + " for " + ctx.route().template());
                        next.proceed();
                    }
                    : null;
        }
    }

    /** Puts security headers on every HTTP answer: the outermost, observability-band kind of plugin. */
    static final class SecurityHeaders implements MiddlewarePlugin {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "security-headers";
        }

        @Override
        public int order() {
            return OBSERVABILITY;
        }

        @Override
        public HttpMiddleware http(RouteDescriptor route) {
            return (request, ctx, next) -> {
                HttpResponse response = next.proceed();
                seen.add(ctx.route().handler() + " " + response.statusCode());
                return response.header("X-Frame-Options", "DENY");
            };
        }
    }

    private static JsonNode call(LiftKernel k, String method, String path, String... headers) {
        return Responses.parse(k.invoke(TestHttpAdapter.request(method, path, null, headers)));
    }

    @Test
    void routeAndGroupAttributesAreReadAtBootAndPerRequest() {
        ScopeCheck scopes = new ScopeCheck();
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter()).plugin(scopes)
                .plugin(new SecurityHeaders())
                .plugin(new TestApp(r -> r
                        .get("/public", (req, ctx) -> "hello " + ctx.route().attributes().get(RouteAttributes.SUMMARY).orElse("?"))
                        .summary("greeting")
                        .group("/admin", g -> g
                                .get("/stats", (req, ctx) -> "stats")
                                .get("/users", (req, ctx) -> "users").scopes("admin", "users:read")).scopes("admin")))
                .build();

        assertEquals(Map.of("GET /public", Set.of(), "GET /admin/stats", Set.of("admin"),
                "GET /admin/users", Set.of("admin", "users:read"), "(unmatched no_route)", Set.of(),
                "(unmatched undecodable)", Set.of(), "(unmatched stopping)", Set.of()), scopes.askedAtBoot);
        assertEquals("hello greeting", call(k, "GET", "/public").get("body").asText());
        assertEquals(401, call(k, "GET", "/admin/stats").get("status").asInt());
        assertEquals(200, call(k, "GET", "/admin/stats", "X-Scopes", "admin").get("status").asInt());
        JsonNode forbidden = call(k, "GET", "/admin/users", "X-Scopes", "admin");
        assertEquals(403, forbidden.get("status").asInt());
        assertTrue(forbidden.get("body").asText().contains("Scopes [admin, users:read] are required")
                || forbidden.get("body").asText().contains("Scopes [users:read, admin] are required"), forbidden.toString());
        assertEquals("DENY", forbidden.at("/headers/X-Frame-Options/0").asText(), "an error answer passes through the outer layer");
        assertEquals(200, call(k, "GET", "/admin/users", "X-Scopes", "users:read admin").get("status").asInt());

        // lift routes: each route's compiled chain, outermost first; a plugin that returned null is absent.
        Map<String, List<String>> chains = new java.util.LinkedHashMap<>();
        for (RouteDescriptor d : k.routes()) {
            chains.put(d.toString(), d.middleware());
        }
        assertEquals(List.of("security-headers"), chains.get("GET /public"));
        assertEquals(List.of("security-headers", "scope-check"), chains.get("GET /admin/users"));
        assertEquals(Set.of("admin", "users:read"), k.routes().get(2).attributes().scopes());
    }

    @Test
    void recordHandlersHaveADescriptorWithAttributesThatRecordMiddlewareReads() {
        Map<String, Object> seen = new ConcurrentHashMap<>();
        LiftKernel k = Lift.builder().discover(false).plugin(new TestRecordAdapter()).plugin(new ScopeCheck())
                .plugin(new TestApp(r -> r.onRecord(EventSelector.any(TestRecord.class), (rec, ctx) -> {
                    seen.put(rec.id(), ctx.attribute("audited-by").orElse("none") + " / " + ctx.route().kind());
                }).tags("audited"))).build();
        k.invoke(TestRecordAdapter.batch("q", false, true, "a"));
        assertEquals(Map.of("1", "scope-check for any TestRecord / RECORD"), seen);
        assertEquals(List.of("scope-check"), k.routes().get(0).middleware());
    }

    @Test
    void everyHttpAnswerPassesThroughGlobalMiddlewareNotFoundNotAllowedUndecodableAndStopping() throws Exception {
        SecurityHeaders headers = new SecurityHeaders();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter()).plugin(headers)
                .setting("lift.kernel.drain-time", "10s")
                .plugin(new TestApp(r -> r.get("/items", (req, ctx) -> "items").get("/hold", (req, ctx) -> {
                    entered.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return "held";
                }))).build();

        JsonNode notFound = call(k, "GET", "/nope");
        assertEquals(404, notFound.get("status").asInt());
        assertEquals("DENY", notFound.at("/headers/X-Frame-Options/0").asText());

        JsonNode notAllowed = call(k, "DELETE", "/items");
        assertEquals(405, notAllowed.get("status").asInt());
        assertEquals("GET, HEAD", notAllowed.at("/headers/Allow/0").asText());
        assertEquals("DENY", notAllowed.at("/headers/X-Frame-Options/0").asText());

        JsonNode undecodable = Responses.parse(k.invoke("{\"test\":\"http\",\"method\":\"GET\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, undecodable.get("status").asInt());
        assertTrue(undecodable.get("body").asText().contains("path is missing"), undecodable.toString());
        assertEquals("DENY", undecodable.at("/headers/X-Frame-Options/0").asText());

        // Threads of their own: the common pool may have a single thread on a small machine.
        CompletableFuture<byte[]> held = new CompletableFuture<>();
        new Thread(() -> held.complete(k.invoke(TestHttpAdapter.request("GET", "/hold", null))), "held").start();
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> stopping = new CompletableFuture<>();
        new Thread(() -> {
            k.shutdown();
            stopping.complete(null);
        }, "stopping").start();
        for (int i = 0; i < 2000 && k.state() != dev.lift.spi.LifecycleState.STOPPING; i++) {
            Thread.sleep(5);
        }
        assertEquals(dev.lift.spi.LifecycleState.STOPPING, k.state());
        KernelHttpTest.CapturingHandler errors = KernelHttpTest.CapturingHandler.install("lift.errors");
        JsonNode refused;
        try {
            refused = call(k, "GET", "/items");
        } finally {
            errors.uninstall();
        }
        assertEquals(503, refused.get("status").asInt());
        assertEquals(List.of(), errors.records, "refusing while stopping is no error to log");
        assertEquals("DENY", refused.at("/headers/X-Frame-Options/0").asText());
        release.countDown();
        assertEquals("held", Responses.parse(held.get(10, TimeUnit.SECONDS)).get("body").asText());
        stopping.get(10, TimeUnit.SECONDS);

        assertEquals(List.of("no_route 404", "no_route 405", "undecodable 400", "stopping 503",
                "GlobalMiddlewareTest (lambda) 200"), headers.seen);
        assertFalse(k.routes().isEmpty());
    }
}
