package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.health.HealthEndpoints;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.spi.HealthCheck;
import dev.lift.spi.HealthResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The health plugin's endpoints through {@code lift serve}, over real HTTP on 127.0.0.1. */
class HealthOverServeTest {

    @Test
    void readinessFollowsTheChecksAndTheComponentsCarryTheirDetails() throws Exception {
        AtomicReference<HealthResult> db = new AtomicReference<>(HealthResult.up());
        HealthCheck check = new HealthCheck() {
            @Override public String id() { return "db"; }
            @Override public HealthResult check() { return db.get(); }
        };
        LiftKernel kernel = Lift.builder().discover(false).environment(Map.of()).setting("lift.health.cache-time", "0ms")
                .plugin(new ApiGatewayV2Adapter()).plugin(new HealthEndpoints()).plugin(check).build();
        LocalServer server = new LocalServer(kernel, "127.0.0.1", 0, 4,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ObjectMapper json = new ObjectMapper();
        try {
            HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(server.uri() + "/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ready.statusCode());
            assertEquals("UP", json.readTree(ready.body()).get("status").asText());
            assertEquals("no-store", ready.headers().firstValue("Cache-Control").orElse(""));

            db.set(HealthResult.down(Map.of("error", "connection refused")));
            HttpResponse<String> components = client.send(HttpRequest.newBuilder(URI.create(server.uri() + "/health/components"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, components.statusCode());
            JsonNode body = json.readTree(components.body());
            assertEquals("DOWN", body.at("/components/db/status").asText());
            assertEquals("connection refused", body.at("/components/db/details/error").asText());
            assertTrue(body.at("/components/db/latencyMs").isIntegralNumber(), body.toString());
        } finally {
            server.stop(0);
            kernel.shutdown();
        }
    }
}
