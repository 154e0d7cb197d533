package dev.lift.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.lift.api.LiftApplication;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.Routes;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.cors.CorsPlugin;
import dev.lift.plugins.jwt.JwtPlugin;
import dev.lift.plugins.logging.LoggingPlugin;
import dev.lift.plugins.ratelimit.RateLimitPlugin;
import dev.lift.plugins.requestid.RequestIdPlugin;
import dev.lift.plugins.securityheaders.SecurityHeadersPlugin;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The standard middleware stack as lift.jar ships it, every plugin real, in the documented global
 * order: request id, then logging, then CORS and security headers, then authentication (JWT verified
 * against a JWKS served on 127.0.0.1), then rate limiting keyed by the authenticated subject, then the
 * handler. Each assertion is something a client or an operator would see.
 */
class StandardStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer jwks;
    private static RSAKey key;

    @BeforeAll
    static void startJwks() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("stack-1").generate();
        byte[] set = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        jwks.createContext("/jwks.json", ex -> {
            ex.sendResponseHeaders(200, set.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(set);
            }
        });
        jwks.start();
    }

    @AfterAll
    static void stopJwks() {
        jwks.stop(0);
    }

    private static String token(String subject) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("stack-1").build(),
                new JWTClaimsSet.Builder().issuer("https://issuer.test").audience("orders-api").subject(subject)
                        .expirationTime(new Date(System.currentTimeMillis() + 600_000)).claim("scope", "orders:read").build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** The application: one protected route that says who called. */
    static final class Orders implements LiftApplication {
        @Override public String id() { return "orders"; }
        @Override public void configure(Routes routes) {
            routes.get("/orders", (req, ctx) -> Map.of("caller", ctx.attribute("lift.auth.subject").orElse("?")))
                    .authenticated();
        }
    }

    private static LiftKernel kernel(PrintStream logs) {
        return Lift.builder().discover(false).environment(Map.of())
                .plugin(new ApiGatewayV2Adapter()).plugin(new Orders())
                // Given in reverse to show that the order is the plugins' own, not the order they arrive in.
                .plugin(new RateLimitPlugin()).plugin(new JwtPlugin()).plugin(new SecurityHeadersPlugin())
                .plugin(new CorsPlugin()).plugin(new LoggingPlugin(logs)).plugin(new RequestIdPlugin())
                .setting("lift.jwt.jwks-url", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json")
                .setting("lift.jwt.issuer", "https://issuer.test")
                .setting("lift.jwt.audience", "orders-api")
                .setting("lift.cors.allowed-origins", "https://shop.test")
                .setting("lift.rate-limit.limit", "2")
                .setting("lift.rate-limit.period", "PT1H")
                .setting("lift.rate-limit.key", "subject")
                .build();
    }

    private static JsonNode get(LiftKernel kernel, String authorization, String requestId) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(Path.of(System.getProperty("lift.fixtures"), "apigw_http_event.json").toFile());
        event.put("rawPath", "/orders").put("routeKey", "$default").remove(List.of("body", "rawQueryString", "cookies"));
        event.with("requestContext").with("http").put("method", "GET").put("path", "/orders");
        ObjectNode headers = event.putObject("headers");
        headers.put("origin", "https://shop.test").put("x-request-id", requestId);
        if (authorization != null) {
            headers.put("authorization", authorization);
        }
        return JSON.readTree(kernel.invoke(JSON.writeValueAsBytes(event)));
    }

    private static List<JsonNode> accessLines(ByteArrayOutputStream logs) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logs.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                JsonNode parsed = JSON.readTree(line); // every line is one JSON object
                if (parsed.path("message").asText().startsWith("GET /orders")) {
                    lines.add(parsed);
                }
            }
        }
        return lines;
    }

    @Test
    void theChainIsInTheDocumentedOrderWhateverOrderThePluginsArriveIn() {
        try (LiftKernel kernel = kernel(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            RouteDescriptor orders = kernel.routes().stream().filter(r -> "/orders".equals(r.template())).findFirst().orElseThrow();
            List<String> chain = orders.middleware();
            List<String> expected = List.of("request-id", "logging", "cors", "security-headers", "jwt", "rate-limit");
            int last = -1;
            for (String name : expected) {
                int at = chain.indexOf(name);
                assertTrue(at > last, name + " out of order in " + chain);
                last = at;
            }
        }
    }

    @Test
    void eachLayerDoesItsPartAndOnlyAuthenticatedCallsCountAgainstTheCallersLimit() throws Exception {
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (LiftKernel kernel = kernel(new PrintStream(logs, true, StandardCharsets.UTF_8))) {
            String alice = "Bearer " + token("alice");

            JsonNode ok = get(kernel, alice, "req-1");
            assertEquals(200, ok.get("statusCode").asInt(), ok.toString());
            assertEquals("alice", JSON.readTree(ok.get("body").asText()).get("caller").asText());
            JsonNode h = ok.get("headers");
            assertEquals("req-1", h.path("x-request-id").asText(), h.toString());                  // request id
            assertEquals("https://shop.test", h.path("access-control-allow-origin").asText(), h.toString()); // CORS
            assertEquals("nosniff", h.path("x-content-type-options").asText(), h.toString());      // security headers
            assertEquals("2", h.path("ratelimit-limit").asText(), h.toString());                   // rate limit
            assertEquals("1", h.path("ratelimit-remaining").asText(), h.toString());

            // No token: refused by authentication, which sits outside the rate limit, so nothing is counted.
            JsonNode refused = get(kernel, null, "req-2");
            assertEquals(401, refused.get("statusCode").asInt());
            assertTrue(refused.get("headers").path("www-authenticate").asText().startsWith("Bearer"), refused.toString());
            assertEquals("req-2", refused.get("headers").path("x-request-id").asText());
            assertEquals("https://shop.test", refused.get("headers").path("access-control-allow-origin").asText());
            assertFalse(refused.get("headers").has("ratelimit-remaining"), refused.toString());

            assertEquals(200, get(kernel, alice, "req-3").get("statusCode").asInt());
            JsonNode limited = get(kernel, alice, "req-4");
            assertEquals(429, limited.get("statusCode").asInt(), limited.toString());
            assertTrue(limited.get("headers").has("retry-after"), limited.toString());
            assertEquals("req-4", limited.get("headers").path("x-request-id").asText());

            // The limit is the subject's own: another caller is not limited by alice's calls.
            assertEquals(200, get(kernel, "Bearer " + token("bob"), "req-5").get("statusCode").asInt());

            // One access line per request, with the id the caller sent and the status the caller got; never the token.
            List<JsonNode> access = accessLines(logs);
            assertEquals(List.of("req-1", "req-2", "req-3", "req-4", "req-5"),
                    access.stream().map(l -> l.path("correlation_id").asText()).toList(), access.toString());
            assertEquals(List.of(200, 401, 200, 429, 200), access.stream().map(l -> l.path("status").asInt()).toList(),
                    access.toString());
            assertFalse(logs.toString(StandardCharsets.UTF_8).contains(alice.substring(7)), "a token reached the log");
        }
    }
}
