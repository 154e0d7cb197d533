package dev.lift.plugins.cors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.LiftException;
import dev.lift.kernel.LiftBootException;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.test.Events;
import dev.lift.test.HttpApiEventBuilder;
import dev.lift.test.HttpResult;
import dev.lift.test.LiftTestKit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cors plugin in a real kernel with the HTTP API adapter and problem details, fed HTTP API events from the test kit. */
class CorsPluginTest {

    private LiftTestKit lift;
    private LogCapture errors;

    @BeforeEach
    void quiet() {
        errors = LogCapture.on("lift.errors");
    }

    @AfterEach
    void stop() {
        if (lift != null) {
            lift.close();
        }
        errors.close();
    }

    private LiftTestKit boot(Map<String, String> settings) {
        LiftTestKit.Builder b = LiftTestKit.builder().plugin(new ApiGatewayV2Adapter()).plugin(new ProblemDetailsErrorStrategy())
                .plugin(new CorsPlugin()).plugin(new TestApp(r -> r
                        .get("/items", (req, ctx) -> List.of("pen"))
                        .post("/items", (req, ctx) -> "made")
                        .get("/boom", (req, ctx) -> {
                            throw LiftException.conflict("no");
                        })
                        .route("ANY", "/anything", (req, ctx) -> "any")));
        settings.forEach((k, v) -> b.setting("lift.cors." + k, v));
        return b.build();
    }

    private HttpResult send(HttpApiEventBuilder event) {
        return lift.invoke(event).http();
    }

    private static HttpApiEventBuilder preflight(String path, String origin, String method, String headers) {
        HttpApiEventBuilder e = Events.http("OPTIONS", path).header("Origin", origin).header("Access-Control-Request-Method", method);
        return headers == null ? e : e.header("Access-Control-Request-Headers", headers);
    }

    @Test
    void aPreflightIsAnsweredForAnExistingPathThatHasNoOptionsHandler() {
        lift = boot(Map.of("allowed-origins", "https://app.example.com", "max-age", "5m"));
        HttpResult res = send(preflight("/items", "https://app.example.com", "POST", "Content-Type, Authorization"));
        res.assertStatus(204)
                .assertHeader("Access-Control-Allow-Origin", "https://app.example.com")
                .assertHeader("Access-Control-Allow-Methods", "GET, HEAD, POST")
                .assertHeader("Access-Control-Allow-Headers", "content-type, authorization")
                .assertHeader("Access-Control-Max-Age", "300")
                .assertHeader("Vary", "Origin");
        assertNull(res.header("Access-Control-Allow-Credentials"));
        // A method the path does not serve, or a header not allowed: refused without CORS headers.
        HttpResult put = send(preflight("/items", "https://app.example.com", "PUT", null));
        put.assertStatus(403);
        assertNull(put.header("Access-Control-Allow-Origin"));
        HttpResult header = send(preflight("/items", "https://app.example.com", "GET", "X-Secret"));
        header.assertStatus(403);
        assertNull(header.header("Access-Control-Allow-Origin"));
        // A path no route has: the 404 is passed on.
        send(preflight("/nothing", "https://app.example.com", "GET", null)).assertStatus(404);
        // An ANY route takes every allowed method.
        send(preflight("/anything", "https://app.example.com", "DELETE", null)).assertStatus(204)
                .assertHeader("Access-Control-Allow-Methods", "DELETE, GET, HEAD, PATCH, POST, PUT");
        // Without CORS, an OPTIONS the app does not serve is still the kernel's 405.
        send(Events.http("OPTIONS", "/items")).assertStatus(405).assertHeader("Allow", "GET, HEAD, POST");
    }

