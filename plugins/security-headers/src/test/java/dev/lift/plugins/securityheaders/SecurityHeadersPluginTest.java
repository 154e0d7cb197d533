package dev.lift.plugins.securityheaders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.HttpResponse;
import dev.lift.kernel.LiftBootException;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import dev.lift.test.Events;
import dev.lift.test.HttpResult;
import dev.lift.test.LiftTestKit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The security-headers plugin in a real kernel with the HTTP API adapter and problem details, fed HTTP API events from the test kit. */
class SecurityHeadersPluginTest {

    record Note(String text) {
    }

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
                .plugin(new SecurityHeadersPlugin()).plugin(new TestApp(r -> r
                        .get("/page", (req, ctx) -> "page")
                        .get("/embeddable", (req, ctx) -> HttpResponse.text("ok").header("X-Frame-Options", "SAMEORIGIN"))
                        .post("/notes", Note.class, (note, req, ctx) -> Map.of("saved", note.text()))
                        .get("/echo", (req, ctx) -> HttpResponse.text("x").header("X-Echo", req.queryParam("v").orElse("")))));
        settings.forEach((k, v) -> b.setting("lift.security-headers." + k, v));
        return b.build();
    }

    private static void assertDefaults(HttpResult res) {
        res.assertHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .assertHeader("X-Content-Type-Options", "nosniff")
                .assertHeader("X-Frame-Options", "DENY")
                .assertHeader("Referrer-Policy", "no-referrer");
    }

    @Test
    void everyAnswerCarriesTheHeadersRoutesErrorsAndUnmatchedAlikeAndAHandlersOwnValueIsKept() {
        lift = boot(Map.of());
        assertDefaults(lift.invoke(Events.http("GET", "/page")).http().assertStatus(200));
        assertDefaults(lift.invoke(Events.http("GET", "/nowhere")).http().assertStatus(404));
        assertDefaults(lift.invoke(Events.http("DELETE", "/page")).http().assertStatus(405));
        assertDefaults(lift.invoke(Events.http("POST", "/notes").json("{\"text\":")).http().assertStatus(400));
        lift.invoke(Events.http("GET", "/embeddable")).http().assertHeader("X-Frame-Options", "SAMEORIGIN");
    }

    @Test
    void eachHeaderIsASettingAndOffLeavesItOut() {
        lift = boot(Map.of("hsts", "max-age=600; includeSubDomains; preload", "frame-options", "sameorigin",
                "referrer-policy", "strict-origin-when-cross-origin", "nosniff", "false"));
        HttpResult res = lift.invoke(Events.http("GET", "/page")).http();
        res.assertHeader("Strict-Transport-Security", "max-age=600; includeSubDomains; preload")
                .assertHeader("X-Frame-Options", "SAMEORIGIN")
                .assertHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        assertNull(res.header("X-Content-Type-Options"));
        lift.close();
        lift = boot(Map.of("hsts", "off", "frame-options", "off", "referrer-policy", "off"));
        HttpResult off = lift.invoke(Events.http("GET", "/page")).http();
        assertNull(off.header("Strict-Transport-Security"));
        assertNull(off.header("X-Frame-Options"));
        assertNull(off.header("Referrer-Policy"));
        off.assertHeader("X-Content-Type-Options", "nosniff");
    }

    @Test
    void aBodyOverTheLimitIs413BeforeTheHandlerRuns() {
        lift = boot(Map.of("max-body-bytes", "64"));
        String small = "{\"text\":\"" + "a".repeat(40) + "\"}";
        lift.invoke(Events.http("POST", "/notes").json(small)).http().assertStatus(200);
        String big = "{\"text\":\"" + "a".repeat(60) + "\"}";
        HttpResult res = lift.invoke(Events.http("POST", "/notes").json(big)).http();
        res.assertStatus(413);
        assertEquals("The request body is larger than 64 bytes", res.bodyJson().get("detail").asText());
        assertDefaults(res);
    }

    @Test
    void typedBodyRoutesTakeOnlyJsonMediaTypes() {
        lift = boot(Map.of());
        String body = "{\"text\":\"hi\"}";
        for (String refused : List.of("text/plain; a=json", "text/plain", "application/x-www-form-urlencoded")) {
            HttpResult res = lift.invoke(Events.http("POST", "/notes").body(body.getBytes(), refused)).http();
            res.assertStatus(415);
            assertDefaults(res);
        }
        for (String accepted : List.of("application/json", "application/json; charset=utf-8", "application/vnd.notes+json")) {
            lift.invoke(Events.http("POST", "/notes").body(body.getBytes(), accepted)).http().assertStatus(200)
                    .assertJsonBody("{\"saved\":\"hi\"}");
        }
    }

    @Test
    void aResponseHeaderValueWithCrOrLfIsRefusedNotSplit() {
        lift = boot(Map.of());
        HttpResult res = lift.invoke(Events.http("GET", "/echo").query("v", "a\r\nSet-Cookie: session=stolen")).http();
        res.assertStatus(500);
        assertDefaults(res);
        assertNull(res.header("X-Echo"));
        assertTrue(res.cookies().isEmpty(), res.cookies().toString());
        assertFalse(res.bodyText().contains("stolen"), res.bodyText());
        assertTrue(errors.lines().stream().anyMatch(l -> l.contains("X-Echo") && l.contains("control character")),
                errors.lines().toString());
        assertFalse(errors.lines().stream().anyMatch(l -> l.contains("stolen")), "the value is not logged");
    }

    @Test
    void badSettingsFailBootNamingTheSettingAndWhatIsAllowed() {
        Map<Map<String, String>, List<String>> cases = Map.of(
                Map.of("frame-options", "ALLOW-FROM x"), List.of("lift.security-headers.frame-options",
                        "LIFT_SECURITY_HEADERS_FRAME_OPTIONS", "DENY, SAMEORIGIN or off"),
                Map.of("referrer-policy", "sometimes"), List.of("lift.security-headers.referrer-policy", "no-referrer, "),
                Map.of("hsts", "forever"), List.of("lift.security-headers.hsts", "max-age=31536000"),
                Map.of("max-body-bytes", "0"), List.of("LIFT_SECURITY_HEADERS_MAX_BODY_BYTES", "1 to 67108864"),
                Map.of("nosniff", "maybe"), List.of("lift.security-headers.nosniff", "true or false"));
        cases.forEach((settings, expected) -> {
            LiftBootException e = assertThrows(LiftBootException.class, () -> boot(settings), settings.toString());
            for (String part : expected) {
                assertTrue(e.getMessage().contains(part), settings + " -> " + e.getMessage());
            }
        });
    }

    @Test
    void enabledFalseDeclines() {
        lift = boot(Map.of("enabled", "false"));
        assertNull(lift.invoke(Events.http("GET", "/page")).http().header("X-Frame-Options"));
    }
}
