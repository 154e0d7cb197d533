package dev.lift.plugins.failsafe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.spi.HealthResult;
import dev.lift.api.HttpResponse;
import dev.lift.api.Json;
import dev.lift.api.LiftApplication;
import dev.lift.api.LiftPlugin;
import dev.lift.api.InvocationContext;
import dev.lift.spi.MetricsSink;
import dev.lift.api.PluginContext;
import dev.lift.api.ResourceLookup;
import dev.lift.api.Routes;
import dev.lift.spi.resilience.ResiliencePolicies;
import dev.lift.spi.resilience.ResiliencePolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.LogCapture;

/**
 * A real kernel with the HTTP API adapter, this plugin configured through settings, a metrics
 * sink plugin and an application whose handlers look the policies up and call a local HTTP
 * dependency: what a user gets when the breaker is open or the deadline is reached, and the
 * metrics the sink receives.
 */
class ResilienceEndToEndTest {

    /** A metrics plugin as a user would write one: the kernel hands every plugin's metrics to it. */
    static final class RecordingMetrics implements LiftPlugin, MetricsSink {
        final List<String> recorded = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "test-metrics";
        }

        @Override
        public void record(InvocationContext invocation, String name, double value, String unit,
                           Map<String, String> dimensions) {
            if (name.startsWith("lift.resilience.")) {
                recorded.add(name + new TreeMap<>(dimensions).toString().replace(", ", ",") + " " + (long) value + " " + unit);
            }
        }
    }

    /** Looks its policies up by name when a request comes, because resources open after plugins initialise. */
    static final class CatalogApp implements LiftApplication {
        private final LocalDependency dependency;
        private volatile ResourceLookup resources;

        CatalogApp(LocalDependency dependency) {
            this.dependency = dependency;
        }

        @Override
        public String id() {
            return "catalog-app";
        }

        @Override
        public boolean init(PluginContext context) {
            resources = context.resources();
            return true;
        }

        private ResiliencePolicy policy(String name) {
            return resources.require(ResiliencePolicies.class).policy(name);
        }

        @Override
        public void configure(Routes routes) {
            routes.get("/products/search", (req, ctx) -> HttpResponse.text(
                    policy("search").call(ctx, () -> dependency.get("/fail"))));
            routes.get("/stock/{how}", (req, ctx) -> HttpResponse.text(
                    policy("stock").call(ctx, () -> dependency.get("/" + req.pathParam("how").orElseThrow()))));
        }
    }

    private LogCapture resilienceLog;
    private LogCapture errorLog;
    private LocalDependency dependency;
    private RecordingMetrics metrics;
    private LiftKernel kernel;

    @BeforeEach
    void boot() throws Exception {
        resilienceLog = LogCapture.on("lift.resilience-failsafe");
        errorLog = LogCapture.on("lift.errors"); // the kernel logs 5xx answers; keep them out of the build output
        dependency = new LocalDependency();
        metrics = new RecordingMetrics();
        kernel = Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter())
                .plugin(new FailsafeResourceProvider())
                .plugin(new dev.lift.plugins.problem.ProblemDetailsErrorStrategy())
                .plugin(metrics)
                .plugin(new CatalogApp(dependency))
                .settings(Map.of(
                        "lift.resilience-failsafe.policies", "search,stock",
                        "lift.resilience-failsafe.search.retry.max-attempts", "2",
                        "lift.resilience-failsafe.search.retry.delay", "10ms",
                        "lift.resilience-failsafe.search.breaker.failure-threshold", "2",
                        "lift.resilience-failsafe.search.breaker.delay", "1m",
                        "lift.resilience-failsafe.stock.retry.max-attempts", "3",
                        "lift.resilience-failsafe.stock.deadline-reserve", "250ms"))
                .build();
    }

    @AfterEach
    void shutDown() {
        kernel.close();
        dependency.close();
        errorLog.close();
        resilienceLog.close();
    }

    private static byte[] get(String path) {
        return ("{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"" + path + "\",\"rawQueryString\":\"\","
                + "\"headers\":{\"accept\":\"application/json\"},\"requestContext\":{\"requestId\":\"api-" + path.hashCode()
                + "\",\"stage\":\"$default\",\"http\":{\"method\":\"GET\",\"path\":\"" + path + "\"}},\"isBase64Encoded\":false}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Invokes the kernel as Lambda would, with the deadline as epoch milliseconds. */
    private String invoke(String path, String requestId, long deadlineMillis) {
        LambdaRequest request = new LambdaRequest(requestId, deadlineMillis,
                "arn:aws:lambda:eu-central-1:123456789012:function:catalog", null, "catalog", "$LATEST", 512);
        return new String(kernel.invoke(get(path), request), StandardCharsets.UTF_8);
    }

    @Test
    void anOpenBreakerAnswers503WithRetryAfterAndItsStateChangesReachTheMetricsSink() throws Exception {
        long beforeOpening = System.nanoTime();
        // Two attempts, both fail: the breaker opens and the retries are exhausted; the client gets a bare 500.
        JsonNode first = Json.mapper().readTree(invoke("/products/search", "req-1", System.currentTimeMillis() + 60_000));
        assertEquals(500, first.get("statusCode").asInt());
        assertEquals(2, dependency.hits("/fail"));

        String open = invoke("/products/search", "req-2", System.currentTimeMillis() + 60_000);
        assertEquals(2, dependency.hits("/fail"), "the open breaker did not call the dependency");
        String retryAfter = Json.mapper().readTree(open).get("headers").get("retry-after").asText();
        CircuitBreakerTest.assertRetryAfter(retryAfter, 60_000, beforeOpening); // "60" unless a second went by
        assertEquals("{\"statusCode\":503,\"headers\":{\"content-type\":\"application/problem+json\",\"retry-after\":\""
                + retryAfter + "\"},\"body\":\"{\\\"type\\\":\\\"about:blank\\\",\\\"title\\\":\\\"Service Unavailable\\\","
                + "\\\"status\\\":503,\\\"detail\\\":\\\"The search service is temporarily unavailable; try again later\\\","
                + "\\\"instance\\\":\\\"/products/search\\\",\\\"code\\\":\\\"service_unavailable\\\","
                + "\\\"requestId\\\":\\\"req-2\\\"}\",\"isBase64Encoded\":false}", open);

        assertEquals(List.of("lift.resilience.retry{policy=search} 1 Count",
                "lift.resilience.breaker.opened{policy=search} 1 Count",
                "lift.resilience.retries.exhausted{policy=search,reason=attempts} 1 Count",
                "lift.resilience.breaker.rejected{policy=search} 1 Count"), metrics.recorded);
        assertEquals(new HealthResult(HealthResult.Status.DEGRADED, Map.of("search.breaker", "open")),
                kernel.health().get("resource:" + FailsafeResourceProvider.ID));
        List<String> warnings = resilienceLog.records(Level.WARNING).stream().map(LogRecord::getMessage).toList();
        assertEquals(List.of("Circuit breaker of resilience policy 'search' opened: calls fail fast with 503 for 60000 ms, "
                        + "then a trial call is let through",
                "Request req-1: resilience policy 'search' gave up after 2 attempt(s); last failure: "
                        + "java.io.IOException: /fail answered 503"), warnings);
    }

    @Test
    void aSlowDependencyWithoutATimeoutAnswers504BeforeTheLambdaDeadline() throws Exception {
        assertEquals("{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain; charset=utf-8\"},\"body\":\"ok\","
                + "\"isBase64Encoded\":false}", invoke("/stock/ok", "req-warm", System.currentTimeMillis() + 60_000)); // classes loaded, connection open

        long deadline = System.currentTimeMillis() + 500;
        String response = invoke("/stock/slow", "req-3", deadline);
        long left = deadline - System.currentTimeMillis();

        assertTrue(left > 0, "the invocation returned " + -left + " ms after the Lambda deadline");
        assertEquals("{\"statusCode\":504,\"headers\":{\"content-type\":\"application/problem+json\"},"
                + "\"body\":\"{\\\"type\\\":\\\"about:blank\\\",\\\"title\\\":\\\"Gateway Timeout\\\",\\\"status\\\":504,"
                + "\\\"detail\\\":\\\"The stock service did not answer before the request's deadline\\\","
                + "\\\"instance\\\":\\\"/stock/slow\\\",\\\"code\\\":\\\"gateway_timeout\\\",\\\"requestId\\\":\\\"req-3\\\"}\","
                + "\"isBase64Encoded\":false}", response);
        assertEquals(1, dependency.hits("/slow"));
        assertEquals(List.of("lift.resilience.deadline.cut{policy=stock} 1 Count",
                "lift.resilience.retries.exhausted{policy=stock,reason=deadline} 1 Count"), metrics.recorded);
    }
}
