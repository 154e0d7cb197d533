package dev.lift.plugins.ratelimit;

import dev.lift.plugins.testsupport.FakeClock;
import static dev.lift.plugins.ratelimit.HttpEvents.invoke;
import static dev.lift.plugins.ratelimit.HttpEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lift.api.HttpResponse;
import dev.lift.api.LiftPlugin;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftBootException;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.memorystore.MemoryStoreProvider;
import dev.lift.plugins.testsupport.TestApp;
import java.time.Instant;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Settings: from the environment, as Lambda passes them; a bad one fails boot naming it and what is allowed. */
class RateLimitSettingsTest {

    private static LiftKernel boot(Map<String, String> env, LiftPlugin... extra) {
        Lift.Builder b = Lift.builder().discover(false).environment(env)
                .plugin(new ApiGatewayV2Adapter())
                .plugin(new RateLimitPlugin(new FakeClock(Instant.parse("2025-03-01T10:00:00Z"))))
                .plugin(new TestApp(r -> r.get("/products", (req, ctx) -> HttpResponse.text("list"))
                        .post("/reports", (req, ctx) -> HttpResponse.text("report")).rateLimitClass("expensive")));
        for (LiftPlugin p : extra) {
            b.plugin(p);
        }
        return b.build();
    }

    private static String bootFailure(Map<String, String> env, LiftPlugin... extra) {
        return assertThrows(LiftBootException.class, () -> boot(env, extra).close()).getMessage();
    }

