package dev.lift.plugins.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.HttpResponse;
import dev.lift.api.RouteDescriptor;
import dev.lift.events.SqsMessage;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftBootException;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.requestid.RequestIdPlugin;
import dev.lift.plugins.sqs.SqsAdapter;
import dev.lift.plugins.testsupport.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The logging plugin in a real kernel with the request-id plugin, the real HTTP API and SQS
 * sample events and handlers that log through {@link System.Logger}: every line parsed as JSON.
 */
class LoggingPluginTest {

    private static final System.Logger LOG = System.getLogger("orders");

    private final LogLines log = new LogLines();
    private LiftKernel kernel;

    @AfterEach
    void close() {
        if (kernel != null) {
            kernel.close();
        }
    }

    private LiftKernel boot(String... settings) {
        Map<String, String> s = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            s.put(settings[i], settings[i + 1]);
        }
        return Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter()).plugin(new SqsAdapter())
                .plugin(new RequestIdPlugin()).plugin(new LoggingPlugin(log.out))
                .plugin(new TestApp(r -> {
                    r.get("/orders/{id}", (req, ctx) -> {
                        LOG.log(System.Logger.Level.INFO, "loading order " + req.pathParam("id").orElseThrow());
                        LOG.log(System.Logger.Level.DEBUG, "order cache miss");
                        return HttpResponse.text("ok");
                    });
                    r.get("/fail", (req, ctx) -> {
                        throw new IllegalStateException("database down\n{\"level\":\"ERROR\",\"message\":\"forged\"}");
                    });
                    r.get("/secret", (req, ctx) -> {
                        LOG.log(System.Logger.Level.WARNING, "upstream refused Authorization: Bearer eyJhbGciOi.abc.def and "
                                + "password=hunter2, api token \"secret_key\":\"s3cr3t\"");
                        return HttpResponse.text("ok");
                    });
                    r.get("/health", (req, ctx) -> HttpResponse.text("up")).attribute(LoggingPlugin.ACCESS_LOG, false);
                    r.get("/debug", (req, ctx) -> {
                        LOG.log(System.Logger.Level.DEBUG, "debugging this route");
                        return HttpResponse.text("ok");
                    }).attribute(LoggingPlugin.LEVEL, "debug");
                    r.onRecord(SqsMessage.any(), (msg, ctx) -> {
                        LOG.log(System.Logger.Level.INFO, "record " + msg.messageId());
                        if (msg.body().startsWith("poison")) {
                            throw new IllegalArgumentException("not an order");
                        }
                    });
                }))
                .settings(s).build();
    }

    private int get(String path, Map<String, String> headers, String lambdaId) {
        byte[] response = kernel.invoke(HttpEvents.http("GET", path, headers), HttpEvents.lambda(lambdaId));
        return HttpEvents.parse(response).get("statusCode").asInt();
    }

    @Test
    void handlerLinesAndTheAccessLineCarryTheInvocationsIdsInTheGlobalOrder() {
        kernel = boot("lift.logging.service", "orders-api");
        assertEquals(200, get("/orders/42", Map.of("x-request-id", "corr-1"), "lambda-1"));

        RouteDescriptor route = kernel.routes().stream().filter(r -> "/orders/{id}".equals(r.template())).findFirst()
                .orElseThrow();
        assertEquals(List.of("request-id", "logging"), route.middleware());

        List<JsonNode> lines = log.json();
        assertEquals(2, lines.size(), log.text()); // INFO: the DEBUG line is not written
        JsonNode handler = lines.get(0);
        assertEquals("loading order 42", handler.get("message").asText());
        assertEquals("INFO", handler.get("level").asText());
        assertEquals("orders", handler.get("logger").asText());
        assertEquals("orders-api", handler.get("service").asText());
        assertTrue(handler.get("cold_start").asBoolean());
        assertEquals("orders", handler.get("function_name").asText());
        assertEquals("lambda-1", handler.get("function_request_id").asText());
        assertEquals("1-5759e988-bd862e3fe1be46a994272793", handler.get("xray_trace_id").asText());
        assertEquals("corr-1", handler.get("correlation_id").asText());
        assertTrue(handler.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                handler.get("timestamp").asText());

        JsonNode access = lines.get(1);
        assertEquals("GET /orders/{id} 200", access.get("message").asText());
        assertEquals("lift.logging", access.get("logger").asText());
        assertEquals("http", access.get("kind").asText());
        assertEquals("GET", access.get("method").asText());
        assertEquals("/orders/{id}", access.get("route").asText());
        assertEquals(200, access.get("status").asInt());
        assertTrue(access.get("latency_ms").isNumber() && access.get("latency_ms").asDouble() >= 0, access.toString());
        assertEquals("corr-1", access.get("correlation_id").asText());
        assertEquals("lambda-1", access.get("function_request_id").asText());
        assertFalse(access.toString().contains("/orders/42"), "the access line has the template, not the path");

        assertEquals(200, get("/orders/43", Map.of(), "lambda-2"));
        JsonNode second = log.one(LogLines.message("loading order 43"));
        assertFalse(second.get("cold_start").asBoolean());
        assertEquals("lambda-2", second.get("correlation_id").asText());
    }

    @Test
    void aForgedNewlineInAPathOrAnExceptionCannotForgeALine() {
        kernel = boot();
        String forged = "x\n{\"level\":\"ERROR\",\"message\":\"forged\"}\r\u2028\u0085\u001b[31m";
        assertEquals(200, get("/orders/" + forged, Map.of(), "lambda-3"));
        assertEquals(404, get("/nowhere/" + forged, Map.of(), "lambda-4"));
        assertEquals(500, get("/fail", Map.of(), "lambda-5"));

        List<JsonNode> lines = log.json(); // every line is one JSON object
        assertTrue(lines.stream().noneMatch(LogLines.message("forged")), log.text());
        assertEquals("loading order " + forged, lines.get(0).get("message").asText(), "escaped, then read back intact");
        for (String raw : log.lines()) {
            assertFalse(raw.contains("\u2028") || raw.contains("\u0085") || raw.contains("\u001b") || raw.contains("\r"), raw);
        }
        JsonNode notFound = log.one(n -> n.path("status").asInt() == 404);
        assertEquals("GET (no_route) 404", notFound.get("message").asText());
        assertTrue(notFound.get("route").isNull());
        JsonNode error = log.one(n -> n.has("exception"));
        assertEquals("ERROR", error.get("level").asText());
        assertEquals("lift.errors", error.get("logger").asText());
        assertEquals("java.lang.IllegalStateException", error.get("exception_name").asText());
        assertTrue(error.get("exception").asText().startsWith("java.lang.IllegalStateException: database down\n{\"level\""),
                error.get("exception").asText());
        assertTrue(error.get("exception").asText().contains("\tat "), "the stack is in the one field");
        assertEquals("lambda-5", error.get("function_request_id").asText());
    }

    @Test
    void theTextFormatKeepsOneLinePerRecordAndIndentsTheStack() {
        kernel = boot("lift.logging.format", "text");
        String forged = "x\n2030-01-01T00:00:00.000Z ERROR forged";
        assertEquals(200, get("/orders/" + forged, Map.of("x-request-id", "corr-t"), "lambda-6"));
        assertEquals(500, get("/fail", Map.of(), "lambda-7"));
        List<String> lines = log.lines();
        assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z INFO  orders - loading order x\\\\n2030-01-01T00:00:00"
                + "\\.000Z ERROR forged \\[request lambda-6, correlation corr-t]"), lines.get(0));
        assertTrue(lines.get(1).matches(".* INFO  lift.logging - GET /orders/\\{id} 200 kind=http method=GET "
                + "route=/orders/\\{id} status=200 latency_ms=[0-9.]+ \\[request lambda-6, correlation corr-t]"), lines.get(1));
        for (String line : lines) {
            assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z (INFO |WARN |ERROR|DEBUG|TRACE) .*") || line.startsWith("    "),
                    "a line of its own or an indented continuation: " + line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.equals("    {\"level\":\"ERROR\",\"message\":\"forged\"}")), String.join("\n", lines));
    }

    @Test
    void credentialsAndConfiguredFieldsAreRedacted() {
        kernel = boot("lift.logging.redact", "password,secret_key", "lift.logging.headers", "authorization,user-agent,cookie");
        assertEquals(200, get("/secret", Map.of("authorization", "Bearer eyJhbGciOi.abc.def", "user-agent", "curl/8.5",
                "cookie", "session=abc123"), "lambda-8"));
        String all = log.text();
        for (String secret : List.of("eyJhbGciOi", "hunter2", "s3cr3t", "abc123")) {
            assertFalse(all.contains(secret), secret + " leaked: " + all);
        }
        JsonNode warning = log.one(n -> n.path("level").asText().equals("WARN"));
        assertEquals("upstream refused Authorization: **** **** and password=****, api token \"secret_key\":\"****\"",
                warning.get("message").asText());
        JsonNode access = log.one(n -> n.has("status"));
        assertEquals("****", access.get("headers").get("authorization").asText());
        assertEquals("****", access.get("headers").get("cookie").asText());
        assertEquals("curl/8.5", access.get("headers").get("user-agent").asText());
    }

    @Test
    void levelsRouteLevelsSamplingAndRoutesWithoutAccessLines() {
        kernel = boot("lift.logging.level", "warn");
        get("/orders/1", Map.of(), "lambda-9");
        get("/health", Map.of(), "lambda-10");
        assertEquals(List.of(), log.json(), "nothing at WARN");
        kernel.close();

        kernel = boot();
        get("/health", Map.of(), "lambda-11");
        get("/debug", Map.of(), "lambda-12");
        get("/orders/2", Map.of(), "lambda-13");
        assertTrue(log.json(n -> n.path("route").asText().equals("/health")).isEmpty(), "no access line for /health");
        assertEquals("DEBUG", log.one(LogLines.message("debugging this route")).get("level").asText());
        assertTrue(log.json(LogLines.message("order cache miss")).isEmpty(), "INFO elsewhere");
        kernel.close();

        kernel = boot("lift.logging.level", "warn", "lift.logging.sample-rate", "1");
        get("/orders/3", Map.of(), "lambda-14");
        assertEquals("DEBUG", log.one(LogLines.message("order cache miss")).get("level").asText());
        assertEquals("lambda-14", log.one(LogLines.message("order cache miss")).get("function_request_id").asText());
    }

    @Test
    void aFailedRecordIsOneLineWithoutStackAndTheBatchHasOneAccessLine() {
        for (String parallelism : List.of("1", "3")) {
            LogLines lines = new LogLines();
            kernel = Lift.builder().discover(false).environment(Map.of())
                    .plugin(new SqsAdapter()).plugin(new RequestIdPlugin()).plugin(new LoggingPlugin(lines.out))
                    .plugin(new TestApp(r -> r.onRecord(SqsMessage.any(), (msg, ctx) -> {
                        LOG.log(System.Logger.Level.INFO, "record " + msg.messageId());
                        if (msg.body().startsWith("poison")) {
                            throw new IllegalArgumentException("not an order");
                        }
                    })))
                    .setting("lift.batch.parallelism", parallelism).build();
            String response = new String(kernel.invoke(HttpEvents.sqs("ok", "poison card 4111", "ok"),
                    HttpEvents.lambda("lambda-sqs-" + parallelism)), StandardCharsets.UTF_8);
            assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}", response);
            List<JsonNode> all = lines.json();
            assertEquals(5, all.size(), lines.text());
            for (JsonNode line : all) {
                assertEquals("lambda-sqs-" + parallelism, line.get("function_request_id").asText(), line.toString());
                assertEquals("lambda-sqs-" + parallelism, line.get("correlation_id").asText(), line.toString());
                assertFalse(line.toString().contains("4111"), "no payload: " + line);
            }
            JsonNode failure = lines.one(n -> n.path("level").asText().equals("WARN"));
            assertFalse(failure.has("exception"), "no stack at WARN: " + failure);
            assertTrue(failure.get("message").asText().endsWith(": record m2 of adapter-sqs failed with "
                    + "java.lang.IllegalArgumentException: not an order; it is reported in batchItemFailures"),
                    failure.get("message").asText());
            JsonNode access = lines.one(n -> n.has("status"));
            assertEquals("batch", access.get("kind").asText());
            assertEquals(207, access.get("status").asInt());
            assertEquals(3, access.get("records").asInt());
            assertEquals(1, access.get("failed_records").asInt());
            kernel.close();
        }
        kernel = null;
    }

    @Test
    void aBadSettingFailsBootNamingTheSettingAndWhatIsAllowed() {
        Map<String, String> expected = Map.of(
                "lift.logging.format", "lift.logging.format (env LIFT_LOGGING_FORMAT): 'xml' is not allowed; expected one of json, text",
                "lift.logging.level", "lift.logging.level (env LIFT_LOGGING_LEVEL): 'xml' is not allowed; expected one of trace, debug, info, warn, error",
                "lift.logging.sample-rate", "lift.logging.sample-rate (env LIFT_LOGGING_SAMPLE_RATE): 'xml' is not allowed; expected a fraction of invocations from 0 to 1",
                "lift.logging.redact", "lift.logging.redact (env LIFT_LOGGING_REDACT): 'xml' is not allowed; expected a comma-separated list",
                "lift.logging.output", "lift.logging.output (env LIFT_LOGGING_OUTPUT): 'xml' is not allowed; expected one of stdout, stderr");
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String value = e.getKey().endsWith("redact") ? "pass word" : "xml";
            LiftBootException failed = assertThrows(LiftBootException.class, () -> boot(e.getKey(), value));
            assertTrue(failed.getMessage().contains(e.getValue().replace("'xml'", "'" + value + "'")), failed.getMessage());
            assertTrue(Arrays.stream(Logger.getLogger("").getHandlers()).noneMatch(h -> h instanceof StructuredLogHandler),
                    "nothing installed after a failed boot");
        }
        LiftBootException rate = assertThrows(LiftBootException.class, () -> boot("lift.logging.sample-rate", "1.5"));
        assertTrue(rate.getMessage().contains("'1.5' is not allowed; expected a fraction of invocations from 0 to 1"),
                rate.getMessage());
    }

    @Test
    void theConsoleHandlerIsReplacedWhileTheKernelRunsAndRestoredAfter() {
        List<Handler> before = List.of(Logger.getLogger("").getHandlers());
        assertTrue(before.stream().anyMatch(h -> h instanceof ConsoleHandler), "JUL's default console handler: " + before);
        kernel = boot();
        List<Handler> during = List.of(Logger.getLogger("").getHandlers());
        assertTrue(during.stream().noneMatch(h -> h instanceof ConsoleHandler), during.toString());
        assertEquals(1, during.stream().filter(h -> h instanceof StructuredLogHandler).count(), during.toString());
        kernel.close();
        kernel = null;
        assertEquals(before, List.of(Logger.getLogger("").getHandlers()));
    }

    @Test
    void turnedOffThePluginDeclinesAndIsInNoChain() {
        kernel = boot("lift.logging.enabled", "false");
        get("/orders/1", Map.of(), "lambda-15");
        assertEquals("", log.text());
        RouteDescriptor route = kernel.routes().stream().filter(r -> "/orders/{id}".equals(r.template())).findFirst()
                .orElseThrow();
        assertEquals(List.of("request-id"), route.middleware());
    }
}
