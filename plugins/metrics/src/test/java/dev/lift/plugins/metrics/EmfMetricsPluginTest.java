package dev.lift.plugins.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import dev.lift.api.PluginContext;
import dev.lift.api.ResourceLookup;
import dev.lift.events.SqsMessage;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftBootException;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.failsafe.FailsafeResourceProvider;
import dev.lift.plugins.sqs.SqsAdapter;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.spi.resilience.ResiliencePolicies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metrics plugin in a real kernel with the real HTTP API and SQS sample events: EMF lines checked against the spec. */
class EmfMetricsPluginTest {

    private final EmfOutput emf = new EmfOutput();
    private final AtomicInteger attempts = new AtomicInteger();
    private LogCapture kernelLog;
    private LogCapture errorLog;
    private LiftKernel kernel;
    private volatile ResourceLookup resources;

    @BeforeEach
    void capture() {
        kernelLog = LogCapture.on("lift.kernel");
        errorLog = LogCapture.on("lift.errors");
    }

    @AfterEach
    void close() {
        if (kernel != null) {
            kernel.close();
        }
        kernelLog.close();
        errorLog.close();
    }

    private LiftKernel boot(String... settings) {
        Map<String, String> s = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            s.put(settings[i], settings[i + 1]);
        }
        java.util.function.Consumer<dev.lift.api.Routes> routes = r -> {
            r.get("/orders/{id}", (req, ctx) -> {
                ctx.metrics().record("OrdersPlaced", 2, "Count", Map.of("channel", "web"));
                ctx.metrics().record("OrderValue", 12.5, "None", Map.of());
                ctx.metrics().record("OrderValue", 7, "None", Map.of());
                return HttpResponse.text("ok");
            }).attribute(EmfMetricsPlugin.ROUTE_DIMENSION, true);
            r.get("/many", (req, ctx) -> {
                for (int i = 0; i < 250; i++) {
                    ctx.metrics().increment("M" + i);
                }
                for (int i = 0; i < 150; i++) {
                    ctx.metrics().record("Samples", i, "Milliseconds", Map.of());
                }
                return HttpResponse.text("ok");
            });
            r.get("/bad-unit", (req, ctx) -> {
                ctx.metrics().record("Weird", 1, "Parsecs", Map.of());
                ctx.metrics().record("Bad Dimension", 1, "Count", Map.of("k", "line\nbreak"));
                return HttpResponse.text("still ok");
            });
            r.get("/teapot", (req, ctx) -> {
                throw new LiftException(418, "short and stout");
            });
            r.get("/boom", (req, ctx) -> {
                throw new IllegalStateException("boom");
            });
            r.get("/flaky", (req, ctx) -> HttpResponse.text(resources.require(ResiliencePolicies.class).policy("search")
                    .call(ctx, () -> {
                        if (attempts.incrementAndGet() == 1) {
                            throw new IOException("first attempt fails");
                        }
                        return "found";
                    })));
            r.onRecord(SqsMessage.any(), (msg, ctx) -> {
                ctx.metrics().increment("Processed");
                if (msg.body().startsWith("poison")) {
                    throw new IllegalArgumentException("not an order");
                }
            });
        };
        dev.lift.api.LiftApplication app = new dev.lift.api.LiftApplication() {
            @Override
            public String id() {
                return "shop-app";
            }

            @Override
            public boolean init(PluginContext context) {
                resources = context.resources(); // resources open after init: looked up per request
                return true;
            }

            @Override
            public void configure(dev.lift.api.Routes r) {
                routes.accept(r);
            }
        };
        return Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter()).plugin(new SqsAdapter()).plugin(new FailsafeResourceProvider())
                .plugin(new EmfMetricsPlugin(emf.out)).plugin(app)
                .setting("lift.resilience-failsafe.policies", "search")
                .setting("lift.resilience-failsafe.search.retry.max-attempts", "2")
                .setting("lift.resilience-failsafe.search.retry.delay", "1ms")
                .settings(s).build();
    }

    private int get(String path, String lambdaId) {
        return HttpEvents.parse(kernel.invoke(HttpEvents.http("GET", path, Map.of()), HttpEvents.lambda(lambdaId)))
                .get("statusCode").asInt();
    }

    @Test
    void withoutANamespaceThePluginDeclinesAndWritesNothing() {
        kernel = boot();
        assertFalse(kernel.plugins().stream().filter(p -> p.id().equals("metrics")).findFirst().orElseThrow().active());
        assertEquals(200, get("/orders/1", "lambda-0"));
        assertEquals("", emf.text());
    }

    @Test
    void oneInvocationFlushesItsOwnFiguresAndTheHandlersOnceAtItsEnd() {
        kernel = boot("lift.metrics.namespace", "Shop/Orders");
        assertEquals(200, get("/orders/1", "lambda-1"));
        List<JsonNode> objects = emf.objects();
        assertEquals(3, objects.size(), emf.text()); // {service, route}, {service}, {service, channel}
        for (JsonNode n : objects) {
            assertEquals("Shop/Orders", n.get("_aws").get("CloudWatchMetrics").get(0).get("Namespace").asText());
            assertEquals("orders", n.get("service").asText());
            assertEquals("lambda-1", n.get("function_request_id").asText());
        }
        JsonNode invocation = emf.one("Invocations");
        assertEquals(List.of("service", "route"), EmfOutput.dimensions(invocation));
        assertEquals("GET /orders/{id}", invocation.get("route").asText());
        assertEquals(1, invocation.get("Invocations").asInt());
        assertEquals(1, invocation.get("2xx").asInt());
        assertEquals("Milliseconds", EmfOutput.unit(invocation, "Latency"));
        assertTrue(invocation.get("Latency").asDouble() >= 0);
        assertFalse(invocation.has("4xx") || invocation.has("5xx"), invocation.toString());

        JsonNode service = emf.one("ColdStart");
        assertEquals(List.of("service"), EmfOutput.dimensions(service));
        assertEquals(1, service.get("ColdStart").asInt());
        assertEquals("[12.5,7]", service.get("OrderValue").toString());
        assertEquals("None", EmfOutput.unit(service, "OrderValue"));

        JsonNode business = emf.one("OrdersPlaced");
        assertEquals(List.of("service", "channel"), EmfOutput.dimensions(business));
        assertEquals("web", business.get("channel").asText());
        assertEquals(2, business.get("OrdersPlaced").asInt());

        emf.reset();
        assertEquals(200, get("/orders/2", "lambda-2"));
        assertTrue(emf.withMetric("ColdStart").isEmpty(), "a cold start once");
    }

    @Test
    void errorsAreCountedByStatusClassAndTheRouteDimensionIsGlobalWhenSet() {
        kernel = boot("lift.metrics.namespace", "Shop", "lift.metrics.route-dimension", "true",
                "lift.metrics.service", "shop-api");
        assertEquals(418, get("/teapot", "lambda-3"));
        assertEquals(500, get("/boom", "lambda-4"));
        assertEquals(404, get("/nowhere/42", "lambda-5"));
        List<JsonNode> clientErrors = emf.withMetric("4xx");
        assertEquals(2, clientErrors.size());
        assertEquals("GET /teapot", clientErrors.get(0).get("route").asText());
        assertEquals("unmatched", clientErrors.get(1).get("route").asText(), "never the raw path");
        JsonNode fault = emf.one("5xx");
        assertEquals("GET /boom", fault.get("route").asText());
        assertEquals("shop-api", fault.get("service").asText());
    }

    @Test
    void moreThan100MetricsOrValuesAreSplitAcrossObjects() {
        kernel = boot("lift.metrics.namespace", "Shop");
        assertEquals(200, get("/many", "lambda-6"));
        List<JsonNode> objects = emf.objects(); // each one validated: at most 100 metrics, 100 values
        int metrics = 0;
        int samples = 0;
        for (JsonNode n : objects) {
            for (JsonNode m : n.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics")) {
                String name = m.get("Name").asText();
                if (name.matches("M\\d+")) {
                    metrics++;
                    assertEquals(1, n.get(name).asInt());
                }
                if (name.equals("Samples")) {
                    samples += n.get(name).size();
                }
            }
        }
        assertEquals(250, metrics);
        assertEquals(150, samples);
        assertEquals(2, emf.withMetric("Samples").size());
        assertTrue(objects.stream().anyMatch(n -> n.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").size() == 100));
    }

    @Test
    void anInvalidMetricIsRefusedWithAWarningAndTheRequestStillAnswers() {
        kernel = boot("lift.metrics.namespace", "Shop");
        assertEquals(200, get("/bad-unit", "lambda-7"));
        assertTrue(emf.withMetric("Weird").isEmpty());
        assertTrue(emf.withMetric("Bad Dimension").isEmpty());
        List<String> warnings = kernelLog.records(Level.WARNING).stream().map(r -> r.getMessage() + " / "
                + r.getThrown().getMessage()).toList();
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("unit 'Parsecs' is not a CloudWatch unit"), warnings.get(0));
        assertTrue(warnings.get(1).contains("value of dimension k holds a character other than printable ASCII"),
                warnings.get(1));
        assertEquals(1, emf.one("Invocations").get("2xx").asInt());
    }

    @Test
    void aBatchFlushesOnceWithItsRecordsMetricsAndFailedRecords() {
        kernel = boot("lift.metrics.namespace", "Shop", "lift.batch.parallelism", "3");
        String response = new String(kernel.invoke(HttpEvents.sqs("ok", "poison", "ok", "ok"), HttpEvents.lambda("lambda-8")),
                StandardCharsets.UTF_8);
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"}]}", response);
        JsonNode n = emf.one("Processed");
        assertEquals("[1,1,1,1]", n.get("Processed").toString(), "recorded on record threads, flushed with the invocation");
        assertEquals(1, n.get("FailedRecords").asInt());
        assertEquals(1, n.get("Invocations").asInt());
        assertEquals("lambda-8", n.get("function_request_id").asText());
        assertFalse(n.has("Faults"));
    }

    @Test
    void resilienceMetricsFlowIntoTheInvocationsObject() {
        kernel = boot("lift.metrics.namespace", "Shop");
        assertEquals(200, get("/flaky", "lambda-9"));
        JsonNode retry = emf.one("lift.resilience.retry");
        assertEquals(List.of("service", "policy"), EmfOutput.dimensions(retry));
        assertEquals("search", retry.get("policy").asText());
        assertEquals(1, retry.get("lift.resilience.retry").asInt());
        assertEquals("lambda-9", retry.get("function_request_id").asText());
    }

    @Test
    void aBadSettingFailsBootNamingTheSettingAndWhatIsAllowed() {
        LiftBootException ns = assertThrows(LiftBootException.class, () -> boot("lift.metrics.namespace", "x".repeat(256)));
        assertTrue(ns.getMessage().contains("lift.metrics.namespace (env LIFT_METRICS_NAMESPACE)"), ns.getMessage());
        assertTrue(ns.getMessage().contains("expected 1 to 255 printable ASCII characters"), ns.getMessage());
        LiftBootException route = assertThrows(LiftBootException.class,
                () -> boot("lift.metrics.namespace", "Shop", "lift.metrics.route-dimension", "sometimes"));
        assertTrue(route.getMessage().contains("lift.metrics.route-dimension (env LIFT_METRICS_ROUTE_DIMENSION): "
                + "'sometimes' is not allowed; expected true or false"), route.getMessage());
    }
}