    @Test
    void actualRequestsAndErrorAnswersFromAnAllowedOriginCarryCorsHeaders() {
        lift = boot(Map.of("allowed-origins", "https://app.example.com", "exposed-headers", "X-Request-Id,ETag"));
        send(Events.http("GET", "/items").header("Origin", "https://app.example.com")).assertStatus(200)
                .assertHeader("Access-Control-Allow-Origin", "https://app.example.com")
                .assertHeader("Access-Control-Expose-Headers", "x-request-id, etag")
                .assertHeader("Vary", "Origin");
        send(Events.http("GET", "/boom").header("Origin", "https://app.example.com")).assertStatus(409)
                .assertHeader("Access-Control-Allow-Origin", "https://app.example.com");
        send(Events.http("GET", "/missing").header("Origin", "https://app.example.com")).assertStatus(404)
                .assertHeader("Access-Control-Allow-Origin", "https://app.example.com");
        send(Events.http("DELETE", "/items").header("Origin", "https://app.example.com")).assertStatus(405)
                .assertHeader("Access-Control-Allow-Origin", "https://app.example.com");
        // No Origin: no CORS headers, but the answer still varies by Origin.
        HttpResult plain = send(Events.http("GET", "/items"));
        assertNull(plain.header("Access-Control-Allow-Origin"));
        plain.assertHeader("Vary", "Origin");
    }

    @Test
    void aDisallowedOriginGetsNoCorsHeaderAndItsPreflightIsNotAnswered() {
        lift = boot(Map.of("allowed-origins", "https://app.example.com,https://*.example.org"));
        for (String origin : List.of("https://evil.example.com", "http://app.example.com", "https://app.example.com:8443",
                "https://example.org", "https://evilexample.org", "null", "https://app.example.com/path")) {
            HttpResult res = send(Events.http("GET", "/items").header("Origin", origin));
            res.assertStatus(200);
            assertNull(res.header("Access-Control-Allow-Origin"), origin);
            HttpResult pre = send(preflight("/items", origin, "GET", null));
            pre.assertStatus(405);
            assertNull(pre.header("Access-Control-Allow-Origin"), origin);
        }
        for (String origin : List.of("https://a.example.org", "https://a.b.example.org", "https://APP.example.com")) {
            send(Events.http("GET", "/items").header("Origin", origin)).assertHeader("Access-Control-Allow-Origin", origin);
        }
    }

    @Test
    void withCredentialsTheOriginIsEchoedAndWithoutAStarIsSent() {
        lift = boot(Map.of("allowed-origins", "https://app.example.com", "allow-credentials", "true"));
        send(Events.http("GET", "/items").header("Origin", "https://app.example.com"))
                .assertHeader("Access-Control-Allow-Origin", "https://app.example.com")
                .assertHeader("Access-Control-Allow-Credentials", "true");
        lift.close();
        lift = boot(Map.of("allowed-origins", "*"));
        HttpResult any = send(Events.http("GET", "/items").header("Origin", "https://whoever.test"));
        any.assertHeader("Access-Control-Allow-Origin", "*");
        assertNull(any.header("Access-Control-Allow-Credentials"));
    }

    @Test
    void withoutAllowedOriginsThePluginDeclinesAndNoRouteHasIt() {
        lift = boot(Map.of());
        HttpResult res = send(Events.http("GET", "/items").header("Origin", "https://app.example.com"));
        assertNull(res.header("Access-Control-Allow-Origin"));
        assertNull(res.header("Vary"));
        lift.kernel().routes().forEach(d -> assertFalse(d.middleware().contains("cors"), d.toString()));
    }

    @Test
    void badSettingsFailBootNamingTheSettingAndWhatIsAllowed() {
        Map<Map<String, String>, List<String>> cases = Map.of(
                Map.of("allowed-origins", "*", "allow-credentials", "true"),
                List.of("lift.cors.allowed-origins", "LIFT_CORS_ALLOWED_ORIGINS", "without *", "allow-credentials"),
                Map.of("allowed-origins", "https://*.com"),
                List.of("lift.cors.allowed-origins", "top-level domain"),
                Map.of("allowed-origins", "ftp://files.example.com"),
                List.of("lift.cors.allowed-origins", "https://app.example.com or https://*.example.com"),
                Map.of("allowed-origins", "https://a.example.com", "allow-credentials", "yes"),
                List.of("lift.cors.allow-credentials", "true or false"),
                Map.of("allowed-origins", "https://a.example.com", "max-age", "2d"),
                List.of("lift.cors.max-age"),
                Map.of("allowed-origins", "https://a.example.com", "allowed-methods", "GET,PO ST"),
                List.of("lift.cors.allowed-methods", "methods"));
        cases.forEach((settings, expected) -> {
            LiftBootException e = assertThrows(LiftBootException.class, () -> boot(settings), settings.toString());
            for (String part : expected) {
                assertTrue(e.getMessage().contains(part), settings + " -> " + e.getMessage());
            }
        });
    }
}
