package dev.lift.plugins.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.HttpResponse;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.testsupport.TestApp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Invocations running at once on two threads each flush exactly their own values. */
class EmfConcurrencyTest {

    @Test
    void concurrentInvocationsFlushTheirOwnMetrics() throws Exception {
        EmfOutput emf = new EmfOutput();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        int invocations = 40;
        try (LiftKernel kernel = Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter()).plugin(new EmfMetricsPlugin(emf.out))
                .plugin(new TestApp(r -> r.get("/orders/{id}", (req, ctx) -> {
                    int id = Integer.parseInt(req.pathParam("id").orElseThrow());
                    ctx.metrics().record("Mine", id, "Count", Map.of());
                    together.await(10, TimeUnit.SECONDS); // both invocations have recorded and not flushed yet
                    ctx.metrics().record("Mine", id, "Count", Map.of());
                    return HttpResponse.text("ok");
                })))
                .setting("lift.metrics.namespace", "Shop").build()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < invocations; i++) {
                String id = Integer.toString(i);
                results.add(threads.submit(() -> HttpEvents.parse(kernel.invoke(HttpEvents.http("GET", "/orders/" + id,
                        Map.of()), HttpEvents.lambda("lambda-" + id))).get("statusCode").asInt()));
            }
            for (Future<Integer> f : results) {
                assertEquals(200, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        Map<String, String> byRequest = new HashMap<>();
        for (JsonNode n : emf.withMetric("Mine")) {
            String request = n.get("function_request_id").asText();
            String id = request.substring("lambda-".length());
            assertEquals("[" + id + "," + id + "]", n.get("Mine").toString(), n.toString());
            assertEquals(null, byRequest.put(request, n.get("Mine").toString()), "one flush per invocation: " + request);
        }
        assertEquals(invocations, byRequest.size());
        assertEquals(invocations, emf.withMetric("Invocations").size());
    }
}
