package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.lift.api.LiftPlugin;
import dev.lift.api.RouteDescriptor;
import dev.lift.kernel.testing.Responses;
import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestHttpAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The kernel's Jackson mapper: java.time out of the box, modules from plugins, strict scalars, honest failures. */
class JsonSpiTest {

    /** A money type only a module knows how to write. */
    record Money(long cents, String currency) {
    }

    /** Contributes a Jackson module, as a plugin or application may. */
    static final class MoneyModule implements LiftPlugin {
        @Override
        public String id() {
            return "money-json";
        }

        @Override
        public List<Module> jsonModules() {
            return List.of(new SimpleModule("money").addSerializer(Money.class, new StdSerializer<>(Money.class) {
                @Override
                public void serialize(Money m, JsonGenerator g, SerializerProvider p) throws IOException {
                    g.writeString(m.cents() / 100 + "." + String.format("%02d", m.cents() % 100) + " " + m.currency());
                }
            }));
        }
    }

    record Price(String sku, Money price, Instant at) {
    }

    record Title(String title) {
    }

    /** Jackson cannot make one: no type information for an interface. */
    interface Shape {
    }

    /** Jackson cannot write it: a getter that fails. */
    static final class Broken {
        public String getValue() {
            throw new IllegalStateException("no value");
        }
    }

    private static JsonNode call(LiftKernel k, String method, String path, String body) {
        return Responses.parse(k.invoke(TestHttpAdapter.request(method, path, body, "Content-Type", "application/json")));
    }

    @Test
    void aModuleFromAPluginAndJavaTimeWriteTheResponse() {
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter()).plugin(new MoneyModule())
                .plugin(new TestApp(r -> r.get("/price", (req, ctx) ->
                        new Price("pen", new Money(1250, "EUR"), Instant.parse("2026-12-01T10:15:30Z"))))).build();
        assertEquals("{\"sku\":\"pen\",\"price\":\"12.50 EUR\",\"at\":\"2026-12-01T10:15:30Z\"}",
                call(k, "GET", "/price", null).get("body").asText());
    }

    @Test
    void scalarsAreStrictANumberForAStringFieldIs422() {
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter())
                .plugin(new TestApp(r -> r.post("/titles", Title.class, (t, req, ctx) -> t.title()))).build();
        JsonNode res = call(k, "POST", "/titles", "{\"title\":123}");
        assertEquals(422, res.get("status").asInt());
        assertTrue(res.get("body").asText().contains("{\"field\":\"title\",\"message\":\"must be a string\"}"),
                res.get("body").asText());
        assertEquals("ok", call(k, "POST", "/titles", "{\"title\":\"ok\"}").get("body").asText());
    }

    @Test
    void aResponseJacksonCannotWriteIsA500WhoseLogLineKeepsJacksonsReason() {
        KernelHttpTest.CapturingHandler logs = KernelHttpTest.CapturingHandler.install("lift.errors");
        try {
            LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter())
                    .plugin(new TestApp(r -> r.get("/broken", (req, ctx) -> new Broken()))).build();
            JsonNode res = call(k, "GET", "/broken", null);
            assertEquals(500, res.get("status").asInt());
            assertFalse(res.get("body").asText().contains("no value"), res.get("body").asText());
            LogRecord logged = logs.records.get(0);
            String reason = String.valueOf(logged.getThrown().getMessage());
            assertTrue(reason.contains(Broken.class.getName()) && reason.contains("no value"), reason);
        } finally {
            logs.uninstall();
        }
    }

    @Test
    void unreadableBodyTypesAreReportedByRouteWithoutBuildingReadersAtBoot() {
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter())
                .plugin(new TestApp(r -> r.post("/shapes", Shape.class, (s, req, ctx) -> "ok")
                        .post("/titles", Title.class, (t, req, ctx) -> "ok"))).build();
        Map<RouteDescriptor, String> problems = k.unreadableBodyTypes();
        assertEquals(1, problems.size(), problems.toString());
        Map.Entry<RouteDescriptor, String> only = problems.entrySet().iterator().next();
        assertEquals("POST /shapes", only.getKey().toString());
        assertTrue(only.getValue().startsWith(Shape.class.getName() + ": "), only.getValue());
    }
}