    @Test
    void isFoundByServiceLoaderAsMiddlewareInTheTrafficBand() {
        RateLimitPlugin p = ServiceLoader.load(dev.lift.spi.MiddlewarePlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(RateLimitPlugin.class::isInstance).map(RateLimitPlugin.class::cast).findFirst().orElseThrow();
        assertEquals("rate-limit", p.id());
        assertEquals(3000, p.order());
    }

    @Test
    void environmentVariablesConfigureTheGlobalLimitAndEachClass() {
        try (LiftKernel kernel = boot(Map.of("LIFT_RATE_LIMIT_LIMIT", "2", "LIFT_RATE_LIMIT_PERIOD", "10s",
                "LIFT_RATE_LIMIT_CLASS_EXPENSIVE_LIMIT", "1", "LIFT_RATE_LIMIT_CLASS_EXPENSIVE_PERIOD", "PT1H"))) {
            assertEquals("5", invoke(kernel, request("GET", "/products", "192.0.2.1", Map.of())).get("headers")
                    .get("ratelimit-reset").asText());
            assertEquals("3600", invoke(kernel, request("POST", "/reports", "192.0.2.1", Map.of())).get("headers")
                    .get("ratelimit-reset").asText());
        }
    }

    @Test
    void badValuesFailBootNamingTheSettingTheValueAndWhatIsAllowed() {
        assertEquals("Plugin 'rate-limit' (dev.lift.plugins.ratelimit.RateLimitPlugin from (registered programmatically)) "
                + "failed during init: Invalid setting lift.rate-limit.limit (env LIFT_RATE_LIMIT_LIMIT): '0' is not allowed; "
                + "expected a whole number from 1 to 1000000000", firstLine(bootFailure(Map.of("LIFT_RATE_LIMIT_LIMIT", "0"))));
        assertEquals("Invalid setting lift.rate-limit.limit (env LIFT_RATE_LIMIT_LIMIT): 'lots' is not allowed; expected "
                + "a whole number from 1 to 1000000000", detail(bootFailure(Map.of("LIFT_RATE_LIMIT_LIMIT", "lots"))));
        for (String period : new String[] {"0s", "500ms", "2d", "PT25H", "soon"}) {
            String message = detail(bootFailure(Map.of("LIFT_RATE_LIMIT_LIMIT", "5", "LIFT_RATE_LIMIT_PERIOD", period)));
            assertEquals("Invalid setting lift.rate-limit.period (env LIFT_RATE_LIMIT_PERIOD): '" + period + "' is not allowed; "
                    + (period.equals("0s") || period.equals("500ms") || period.equals("PT25H")
                    ? "expected a duration from 1s to 1 day, such as 10s, 1m or PT1H"
                    : "expected a duration such as 300ms, 2s, 1m or PT0.3S"), message);
        }
        assertEquals("Invalid setting lift.rate-limit.key (env LIFT_RATE_LIMIT_KEY): 'cookie' is not allowed; expected "
                + "ip, subject, route or header:<header name>",
                detail(bootFailure(Map.of("LIFT_RATE_LIMIT_LIMIT", "5", "LIFT_RATE_LIMIT_KEY", "cookie"))));
        assertEquals("Invalid setting lift.rate-limit.key (env LIFT_RATE_LIMIT_KEY): 'header:' is not allowed; expected "
                + "ip, subject, route or header:<header name>",
                detail(bootFailure(Map.of("LIFT_RATE_LIMIT_LIMIT", "5", "LIFT_RATE_LIMIT_KEY", "header:"))));
        assertEquals("Invalid setting lift.rate-limit.store (env LIFT_RATE_LIMIT_STORE): 'redis' is not allowed; expected "
                + "one of memory, store",
                detail(bootFailure(Map.of("LIFT_RATE_LIMIT_LIMIT", "5", "LIFT_RATE_LIMIT_STORE", "redis"))));
        assertEquals("Invalid setting lift.rate-limit.class.cheap.limit (env LIFT_RATE_LIMIT_CLASS_CHEAP_LIMIT): '(not set)' "
                + "is not allowed; expected a whole number from 1 to 1000000000 for rate-limit class 'cheap', which "
                + "lift.rate-limit.classes lists",
                detail(bootFailure(Map.of("LIFT_RATE_LIMIT_CLASSES", "cheap"))));
    }

    @Test
    void aRouteWhoseClassHasNoLimitFailsBootNamingTheRouteAndTheSetting() {
        assertEquals("Lift could not boot: Invalid setting lift.rate-limit.class.expensive.limit "
                + "(env LIFT_RATE_LIMIT_CLASS_EXPENSIVE_LIMIT): '(not set)' is not allowed; expected a whole number from 1 "
                + "to 1000000000 for rate-limit class 'expensive', which route POST /reports uses",
                firstLine(bootFailure(Map.of("LIFT_RATE_LIMIT_LIMIT", "5"))));
    }

    @Test
    void theStoreChoiceNeedsAKeyValueStoreAndSaysWhichPluginBringsOne() {
        assertEquals("Lift could not boot: lift.rate-limit.store=store (env LIFT_RATE_LIMIT_STORE) needs a KeyValueStore "
                + "resource, and none is installed: add a store plugin such as store-memory, or set store=memory",
                firstLine(bootFailure(Map.of("LIFT_RATE_LIMIT_LIMIT", "5", "LIFT_RATE_LIMIT_STORE", "store",
                        "LIFT_RATE_LIMIT_CLASS_EXPENSIVE_LIMIT", "1"))));
        try (LiftKernel kernel = boot(Map.of("LIFT_RATE_LIMIT_LIMIT", "1", "LIFT_RATE_LIMIT_STORE", "store",
                "LIFT_RATE_LIMIT_CLASS_EXPENSIVE_LIMIT", "1"), new MemoryStoreProvider())) {
            // Fixed windows of a minute aligned to the epoch: the clock is at 10:00:00, so the window ends in 60 s.
            assertEquals("1/0/60", quota(invoke(kernel, request("GET", "/products", "192.0.2.1", Map.of()))));
            assertEquals(429, invoke(kernel, request("GET", "/products", "192.0.2.1", Map.of())).get("statusCode").asInt());
        }
    }

    private static String quota(com.fasterxml.jackson.databind.JsonNode r) {
        return r.get("headers").get("ratelimit-limit").asText() + "/" + r.get("headers").get("ratelimit-remaining").asText()
                + "/" + r.get("headers").get("ratelimit-reset").asText();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String detail(String bootMessage) {
        String line = firstLine(bootMessage);
        return line.substring(line.indexOf("Invalid setting"));
    }
}
