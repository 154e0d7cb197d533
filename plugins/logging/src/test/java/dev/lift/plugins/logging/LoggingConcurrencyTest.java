package dev.lift.plugins.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.HttpResponse;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.requestid.RequestIdPlugin;
import dev.lift.plugins.testsupport.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two invocations at once on two threads: each line carries its own invocation's ids. */
class LoggingConcurrencyTest {

    private static final System.Logger LOG = System.getLogger("orders");

    @Test
    void concurrentInvocationsLogWithTheirOwnIds() throws Exception {
        LogLines log = new LogLines();
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (LiftKernel kernel = Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter()).plugin(new RequestIdPlugin()).plugin(new LoggingPlugin(log.out))
                .plugin(new TestApp(r -> r.get("/orders/{id}", (req, ctx) -> {
                    String id = req.pathParam("id").orElseThrow();
                    LOG.log(System.Logger.Level.INFO, "before " + id);
                    together.await(10, TimeUnit.SECONDS); // both invocations are inside their handlers now
                    LOG.log(System.Logger.Level.INFO, "after " + id);
                    return HttpResponse.text(id);
                }))).build()) {
            int rounds = 20;
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < rounds * 2; i++) {
                String id = Integer.toString(i);
                results.add(threads.submit(() -> HttpEvents.parse(kernel.invoke(
                        HttpEvents.http("GET", "/orders/" + id, Map.of("x-request-id", "corr-" + id)),
                        HttpEvents.lambda("lambda-" + id))).get("statusCode").asInt()));
            }
            for (Future<Integer> f : results) {
                assertEquals(200, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        List<JsonNode> lines = log.json();
        assertEquals(40 * 3, lines.size(), "two handler lines and one access line per invocation");
        for (JsonNode line : lines) {
            String message = line.get("message").asText();
            String id = message.startsWith("GET ") ? null : message.substring(message.indexOf(' ') + 1);
            if (id == null) {
                continue;
            }
            assertEquals("lambda-" + id, line.get("function_request_id").asText(), line.toString());
            assertEquals("corr-" + id, line.get("correlation_id").asText(), line.toString());
        }
        for (int i = 0; i < 40; i++) {
            String corr = "corr-" + i;
            assertEquals(3, lines.stream().filter(l -> l.get("correlation_id").asText().equals(corr)).count(), corr);
            assertTrue(lines.stream().anyMatch(l -> l.get("correlation_id").asText().equals(corr)
                    && l.get("message").asText().equals("GET /orders/{id} 200")), corr);
        }
    }
}
