package dev.lift.plugins.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.PluginInfo;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.spi.ErrorStrategy;
import dev.lift.api.EventSelector;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import dev.lift.api.Json;
import dev.lift.api.LiftApplication;
import dev.lift.api.LiftException;
import dev.lift.api.Routes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.LogCapture;

/** A real kernel with a test HTTP adapter, the problem-details strategy and a user strategy: exact responses. */
class ErrorHandlingEndToEndTest {
    private LogCapture log;

    @BeforeEach
    void captureLogs() {
        log = LogCapture.on("lift.errors");
    }

    @AfterEach
    void releaseLogs() {
        log.close();
    }

    /** A domain error of the application, mapped by its own strategy. */
    static final class OutOfStockException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String sku;

        OutOfStockException(String sku) {
            super("warehouse db row lock on sku " + sku);
            this.sku = sku;
        }
    }

    /** A user strategy added through the SPI: chosen over the default because it handles a narrower type. */
    static final class OutOfStockStrategy implements ErrorStrategy {
        @Override
        public String id() {
            return "out-of-stock";
        }

        @Override
        public int order() {
            return 2000; // later than the default: only specificity can make it win
        }

        @Override
        public Class<? extends Throwable> handles() {
            return OutOfStockException.class;
        }

        @Override
        public Optional<HttpResponse> toResponse(Throwable error, HttpRequest request, InvocationContext context) {
            LiftException e = new LiftException(409, "out_of_stock", "Out of Stock",
                    "Item " + ((OutOfStockException) error).sku + " is out of stock", false, Map.of(), List.of(), null);
            return Optional.of(ProblemDetails.toResponse(e, context.requestId(), request.path()));
        }
    }

    /** A user strategy with a bug: the kernel must still answer, with a plain 500, and log it. */
    static final class BrokenStrategy implements ErrorStrategy {
        @Override
        public String id() {
            return "broken-strategy";
        }

        @Override
        public Class<? extends Throwable> handles() {
            return UnsupportedOperationException.class;
        }

        @Override
        public Optional<HttpResponse> toResponse(Throwable error, HttpRequest request, InvocationContext context) {
            if (error.getMessage().contains("rethrow")) {
                throw (UnsupportedOperationException) error; // "not mine", the wrong way: rethrowing what it was given
            }
            if (error.getMessage().contains("assert")) {
                throw new AssertionError("strategy invariant broken");
            }
            throw new NullPointerException("strategy bug while mapping " + error.getMessage());
        }
    }

    record Order(String item, int quantity) {
    }

    private static final class App implements LiftApplication {
        @Override
        public String id() {
            return "orders-app";
        }

        @Override
        public void configure(Routes r) {
            r.get("/orders/{id}", (req, ctx) -> {
                throw LiftException.notFound("No order " + req.pathParam("id").orElseThrow());
            });
            r.get("/boom", (req, ctx) -> {
                throw new IllegalStateException("JDBC url jdbc:postgresql://db.internal/orders password=hunter2");
            });
            r.get("/stock/{sku}", (req, ctx) -> {
                throw new OutOfStockException(req.pathParam("sku").orElseThrow());
            });
            r.get("/legacy/rethrow", (req, ctx) -> {
                throw new UnsupportedOperationException("rethrow: legacy api key=sk_live_123 disabled");
            });
            r.get("/legacy/assert", (req, ctx) -> {
                throw new UnsupportedOperationException("assert: legacy api key=sk_live_123 disabled");
            });
            r.get("/legacy", (req, ctx) -> {
                throw new UnsupportedOperationException("legacy api key=sk_live_123 disabled");
            });
            r.post("/orders", Order.class, (order, req, ctx) -> HttpResponse.json(order).withStatus(201));
        }
    }

    private LiftKernel kernel;

    @AfterEach
    void close() {
        if (kernel != null) {
            kernel.close();
        }
    }

    private LiftKernel kernel() {
        kernel = Lift.builder().discover(false).environment(Map.of())
                .plugin(new TestHttpAdapter())
                .plugin(new TestRecordAdapter())
                .plugin(new ProblemDetailsErrorStrategy())
                .plugin(new RecordFailurePolicy())
                .plugin(new OutOfStockStrategy())
                .plugin(new BrokenStrategy())
                .plugin(new App())
                .setting("lift.error-records.drop", RecordFailurePolicyTest.PoisonMessage.class.getName())
                .setting("lift.error-records.fail-batch", RecordFailurePolicyTest.Fatal.class.getName())
                .build();
        return kernel;
    }

    private static final LambdaRequest LAMBDA = new LambdaRequest("8f2c9a41-0d1e-4b7a-9f61-5c3e2d1a0b9c",
            System.currentTimeMillis() + 60_000, "arn:aws:lambda:eu-central-1:123456789012:function:orders", null,
            "orders", "$LATEST", 512);

    /** The response of the test adapter: status, headers (one string each) and body text. */
    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private Answer call(String method, String path, String body) {
        return call(kernel(), method, path, body);
    }

    private static Answer call(LiftKernel kernel, String method, String path, String body) {
        ObjectNode event = Json.mapper().createObjectNode().put("method", method).put("path", path);
        if (body != null) {
            event.put("body", body);
            event.putObject("headers").put("Content-Type", "application/json");
        }
        try {
            JsonNode res = Json.mapper().readTree(kernel.invoke(Json.mapper().writeValueAsBytes(event), LAMBDA));
            Map<String, String> headers = new TreeMap<>();
            res.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
            return new Answer(res.path("status").asInt(), headers, res.path("body").asText());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final Map<String, String> PROBLEM = Map.of("Content-Type", "application/problem+json");
    private static final Map<String, String> PLAIN = Map.of("Content-Type", "application/json");

    @Test
    void aLiftNotFoundIsAnExactProblemBody() {
        assertEquals(new Answer(404, PROBLEM, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"No order 42\",\"instance\":\"/orders/42\",\"code\":\"not_found\","
                + "\"requestId\":\"8f2c9a41-0d1e-4b7a-9f61-5c3e2d1a0b9c\"}"), call("GET", "/orders/42", null));
    }

    @Test
    void aRuntimeExceptionIsAGeneric500AndTheLogHasItWithTheSameRequestId() {
        Answer a = call("GET", "/boom", null);
        List<LogRecord> records = log.records();
        List<String> lines = log.lines();
        assertEquals(new Answer(500, PROBLEM, "{\"type\":\"about:blank\",\"title\":\"Internal Server Error\",\"status\":500,"
                + "\"instance\":\"/boom\",\"code\":\"internal_error\",\"requestId\":\"8f2c9a41-0d1e-4b7a-9f61-5c3e2d1a0b9c\"}"), a);
        for (String leak : List.of("hunter2", "jdbc", "IllegalStateException", "Exception", "\tat ", "at dev.")) {
            assertFalse(a.body().contains(leak), a.body());
        }
        assertEquals(1, records.size(), "logged once, by the strategy");
        assertEquals(Level.SEVERE, records.get(0).getLevel());
        assertTrue(records.get(0).getMessage().contains("8f2c9a41-0d1e-4b7a-9f61-5c3e2d1a0b9c"), records.get(0).getMessage());
        assertTrue(records.get(0).getMessage().contains("GET /boom"), records.get(0).getMessage());
        assertTrue(lines.get(0).contains("java.lang.IllegalStateException: JDBC url jdbc:postgresql://db.internal/orders "
                + "password=hunter2"), lines.get(0));
        assertTrue(lines.get(0).contains("\tat dev.lift.plugins.problem.ErrorHandlingEndToEndTest$App.lambda$configure$"),
                lines.get(0));
    }

    @Test
    void aUserStrategyForANarrowerTypeWinsOverTheDefault() {
        assertEquals(new Answer(409, PROBLEM, "{\"type\":\"about:blank\",\"title\":\"Out of Stock\",\"status\":409,"
                + "\"detail\":\"Item sku-7 is out of stock\",\"instance\":\"/stock/sku-7\",\"code\":\"out_of_stock\","
                + "\"requestId\":\"8f2c9a41-0d1e-4b7a-9f61-5c3e2d1a0b9c\"}"), call("GET", "/stock/sku-7", null));
        assertEquals(List.of(), log.records(), "the default strategy never saw it");
    }

    @Test
    void aStrategyThatThrowsFallsBackToAPlain500ThatIsLogged() {
        Answer a = call("GET", "/legacy", null);
        // The kernel's own minimal answer: the strategy that should have answered is broken.
        assertEquals(new Answer(500, PLAIN, "{\"status\":500,\"error\":\"Internal Server Error\","
                + "\"requestId\":\"8f2c9a41-0d1e-4b7a-9f61-5c3e2d1a0b9c\"}"), a);
        assertFalse(a.body().contains("sk_live_123") || a.body().contains("strategy bug"), a.body());
        List<LogRecord> severe = log.records().stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
        assertEquals(2, severe.size(), log.lines().toString());
        assertTrue(severe.get(0).getMessage().contains("8f2c9a41-0d1e-4b7a-9f61-5c3e2d1a0b9c"), severe.get(0).getMessage());
        assertTrue(severe.get(0).getMessage().contains("'broken-strategy'"), severe.get(0).getMessage());
        assertInstanceOf(NullPointerException.class, severe.get(0).getThrown());
        assertInstanceOf(UnsupportedOperationException.class, severe.get(1).getThrown());
        assertTrue(log.lines().get(1).contains("legacy api key=sk_live_123 disabled"),
                "the original exception is in the log too: " + log.lines().get(1));
    }

    /** Rethrowing the error it was given, or throwing an Error, must not cost the client its 500. */
    @Test
    void aStrategyThatRethrowsItsErrorOrThrowsAnAssertionErrorStillGivesAPlain500() {
        String expected = "{\"status\":500,\"error\":\"Internal Server Error\","
                + "\"requestId\":\"8f2c9a41-0d1e-4b7a-9f61-5c3e2d1a0b9c\"}";
        assertEquals(new Answer(500, PLAIN, expected), call("GET", "/legacy/rethrow", null));
        List<LogRecord> severe = log.records().stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
        assertEquals(1, severe.size(), "a rethrown error is one error, logged once: " + log.lines());
        assertTrue(log.lines().get(0).contains("rethrow: legacy api key=sk_live_123 disabled"), log.lines().get(0));

        assertEquals(new Answer(500, PLAIN, expected), call("GET", "/legacy/assert", null));
        severe = log.records().stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
        assertEquals(3, severe.size(), log.lines().toString());
        assertInstanceOf(AssertionError.class, severe.get(1).getThrown());
        assertInstanceOf(UnsupportedOperationException.class, severe.get(2).getThrown());
    }

    @Test
    void typedBodiesAre400ForBrokenJsonAnd422ForMissingOrWrongFields() {
        assertEquals(new Answer(400, PROBLEM, "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"The request body is not valid JSON at line 2, column 14\",\"instance\":\"/orders\","
                + "\"code\":\"bad_request\",\"requestId\":\"8f2c9a41-0d1e-4b7a-9f61-5c3e2d1a0b9c\"}"),
                call("POST", "/orders", "{\"item\":\"pen\",\n \"quantity\": }"));
        assertEquals(new Answer(422, PROBLEM, "{\"type\":\"about:blank\",\"title\":\"Unprocessable Content\",\"status\":422,"
                + "\"detail\":\"The request body has 1 invalid field\",\"instance\":\"/orders\","
                + "\"code\":\"unprocessable_content\",\"requestId\":\"8f2c9a41-0d1e-4b7a-9f61-5c3e2d1a0b9c\","
                + "\"errors\":[{\"field\":\"quantity\",\"message\":\"must be a number\"}]}"),
                call("POST", "/orders", "{\"item\":\"pen\",\"quantity\":\"many\"}"));
        assertEquals(new Answer(422, PROBLEM, "{\"type\":\"about:blank\",\"title\":\"Unprocessable Content\",\"status\":422,"
                + "\"detail\":\"The request body has 1 invalid field\",\"instance\":\"/orders\","
                + "\"code\":\"unprocessable_content\",\"requestId\":\"8f2c9a41-0d1e-4b7a-9f61-5c3e2d1a0b9c\","
                + "\"errors\":[{\"field\":\"quantity\",\"message\":\"is required\"}]}"),
                call("POST", "/orders", "{\"item\":\"pen\"}"));
        assertEquals(201, call("POST", "/orders", "{\"item\":\"pen\",\"quantity\":2}").status());
    }

    @Test
    void theKernelsOwnRoutingErrorsGetTheSameShape() {
        Answer a = call("DELETE", "/orders", null);
        assertEquals(405, a.status());
        assertEquals("POST", a.headers().get("Allow"));
        assertEquals("application/problem+json", a.headers().get("Content-Type"));
        assertTrue(a.body().startsWith("{\"type\":\"about:blank\",\"title\":\"Method Not Allowed\",\"status\":405,"), a.body());
        assertEquals(404, call("GET", "/nothing/here", null).status());
    }

    private String batch(String... bodies) {
        StringBuilder sb = new StringBuilder("{\"records\":[");
        for (int i = 0; i < bodies.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"m").append(i + 1).append("\",\"body\":\"").append(bodies[i]).append("\"}");
        }
        return new String(kernel.invoke(sb.append("]}").toString().getBytes(StandardCharsets.UTF_8), LAMBDA),
                StandardCharsets.UTF_8);
    }

    private LiftKernel recordKernel() {
        kernel = Lift.builder().discover(false).environment(Map.of())
                .plugin(new TestRecordAdapter())
                .plugin(new RecordFailurePolicy())
                .plugin(new RecordApp())
                .setting("lift.error-records.drop", RecordFailurePolicyTest.PoisonMessage.class.getName())
                .setting("lift.error-records.fail-batch", RecordFailurePolicyTest.Fatal.class.getName())
                .build();
        return kernel;
    }

    private static final class RecordApp implements LiftApplication {
        @Override
        public String id() {
            return "records-app";
        }

        @Override
        public void configure(Routes r) {
            r.onRecord(EventSelector.any(TestRecordAdapter.Msg.class), (m, ctx) -> {
                switch (m.body()) {
                    case "poison":
                        throw new RecordFailurePolicyTest.PoisonMessage("cannot parse " + m.id());
                    case "fatal":
                        throw new RecordFailurePolicyTest.SchemaMismatch();
                    case "flaky":
                        throw new IllegalStateException("timeout talking to inventory");
                    default:
                }
            });
        }
    }

    @Test
    void recordsArePoisonDroppedFlakyReportedAndFatalFailTheBatch() {
        recordKernel();
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m3\"}]}", batch("ok", "poison", "flaky", "ok"));
        List<java.util.logging.LogRecord> severe = log.records().stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
        assertEquals(1, severe.size(), "the dropped record is logged once: " + log.lines());
        assertEquals("Request 8f2c9a41-0d1e-4b7a-9f61-5c3e2d1a0b9c: record m2 of test-records failed with "
                + "dev.lift.plugins.problem.RecordFailurePolicyTest$PoisonMessage and error strategy 'error-records' "
                + "dropped it; it will not be retried", severe.get(0).getMessage());
        assertInstanceOf(RecordFailurePolicyTest.PoisonMessage.class, severe.get(0).getThrown());

        RuntimeException failed = assertThrows(RuntimeException.class, () -> batch("ok", "fatal", "ok"));
        assertInstanceOf(RecordFailurePolicyTest.SchemaMismatch.class, failed.getCause());
    }

    @Test
    void withoutTheRecordPolicyEveryFailedRecordIsReported() {
        kernel = Lift.builder().discover(false).environment(Map.of()).plugin(new TestRecordAdapter())
                .plugin(new RecordFailurePolicy()).plugin(new RecordApp()).build();
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"},{\"itemIdentifier\":\"m3\"}]}",
                batch("ok", "poison", "flaky"));
    }

    /** The strategies are found through META-INF/services, like any plugin jar dropped on the class path. */
    @Test
    void theStrategiesAreDiscoveredFromTheirServicesFileAndTakeTheirSettings() {
        kernel = Lift.builder().environment(Map.of())
                .plugin(new TestHttpAdapter())
                .plugin(new App())
                .setting("lift.error-problem-details.type-base", "https://errors.example.com/problems/")
                .build();
        PluginInfo strategy = kernel.plugins().stream().filter(p -> p.id().equals("error-problem-details")).findFirst()
                .orElseThrow(() -> new AssertionError("not discovered: " + kernel.plugins()));
        assertTrue(strategy.active());
        assertTrue(strategy.source().contains("error-problem-details"), strategy.source());
        assertEquals(new Answer(404, PROBLEM, "{\"type\":\"https://errors.example.com/problems/not_found\","
                + "\"title\":\"Not Found\",\"status\":404,\"detail\":\"No route matches GET /nothing\","
                + "\"instance\":\"/nothing\",\"code\":\"not_found\",\"requestId\":\"8f2c9a41-0d1e-4b7a-9f61-5c3e2d1a0b9c\"}"),
                call(kernel, "GET", "/nothing", null));
    }
}
