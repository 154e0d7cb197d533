package dev.lift.plugins.requestid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import dev.lift.api.RouteDescriptor;
import dev.lift.events.SqsMessage;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftBootException;
import dev.lift.kernel.LiftKernel;
import dev.lift.kernel.PluginInfo;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.sqs.SqsAdapter;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The request-id plugin in a real kernel, with the real HTTP API and SQS sample events. */
class RequestIdPluginTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private LogCapture errors;
    private LiftKernel kernel;

    @BeforeEach
    void quietErrors() {
        errors = LogCapture.on("lift.errors"); // the 500 below is logged; keep it out of the build output
    }

    @AfterEach
    void close() {
        if (kernel != null) {
            kernel.close();
        }
        errors.close();
    }

    private static String ids(InvocationContext ctx) {
        return ctx.attribute(RequestIds.CORRELATION_ID).orElse("-") + "|" + ctx.attribute(RequestIds.REQUEST_ID).orElse("-")
                + "|" + ctx.attribute(RequestIds.TRACE_ID).orElse("-");
    }

    private LiftKernel boot(Map<String, String> settings) {
        return Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter()).plugin(new SqsAdapter()).plugin(new RequestIdPlugin())
                .plugin(new TestApp(r -> {
                    r.get("/orders/{id}", (req, ctx) -> HttpResponse.text(ids(ctx)));
                    r.get("/fail", (req, ctx) -> {
                        throw new IllegalStateException("boom");
                    });
                    r.group("/scoped", g -> g.get("/ping", (req, ctx) -> HttpResponse.text(ids(ctx))),
                            RequestIdMiddleware.standard());
                    r.onRecord(SqsMessage.any(), (msg, ctx) -> seen.add(ids(ctx)));
                }))
                .settings(settings).build();
    }

    private JsonNode get(String path, Map<String, String> headers, String lambdaId) {
        return HttpEvents.parse(kernel.invoke(HttpEvents.http("GET", path, headers), HttpEvents.lambda(lambdaId)));
    }

    @Test
    void aValidCallerIdIsTheCorrelationIdAndIsEchoed() {
        kernel = boot(Map.of());
        JsonNode response = get("/orders/42", Map.of("x-request-id", "client-7f3a:9"), "lambda-1");
        assertEquals(200, response.get("statusCode").asInt());
        assertEquals("client-7f3a:9", response.get("headers").get("x-request-id").asText());
        assertEquals("client-7f3a:9|lambda-1|" + HttpEvents.TRACE, response.get("body").asText());
    }

    @Test
    void anInvalidOrMissingCallerIdIsReplacedByTheLambdaRequestId() {
        kernel = boot(Map.of());
        for (String bad : List.of("a".repeat(129), "has space", "<script>", "line\u2028break", "")) {
            JsonNode response = get("/orders/1", bad.isEmpty() ? Map.of() : Map.of("x-request-id", bad), "lambda-2");
            assertEquals("lambda-2", response.get("headers").get("x-request-id").asText(), bad);
            assertTrue(response.get("body").asText().startsWith("lambda-2|lambda-2|"), response.toString());
        }
        JsonNode longest = get("/orders/1", Map.of("x-request-id", "b".repeat(128)), "lambda-3");
        assertEquals("b".repeat(128), longest.get("headers").get("x-request-id").asText());
    }

    @Test
    void errorAnswersAndUnmatchedRequestsCarryTheIdToo() {
        kernel = boot(Map.of());
        JsonNode failed = get("/fail", Map.of("x-request-id", "err-1"), "lambda-4");
        assertEquals(500, failed.get("statusCode").asInt());
        assertEquals("err-1", failed.get("headers").get("x-request-id").asText());
        JsonNode missing = get("/nowhere", Map.of("x-request-id", "nf-1"), "lambda-5");
        assertEquals(404, missing.get("statusCode").asInt());
        assertEquals("nf-1", missing.get("headers").get("x-request-id").asText());
    }

    @Test
    void recordsCarryTheLambdaRequestIdAsCorrelationId() {
        kernel = boot(Map.of());
        ObjectNode event = Fixtures.event("sqs_event.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        records.add(records.get(0).deepCopy()).get(1);
        ((ObjectNode) records.get(1)).put("messageId", "second");
        String response = new String(kernel.invoke(Fixtures.bytes(event), HttpEvents.lambda("lambda-sqs")),
                StandardCharsets.UTF_8);
        assertEquals("{\"batchItemFailures\":[]}", response);
        assertEquals(List.of("lambda-sqs|lambda-sqs|" + HttpEvents.TRACE, "lambda-sqs|lambda-sqs|" + HttpEvents.TRACE), seen);
    }

    @Test
    void theMiddlewareIsOutermostInEveryChainAndOnTheUnmatchedAnswers() {
        kernel = boot(Map.of());
        RouteDescriptor orders = kernel.routes().stream().filter(r -> "/orders/{id}".equals(r.template())).findFirst()
                .orElseThrow();
        assertEquals(List.of("request-id"), orders.middleware());
        RouteDescriptor scoped = kernel.routes().stream().filter(r -> "/scoped/ping".equals(r.template())).findFirst()
                .orElseThrow();
        assertEquals(List.of("request-id", "RequestIdMiddleware"), scoped.middleware());
    }

    @Test
    void turnedOffGloballyARouteGroupCanStillUseTheMiddleware() {
        kernel = boot(Map.of("lift.request-id.enabled", "false"));
        PluginInfo info = kernel.plugins().stream().filter(p -> p.id().equals("request-id")).findFirst().orElseThrow();
        assertFalse(info.active());
        JsonNode plain = get("/orders/1", Map.of("x-request-id", "c-1"), "lambda-6");
        assertTrue(plain.path("headers").path("x-request-id").isMissingNode(), plain.toString());
        assertEquals("-|-|-", plain.get("body").asText());
        JsonNode scoped = get("/scoped/ping", Map.of("x-request-id", "c-2"), "lambda-7");
        assertEquals("c-2", scoped.get("headers").get("x-request-id").asText());
        assertEquals("c-2|lambda-7|" + HttpEvents.TRACE, scoped.get("body").asText());
    }

    @Test
    void anotherHeaderCanBeConfigured() {
        kernel = boot(Map.of("lift.request-id.header", "X-Correlation-Id", "lift.request-id.max-length", "8"));
        JsonNode response = get("/orders/1", Map.of("x-correlation-id", "abcdefgh"), "lambda-8");
        assertEquals("abcdefgh", response.get("headers").get("x-correlation-id").asText());
        JsonNode tooLong = get("/orders/1", Map.of("x-correlation-id", "abcdefghi"), "lambda-9");
        assertEquals("lambda-9", tooLong.get("headers").get("x-correlation-id").asText());
    }

    @Test
    void aBadSettingFailsBootNamingTheSettingAndWhatIsAllowed() {
        LiftBootException tooLong = assertThrows(LiftBootException.class,
                () -> boot(Map.of("lift.request-id.max-length", "5000")));
        assertTrue(tooLong.getMessage().contains("lift.request-id.max-length (env LIFT_REQUEST_ID_MAX_LENGTH): '5000' is not "
                + "allowed; expected a whole number from 1 to 1024"), tooLong.getMessage());
        LiftBootException header = assertThrows(LiftBootException.class,
                () -> boot(Map.of("lift.request-id.header", "X Request")));
        assertTrue(header.getMessage().contains("lift.request-id.header (env LIFT_REQUEST_ID_HEADER): 'X Request' is not "
                + "allowed; expected an HTTP header name"), header.getMessage());
        LiftBootException enabled = assertThrows(LiftBootException.class,
                () -> boot(Map.of("lift.request-id.enabled", "yes")));
        assertTrue(enabled.getMessage().contains("expected true or false"), enabled.getMessage());
    }
}
