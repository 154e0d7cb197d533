package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftApplication;
import dev.lift.api.PluginContext;
import dev.lift.api.Routes;
import dev.lift.kernel.testing.Responses;
import dev.lift.kernel.testing.TestHttpAdapter;
import dev.lift.spi.Health;
import dev.lift.spi.HealthCheck;
import dev.lift.spi.HealthReport;
import dev.lift.spi.HealthResult;
import dev.lift.spi.ResourceProvider;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Aggregated health as a health-endpoint plugin reads it: parallel, bounded, cached, with an overall status. */
class HealthTest {

    /** Answers only once its partner check has started: passes only if the checks run in parallel. */
    static final class PairedCheck implements HealthCheck {
        static volatile CountDownLatch started = new CountDownLatch(2);
        final AtomicInteger runs = new AtomicInteger();
        private final String id;
        private final HealthResult result;

        PairedCheck(String id, HealthResult result) {
            this.id = id;
            this.result = result;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(20);
        }

        @Override
        public HealthResult check() throws Exception {
            runs.incrementAndGet();
            started.countDown();
            return started.await(10, TimeUnit.SECONDS) ? result : HealthResult.down(Map.of("error", "ran alone"));
        }
    }

    /** Never answers within its timeout. */
    static final class StuckCheck implements HealthCheck {
        @Override
        public String id() {
            return "stuck";
        }

        @Override
        public Duration timeout() {
            return Duration.ofMillis(50);
        }

        @Override
        public HealthResult check() throws Exception {
            Thread.sleep(60_000);
            return HealthResult.up();
        }
    }

    /** A resource whose own check says degraded. */
    static final class Pool implements ResourceProvider<StringBuilder> {
        @Override
        public String id() {
            return "pool";
        }

        @Override
        public Class<StringBuilder> type() {
            return StringBuilder.class;
        }

        @Override
        public StringBuilder open(PluginContext context) {
            return new StringBuilder("pool");
        }

        @Override
        public HealthResult check(StringBuilder resource) {
            return HealthResult.degraded(Map.of("in-use", 9, "max", 10));
        }
    }

    /** The endpoint: GET /health reads the cached report; 503 when down. */
    static final class HealthEndpoint implements LiftApplication {
        @Override
        public String id() {
            return "health-endpoint";
        }

        @Override
        public void configure(Routes routes) {
            routes.get("/health", (req, ctx) -> {
                HealthReport report = ctx.resources().require(Health.class).report();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", report.status().name());
                Map<String, Object> components = new LinkedHashMap<>();
                report.components().forEach((name, c) -> components.put(name, c.status().name()));
                body.put("components", components);
                return HttpResponse.json(body).withStatus(report.status() == HealthResult.Status.DOWN ? 503 : 200);
            });
        }
    }

    @Test
    void checksRunInParallelEachBoundedAndTheEndpointReadsTheCachedReport() {
        PairedCheck.started = new CountDownLatch(2);
        PairedCheck db = new PairedCheck("db", HealthResult.up());
        PairedCheck queue = new PairedCheck("queue", HealthResult.up());
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter()).plugin(db).plugin(queue)
                .plugin(new StuckCheck()).plugin(new Pool()).plugin(new HealthEndpoint())
                .setting("lift.health.cache-time", "10m").build();

        JsonNode first = Responses.parse(k.invoke(TestHttpAdapter.request("GET", "/health", null)));
        JsonNode second = Responses.parse(k.invoke(TestHttpAdapter.request("GET", "/health", null)));

        assertEquals(503, first.get("status").asInt());
        assertEquals("{\"status\":\"DOWN\",\"components\":{\"db\":\"UP\",\"queue\":\"UP\",\"stuck\":\"DOWN\","
                + "\"resource:pool\":\"DEGRADED\"}}", first.get("body").asText());
        assertEquals(first.get("body"), second.get("body"));
        assertEquals(1, db.runs.get(), "the second request read the cached report");
        HealthReport report = k.healthReport().report();
        assertEquals("timed out after 50 ms", report.components().get("stuck").details().get("error"));
        assertTrue(report.components().get("stuck").latencyMillis() >= 50);
        assertEquals(Map.of("in-use", 9, "max", 10), report.components().get("resource:pool").details());
    }

    @Test
    void theOverallStatusIsTheWorstAndAFreshRunIsTakenOnceTheCacheTimeHasPassed() {
        PairedCheck.started = new CountDownLatch(0);
        PairedCheck db = new PairedCheck("db", HealthResult.up());
        LiftKernel k = Lift.builder().discover(false).plugin(db).plugin(new Pool())
                .setting("lift.health.cache-time", "0ms").build();
        Health health = k.healthReport();
        assertEquals(HealthResult.Status.DEGRADED, health.report().status());
        health.report();
        assertEquals(2, db.runs.get(), "with no cache time every report runs the checks");
    }
}
