package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.lift.api.EventSelector;
import dev.lift.api.Json;
import dev.lift.api.LiftPlugin;
import dev.lift.api.PluginContext;
import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestEventAdapter;
import dev.lift.kernel.testing.TestHttpAdapter;
import dev.lift.kernel.testing.TestRecordAdapter;
import dev.lift.kernel.testing.TestRecordAdapter.TestRecord;
import dev.lift.spi.InvocationListener;
import dev.lift.spi.ResourceProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Pre-warming during init with the time each plugin took, typed-body readers built on first use
 * or while priming (never at boot), and the priming pass that runs no application code.
 */
class PrewarmAndPrimingTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** A body type whose deserializer construction the counting module sees. */
    public record Order(String item, int quantity) {
    }

    /** Counts how often Jackson builds the deserializer of {@link Order}: each build of its reader does. */
    static final class CountingJson implements LiftPlugin {
        final AtomicInteger orderDeserializersBuilt = new AtomicInteger();

        @Override
        public String id() {
            return "counting-json";
        }

        @Override
        public List<Module> jsonModules() {
            SimpleModule m = new SimpleModule("counting");
            m.setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
                                                              JsonDeserializer<?> deserializer) {
                    if (bean.getBeanClass() == Order.class) {
                        orderDeserializersBuilt.incrementAndGet();
                    }
                    return deserializer;
                }
            });
            return List.of(m);
        }
    }

    /** A pool that records open and prewarm. */
    final class Pool implements ResourceProvider<StringBuilder> {
        @Override
        public String id() {
            return "test-pool";
        }

        @Override
        public Class<StringBuilder> type() {
            return StringBuilder.class;
        }

        @Override
        public StringBuilder open(PluginContext context) {
            calls.add("open");
            return new StringBuilder();
        }

        @Override
        public void prewarm(StringBuilder resource) {
            calls.add("prewarm");
            resource.append("warm");
        }
    }

    /** Hears of every invocation and record. */
    final class Listener implements InvocationListener, LiftPlugin {
        @Override
        public String id() {
            return "test-listener";
        }

        @Override
        public void onStart(dev.lift.api.InvocationContext invocation) {
            calls.add("listener");
        }
    }

    @Test
    void providersArePrewarmedDuringInitAndOneDebugLineGivesEachPluginsTime() {
        Logger kernelLog = Logger.getLogger("lift.kernel");
        Level previous = kernelLog.getLevel();
        kernelLog.setLevel(Level.FINE);
        KernelHttpTest.CapturingHandler log = KernelHttpTest.CapturingHandler.install("lift.kernel");
        try {
            LiftKernel k = Lift.builder().discover(false).environment(Map.of()).plugin(new TestHttpAdapter())
                    .plugin(new Pool()).plugin(new TestApp(r -> r.get("/warm",
                            (req, ctx) -> ctx.resources().require(StringBuilder.class).toString()))).build();

            assertEquals(List.of("open", "prewarm"), calls, "opened and pre-warmed before the first invocation");
            List<String> lines = log.records.stream().map(LogRecord::getMessage)
                    .filter(m -> m.startsWith("Plugins initialised")).collect(java.util.stream.Collectors.toList());
            assertEquals(1, lines.size(), lines::toString);
            assertTrue(Pattern.matches("Plugins initialised in \\d+ ms: test-app \\d+ ms, test-http \\d+ ms, "
                    + "test-pool \\d+ ms \\(init \\d+, open \\d+, prewarm \\d+\\)", lines.get(0)), lines.get(0));
            k.shutdown();
        } finally {
            log.uninstall();
            kernelLog.setLevel(previous);
        }
    }

    @Test
    void aTypedBodyReaderIsBuiltOnFirstUseOnceAndNotAtBoot() {
        CountingJson json = new CountingJson();
        LiftKernel k = Lift.builder().discover(false).environment(Map.of()).plugin(new TestHttpAdapter()).plugin(json)
                .plugin(new TestApp(r -> r.post("/orders", Order.class, (o, req, ctx) -> o.item() + " x" + o.quantity())))
                .build();
        assertEquals(0, json.orderDeserializersBuilt.get(), "boot builds no reader");

        for (int i = 0; i < 3; i++) {
            JsonNode res = dev.lift.kernel.testing.Responses.parse(k.invoke(TestHttpAdapter.request("POST", "/orders",
                    "{\"item\":\"tea\",\"quantity\":2}")));
            assertEquals("tea x2", res.get("body").asText(), res.toString());
        }
        assertEquals(1, json.orderDeserializersBuilt.get());
        k.shutdown();
    }

    @Test
    void primingBuildsEveryReaderAndSendsEachSampleThroughThePipelineWithoutApplicationCode() throws Exception {
        CountingJson json = new CountingJson();
        LiftKernel k = Lift.builder().discover(false).environment(Map.of()).plugin(new TestHttpAdapter())
                .plugin(new TestRecordAdapter()).plugin(new TestEventAdapter()).plugin(json).plugin(new Listener())
                .plugin(new TestApp(r -> r.post("/orders", Order.class, (o, req, ctx) -> {
                    calls.add("handler /orders");
                    return "ok";
                }).onRecord(EventSelector.any(TestRecord.class), (rec, ctx) -> calls.add("handler record"))
                        .onEvent(EventSelector.any(TestEventAdapter.Ping.class), (p, ctx) -> {
                            calls.add("handler ping");
                            return null;
                        }))).build();

        List<JsonNode> samples = List.of(
                Json.mapper().readTree(TestHttpAdapter.request("POST", "/orders", "{\"item\":\"tea\",\"quantity\":1}")),
                Json.mapper().readTree(TestRecordAdapter.batch("q", false, true, "a", "b")),
                Json.mapper().readTree("{\"test\":\"event\",\"name\":\"nightly\"}"),
                Json.mapper().readTree("{\"no\":\"adapter claims this\"}"));
        int primed = k.snapshots().prime(samples);

        assertEquals(3, primed, "three samples had an adapter; the fourth is skipped");
        assertEquals(1, json.orderDeserializersBuilt.get(), "the typed body's reader is built while priming");
        assertEquals(List.of(), calls, "no handler and no listener ran");

        // Real traffic afterwards: a cold start still, the reader reused.
        JsonNode first = dev.lift.kernel.testing.Responses.parse(k.invoke(TestHttpAdapter.request("POST", "/orders",
                "{\"item\":\"tea\",\"quantity\":1}")));
        assertEquals("ok", first.get("body").asText(), first.toString());
        assertEquals(List.of("listener", "handler /orders"), calls);
        assertEquals(1, json.orderDeserializersBuilt.get());
        k.shutdown();
    }

    @Test
    void primingSwitchedOffDoesNothing() throws Exception {
        CountingJson json = new CountingJson();
        LiftKernel k = Lift.builder().discover(false).environment(Map.of()).setting("lift.snapshot.priming", "false")
                .plugin(new TestHttpAdapter()).plugin(json)
                .plugin(new TestApp(r -> r.post("/orders", Order.class, (o, req, ctx) -> "ok"))).build();

        assertEquals(0, k.snapshots().prime(List.of(Json.mapper().readTree(TestHttpAdapter.request("GET", "/", null)))));
        assertEquals(0, json.orderDeserializersBuilt.get());
        assertFalse(k.plugins().isEmpty());
        k.shutdown();
    }
}
