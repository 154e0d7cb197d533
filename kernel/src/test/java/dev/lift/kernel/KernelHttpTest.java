package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.kernel.testing.Responses;
import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestHttpAdapter;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class KernelHttpTest {

    record Item(String name, int quantity) {
    }

    private static LiftKernel kernel(Consumer<dev.lift.api.Routes> routes) {
        return Lift.builder().discover(false).plugin(new TestHttpAdapter()).plugin(new TestApp(routes)).build();
    }

    private static JsonNode call(LiftKernel k, String method, String path, String body, String... headers) {
        return Responses.parse(k.invoke(TestHttpAdapter.request(method, path, body, headers), request("req-1")));
    }

    static LambdaRequest request(String id) {
        return new LambdaRequest(id, System.currentTimeMillis() + 10_000, "arn:aws:lambda:us-east-1:1:function:f",
                null, "f", "$LATEST", 512);
    }

    @Test
    void routeWithParametersReturnsJson() {
        LiftKernel k = kernel(r -> r.get("/users/{id}/orders/{orderId}",
                (req, ctx) -> Map.of("user", req.pathParam("id").orElseThrow(),
                        "order", req.pathParam("orderId").orElseThrow(), "route", req.route().orElseThrow())));
        JsonNode res = call(k, "GET", "/users/7/orders/x1", null);
        assertEquals(200, res.get("status").asInt());
        assertEquals("application/json", res.at("/headers/Content-Type/0").asText());
        assertEquals("{\"user\":\"7\",\"order\":\"x1\",\"route\":\"/users/{id}/orders/{orderId}\"}",
                sortedJson(res.get("body").asText(), "user", "order", "route"));
    }

    private static String sortedJson(String json, String... keys) {
        JsonNode n = Responses.parse(json.getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < keys.length; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(keys[i]).append("\":").append(n.get(keys[i]));
        }
        return sb.append('}').toString();
    }

    @Test
    void unknownPathIs404ProblemAndWrongMethodIs405WithAllow() {
        LiftKernel k = kernel(r -> r.get("/items", (req, ctx) -> "list").post("/items", (req, ctx) -> "made"));
        JsonNode missing = call(k, "GET", "/nope", null);
        assertEquals(404, missing.get("status").asInt());
        // Without the problem-details plugin the kernel answers in its own small JSON shape.
        assertEquals("application/json", missing.at("/headers/Content-Type/0").asText());
        assertEquals("{\"status\":404,\"error\":\"Not Found\",\"detail\":\"No route matches GET /nope\","
                + "\"requestId\":\"req-1\"}", missing.get("body").asText());

        JsonNode wrong = call(k, "DELETE", "/items", null);
        assertEquals(405, wrong.get("status").asInt());
        assertEquals("GET, HEAD, POST", wrong.at("/headers/Allow/0").asText());
        assertTrue(wrong.get("body").asText().contains("\"status\":405"));
    }

    @Test
    void headIsServedByGetWithoutBody() {
        LiftKernel k = kernel(r -> r.get("/items", (req, ctx) -> HttpResponse.text("hello").header("X-Count", "1")));
        JsonNode res = call(k, "HEAD", "/items", null);
        assertEquals(200, res.get("status").asInt());
        assertEquals("1", res.at("/headers/X-Count/0").asText());
        assertEquals("", res.get("body").asText());
    }

    @Test
    void typedBodyIsDecodedAndReturnValueWrittenAsJson() {
        LiftKernel k = kernel(r -> r.post("/items", Item.class,
                (item, req, ctx) -> HttpResponse.json(new Item(item.name().toUpperCase(), item.quantity() * 2)).withStatus(201)));
        JsonNode ok = call(k, "POST", "/items", "{\"name\":\"pen\",\"quantity\":2}", "Content-Type", "application/json");
        assertEquals(201, ok.get("status").asInt());
        assertEquals("{\"name\":\"PEN\",\"quantity\":4}", ok.get("body").asText());

        JsonNode broken = call(k, "POST", "/items", "{\"name\":", "Content-Type", "application/json");
        assertEquals(400, broken.get("status").asInt());
        assertTrue(broken.get("body").asText().contains("The request body is not valid JSON at line 1, column 9"),
                broken.get("body").asText());

        JsonNode wrongType = call(k, "POST", "/items", "{\"name\":\"pen\",\"quantity\":\"many\"}");
        assertEquals(422, wrongType.get("status").asInt());
        assertTrue(wrongType.get("body").asText().contains("\"errors\":[{\"field\":\"quantity\""),
                wrongType.get("body").asText());

        JsonNode xml = call(k, "POST", "/items", "<item/>", "Content-Type", "application/xml");
        assertEquals(415, xml.get("status").asInt());
    }

    @Test
    void aTypedBodyIsReadOnlyWhenTheMediaTypeItselfIsJsonNotWhenAParameterSaysJson() {
        LiftKernel k = kernel(r -> r.post("/items", Item.class, (item, req, ctx) -> item.name()));
        String body = "{\"name\":\"pen\",\"quantity\":2}";
        for (String refused : List.of("text/plain; a=json", "text/json", "application/jsonx", "application/+json",
                "text/plain; charset=utf-8; profile=application/json", "multipart/form-data; boundary=json")) {
            JsonNode res = call(k, "POST", "/items", body, "Content-Type", refused);
            assertEquals(415, res.get("status").asInt(), refused);
        }
        for (String accepted : List.of("application/json", "application/json; charset=utf-8", "Application/JSON;charset=UTF-8",
                "application/merge-patch+json", "application/vnd.api+json; charset=utf-8")) {
            JsonNode res = call(k, "POST", "/items", body, "Content-Type", accepted);
            assertEquals(200, res.get("status").asInt(), accepted);
            assertEquals("pen", res.get("body").asText(), accepted);
        }
    }

    @Test
    void aProtectedRouteFailsClosedWith401WhenNoPluginEnforcesAuthentication() {
        CapturingHandler logs = CapturingHandler.install("lift.kernel");
        try {
            LiftKernel k = kernel(r -> r.get("/open", (req, ctx) -> "open")
                    .get("/mine", (req, ctx) -> "secret").authenticated()
                    .group("/admin", g -> g.get("/stats", (req, ctx) -> "stats")).scopes("admin"));
            assertEquals("open", call(k, "GET", "/open", null).get("body").asText());
            for (String path : List.of("/mine", "/admin/stats")) {
                JsonNode res = call(k, "GET", path, null, "Authorization", "Bearer anything");
                assertEquals(401, res.get("status").asInt(), path);
                assertFalse(res.get("body").asText().contains("secret") || res.get("body").asText().contains("stats"));
                assertEquals("Bearer", res.at("/headers/WWW-Authenticate/0").asText(), res.toString());
            }
            assertTrue(logs.records.stream().anyMatch(r -> r.getLevel() == java.util.logging.Level.WARNING
                    && r.getMessage().contains("GET /mine") && r.getMessage().contains("GET /admin/stats")),
                    "boot warns about the unguarded routes");
        } finally {
            logs.uninstall();
        }
    }

    @Test
    void uncaughtExceptionIs500WithRequestIdOnlyAndTheLogHasEverything() {
        CapturingHandler logs = CapturingHandler.install("lift.errors");
        try {
            LiftKernel k = kernel(r -> r.get("/boom", (req, ctx) -> {
                throw new IllegalStateException("database password=hunter2 rejected");
            }));
            JsonNode res = call(k, "GET", "/boom", null);
            assertEquals(500, res.get("status").asInt());
            String body = res.get("body").asText();
            assertEquals("{\"status\":500,\"error\":\"Internal Server Error\",\"requestId\":\"req-1\"}", body);
            assertFalse(body.contains("hunter2") || body.contains("IllegalStateException") || body.contains("at dev."));
            LogRecord logged = logs.records.get(0);
            assertTrue(logged.getMessage().contains("req-1"), logged.getMessage());
            assertEquals("database password=hunter2 rejected", logged.getThrown().getMessage());
        } finally {
            logs.uninstall();
        }
    }

    @Test
    void aStackOverflowInAHandlerIsALogged500AndOtherVmErrorsStillPropagate() {
        CapturingHandler logs = CapturingHandler.install("lift.errors");
        try {
            LiftKernel k = kernel(r -> r
                    .get("/deep", (req, ctx) -> {
                        throw new StackOverflowError();
                    })
                    .get("/oom", (req, ctx) -> {
                        throw new OutOfMemoryError("simulated");
                    }));
            JsonNode res = call(k, "GET", "/deep", null);
            assertEquals(500, res.get("status").asInt());
            assertEquals("{\"status\":500,\"error\":\"Internal Server Error\",\"requestId\":\"req-1\"}",
                    res.get("body").asText());
            assertEquals(1, logs.records.size(), logs.records.toString());
            assertTrue(logs.records.get(0).getMessage().contains("req-1"), logs.records.get(0).getMessage());
            assertTrue(logs.records.get(0).getThrown() instanceof StackOverflowError);
            // The JVM is out of memory: no answer is trusted, the runtime must restart it.
            assertThrows(OutOfMemoryError.class, () -> call(k, "GET", "/oom", null));
        } finally {
            logs.uninstall();
        }
    }

    @Test
    void clientErrorsThrownByHandlersKeepTheirStatusAndHeaders() {
        LiftKernel k = kernel(r -> r.get("/secret", (req, ctx) -> {
            throw LiftException.unauthorized("A bearer token is required", "Bearer realm=\"api\"");
        }));
        JsonNode res = call(k, "GET", "/secret", null);
        assertEquals(401, res.get("status").asInt());
        assertEquals("Bearer realm=\"api\"", res.at("/headers/WWW-Authenticate/0").asText());
    }

    @Test
    void malformedEventForAnHttpAdapterIs400Problem() {
        LiftKernel k = kernel(r -> { });
        JsonNode res = Responses.parse(k.invoke("{\"test\":\"http\",\"method\":\"GET\"}".getBytes(StandardCharsets.UTF_8),
                request("req-9")));
        assertEquals(400, res.get("status").asInt());
        assertTrue(res.get("body").asText().contains("\"detail\":\"path is missing\""));
    }

    @Test
    void anEventNoAdapterClaimsIsDescribedByItsShapeAndTheNumberOfAdapters() {
        LiftKernel k = kernel(r -> { });
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> k.invoke("{\"foo\":1,\"bar\":{}}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("No installed adapter recognises this event (a JSON object with 2 top-level field(s)); "
                + "1 adapter(s) are installed (`lift plugins` lists them): add the adapter plugin for this event's "
                + "source", e.getMessage());
    }

    @Test
    void withZeroPluginsBootWorksAndAnEventSaysWhatIsMissing() {
        LiftKernel k = Lift.builder().discover(false).build();
        assertEquals(dev.lift.spi.LifecycleState.READY, k.state());
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> k.invoke("{\"Records\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("No event adapter is installed, so Lift cannot handle this event "
                + "(a JSON object with 1 top-level field(s))"), e.getMessage());
        RuntimeException notJson = assertThrows(RuntimeException.class,
                () -> k.invoke("{oops".getBytes(StandardCharsets.UTF_8)));
        assertTrue(notJson.getMessage().startsWith("The event is not valid JSON"), notJson.getMessage());
    }

    @Test
    void invocationContextCarriesLambdaFactsAndColdStartOnlyOnce() {
        LiftKernel k = kernel(r -> r.get("/ctx", (req, ctx) -> Map.of("id", ctx.requestId(), "cold", ctx.coldStart(),
                "fn", ctx.functionName(), "mem", ctx.memoryLimitMb(), "left", ctx.remainingTime().toMillis() > 0)));
        JsonNode first = Responses.parse(call(k, "GET", "/ctx", null).get("body").asText().getBytes(StandardCharsets.UTF_8));
        JsonNode second = Responses.parse(call(k, "GET", "/ctx", null).get("body").asText().getBytes(StandardCharsets.UTF_8));
        assertEquals("req-1", first.get("id").asText());
        assertTrue(first.get("cold").asBoolean());
        assertFalse(second.get("cold").asBoolean());
        assertEquals("f", first.get("fn").asText());
        assertEquals(512, first.get("mem").asInt());
        assertTrue(first.get("left").asBoolean());
    }

    /** Captures java.util.logging records of one logger (System.Logger's default backend). */
    static final class CapturingHandler extends Handler {
        final List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Logger logger;

        private CapturingHandler(Logger logger) {
            this.logger = logger;
        }

        static CapturingHandler install(String name) {
            Logger l = Logger.getLogger(name);
            CapturingHandler h = new CapturingHandler(l);
            l.addHandler(h);
            return h;
        }

        void uninstall() {
            logger.removeHandler(this);
        }

        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
