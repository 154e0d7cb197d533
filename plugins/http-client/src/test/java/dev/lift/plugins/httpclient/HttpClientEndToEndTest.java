package dev.lift.plugins.httpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.HttpResponse;
import dev.lift.api.Json;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.failsafe.FailsafeResourceProvider;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.spi.HealthResult;
import dev.lift.spi.resilience.ResiliencePolicies;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real kernel with the HTTP API adapter, this plugin and the Failsafe policies configured by
 * settings: a handler finds the shared client by type or by name and calls a flaky local service
 * through a named retry policy; a snapshot restore gives later calls new connections.
 */
class HttpClientEndToEndTest {

    private LocalServer server;
    private LiftKernel kernel;
    private LogCapture resilienceLog;

    @BeforeEach
    void boot() throws Exception {
        server = new LocalServer();
        resilienceLog = LogCapture.on("lift.resilience-failsafe"); // keep its retry lines out of the build output
        TestApp app = new TestApp(routes -> {
            routes.get("/inventory", (req, ctx) -> {
                HttpClient client = ctx.resources().require(HttpClient.class);
                String body = ctx.resources().require(ResiliencePolicies.class).policy("inventory").call(ctx, () -> {
                    java.net.http.HttpResponse<String> r = client.send(HttpRequest.newBuilder(server.uri("/flaky")).build(),
                            BodyHandlers.ofString());
                    if (r.statusCode() >= 500) {
                        throw new IOException("inventory answered " + r.statusCode()); // transient: retried
                    }
                    return r.body();
                });
                return HttpResponse.text(body);
            });
            routes.get("/port", (req, ctx) -> HttpResponse.text(ctx.resources().require(HttpClient.class, "http-client")
                    .send(HttpRequest.newBuilder(server.uri("/port")).build(), BodyHandlers.ofString()).body()));
        });
        kernel = Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter())
                .plugin(new HttpClientProvider())
                .plugin(new FailsafeResourceProvider())
                .plugin(app)
                .settings(Map.of(
                        "lift.http-client.version", "http-1-1",
                        "lift.http-client.ping-url", server.uri("/ok").toString(),
                        "lift.resilience-failsafe.policies", "inventory",
                        "lift.resilience-failsafe.inventory.retry.max-attempts", "3",
                        "lift.resilience-failsafe.inventory.retry.delay", "10ms"))
                .build();
    }

    @AfterEach
    void shutDown() {
        kernel.close();
        resilienceLog.close();
        server.close();
    }

    private JsonNode get(String path) throws Exception {
        String event = "{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"" + path + "\",\"rawQueryString\":\"\","
                + "\"headers\":{},\"requestContext\":{\"requestId\":\"r1\",\"stage\":\"$default\","
                + "\"http\":{\"method\":\"GET\",\"path\":\"" + path + "\"}},\"isBase64Encoded\":false}";
        return Json.mapper().readTree(kernel.invoke(event.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aHandlerCallsAFlakyServiceThroughANamedRetryPolicyAndSucceeds() throws Exception {
        JsonNode response = get("/inventory");
        assertEquals(200, response.get("statusCode").asInt(), response.toString());
        assertEquals("recovered", response.get("body").asText());
        assertEquals(3, server.hits("/flaky"), "two 503s retried, the third call answered");
    }

    @Test
    void theClientIsFoundByTypeAndByNameAsOneSharedInstance() throws Exception {
        // Plugins see the same lookup as handlers; the kernel's health report runs the ping.
        assertEquals(new HealthResult(HealthResult.Status.UP, Map.of("ping", server.uri("/ok").toString(), "status", 200)),
                kernel.health().get("resource:http-client"));
        String first = get("/port").get("body").asText();
        assertEquals(first, get("/port").get("body").asText(), "kept alive across invocations");
        kernel.snapshots().beforeCheckpoint();
        kernel.snapshots().afterRestore();
        assertNotEquals(first, get("/port").get("body").asText(), "no connection survives a snapshot restore");
    }
}
