package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.kernel.testing.Responses;
import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestHttpAdapter;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpResponse;
import dev.lift.api.RouteDescriptor;
import dev.lift.spi.MiddlewarePlugin;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MiddlewareTest {

    private final List<String> trace = new CopyOnWriteArrayList<>();

    private HttpMiddleware named(String name) {
        return (request, ctx, next) -> {
            trace.add(name + ">");
            try {
                HttpResponse r = next.proceed();
                trace.add("<" + name + ":" + r.statusCode());
                r.addHeader("X-Through", name);
                return r;
            } finally {
                trace.add("end " + name);
            }
        };
    }

    private final class GlobalPlugin implements MiddlewarePlugin {
        private final String id;
        private final int order;

        GlobalPlugin(String id, int order) {
            this.id = id;
            this.order = order;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public HttpMiddleware http(RouteDescriptor route) {
            return named(id);
        }
    }

    private JsonNode call(LiftKernel k, String method, String path) {
        return Responses.parse(k.invoke(TestHttpAdapter.request(method, path, null)));
    }

    @Test
    void globalThenGroupThenRouteBeforeInOrderAfterInReverse() {
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter())
                .plugin(new GlobalPlugin("mw-second", 20)).plugin(new GlobalPlugin("mw-first", 10))
                .plugin(new TestApp(r -> r.group("/admin", g -> g.get("/users", (req, ctx) -> {
                    trace.add("handler");
                    return "ok";
                }, named("route")), named("group")))).build();
        JsonNode res = call(k, "GET", "/admin/users");
        assertEquals(List.of("mw-first>", "mw-second>", "group>", "route>", "handler",
                "<route:200", "end route", "<group:200", "end group", "<mw-second:200", "end mw-second",
                "<mw-first:200", "end mw-first"), trace);
        assertEquals("[\"route\",\"group\",\"mw-second\",\"mw-first\"]", res.at("/headers/X-Through").toString());
        assertEquals(List.of("mw-first", "mw-second", "MiddlewareTest (lambda)", "MiddlewareTest (lambda)"),
                k.routes().get(0).middleware());
    }

    @Test
    void groupMiddlewareDoesNotApplyOutsideItsGroup() {
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter())
                .plugin(new TestApp(r -> r
                        .group("/admin", g -> g.get("/stats", (req, ctx) -> "secret"), named("auth"))
                        .get("/public", (req, ctx) -> "hello"))).build();
        JsonNode pub = call(k, "GET", "/public");
        assertEquals("hello", pub.get("body").asText());
        assertEquals(List.of(), trace);
        JsonNode admin = call(k, "GET", "/admin/stats");
        assertEquals("[\"auth\"]", admin.at("/headers/X-Through").toString());
    }

    @Test
    void shortCircuitSkipsInnerLayersAndTheHandler() {
        HttpMiddleware deny = (request, ctx, next) -> HttpResponse.status(403).textBody("no");
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter())
                .plugin(new TestApp(r -> r.get("/x", (req, ctx) -> {
                    trace.add("handler");
                    return "ok";
                }, named("outer"), deny, named("inner")))).build();
        JsonNode res = call(k, "GET", "/x");
        assertEquals(403, res.get("status").asInt());
        assertEquals(List.of("outer>", "<outer:403", "end outer"), trace);
    }

    @Test
    void afterPartRunsWithAnErrorResponseWhenTheHandlerThrows() {
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter())
                .plugin(new TestApp(r -> r.get("/x", (req, ctx) -> {
                    throw new IllegalStateException("boom");
                }, named("outer")))).build();
        JsonNode res = call(k, "GET", "/x");
        assertEquals(500, res.get("status").asInt());
        assertEquals(List.of("outer>", "<outer:500", "end outer"), trace);
        assertEquals("[\"outer\"]", res.at("/headers/X-Through").toString());
    }

    @Test
    void globalMiddlewareAlsoWrapsNotFound() {
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter())
                .plugin(new GlobalPlugin("cors", 1)).plugin(new TestApp(r -> { })).build();
        JsonNode res = call(k, "GET", "/missing");
        assertEquals(404, res.get("status").asInt());
        assertEquals(List.of("cors>", "<cors:404", "end cors"), trace);
    }
}
