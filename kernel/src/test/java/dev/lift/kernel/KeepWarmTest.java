package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.EventKind;
import dev.lift.api.EventSelector;
import dev.lift.api.InvocationContext;
import dev.lift.api.Json;
import dev.lift.api.LiftEvent;
import dev.lift.kernel.testing.TestApp;
import dev.lift.spi.EventAdapter;
import dev.lift.spi.InvocationListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Keep-warm pings, with the real scheduled-rule sample event: answered before adapters,
 * middleware, listeners and handlers, while every other event reaches the application as before.
 */
class KeepWarmTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<String> listened = new CopyOnWriteArrayList<>();

    /** What the scheduled-event adapter decodes, reduced to the rule ARN. */
    record Scheduled(String rule) implements LiftEvent {
        @Override
        public EventKind kind() {
            return EventKind.EVENT;
        }

        @Override
        public String source() {
            return "scheduled";
        }
    }

    /** Claims scheduled EventBridge events as the real adapter does: by detail-type and source. */
    static final class ScheduledAdapter implements EventAdapter {
        @Override
        public String id() {
            return "test-scheduled";
        }

        @Override
        public EventKind kind() {
            return EventKind.EVENT;
        }

        @Override
        public boolean matches(JsonNode event) {
            return "Scheduled Event".equals(event.path("detail-type").asText()) && "aws.events".equals(event.path("source").asText());
        }

        @Override
        public LiftEvent decode(JsonNode event) {
            return new Scheduled(event.path("resources").path(0).asText());
        }

        @Override
        public void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException {
            Json.mapper().writeValue(out, result);
        }
    }

    /** Counts the invocations listeners hear of. */
    final class Listener implements InvocationListener, dev.lift.api.LiftPlugin {
        @Override
        public String id() {
            return "test-listener";
        }

        @Override
        public void onStart(InvocationContext invocation) {
            listened.add(invocation.requestId());
        }
    }

    private LiftKernel kernel(String... settings) {
        Lift.Builder b = Lift.builder().discover(false).environment(Map.of()).plugin(new ScheduledAdapter())
                .plugin(new Listener())
                .plugin(new TestApp(r -> r.onEvent(EventSelector.any(Scheduled.class), (e, ctx) -> {
                    handled.add(e.rule());
                    return Map.of("handled", e.rule());
                })));
        for (int i = 0; i < settings.length; i += 2) {
            b.setting(settings[i], settings[i + 1]);
        }
        return b.build();
    }

    private static byte[] fixture(String name) throws IOException {
        return Files.readAllBytes(Path.of(System.getProperty("lift.fixtures"), name));
    }

    private static String run(LiftKernel k, byte[] event) {
        return new String(k.invoke(event), StandardCharsets.UTF_8);
    }

    @Test
    void theMarkerPayloadIsAnsweredAtOnceAndUsesUpTheColdStart() throws Exception {
        LiftKernel k = kernel();
        byte[] ping = "{\"lift-warmup\":true}".getBytes(StandardCharsets.UTF_8);

        assertEquals("{\"warm\":true,\"coldStart\":true}", run(k, ping));
        assertEquals("{\"warm\":true,\"coldStart\":false}", run(k, ping));
        assertEquals(List.of(), handled);
        assertEquals(List.of(), listened, "no listener hears of a ping");

        // The real scheduled event still reaches its handler, and is no longer a cold start.
        assertEquals("{\"handled\":\"arn:aws:events:eu-central-1:123456789012:rule/demoschedule\"}",
                run(k, fixture("scheduled_event.json")));
        assertEquals(1, listened.size());
        k.shutdown();
    }

    @Test
    void aScheduledEventFromAConfiguredRuleIsAPingAndOtherRulesRunTheirHandler() throws Exception {
        LiftKernel byName = kernel("lift.keep-warm.rules", "warmer, demoschedule");
        assertEquals("{\"warm\":true,\"coldStart\":true}", run(byName, fixture("scheduled_event.json")));
        assertEquals(List.of(), handled);
        byName.shutdown();

        LiftKernel byArn = kernel("lift.keep-warm.rules", "arn:aws:events:eu-central-1:123456789012:rule/demoschedule");
        assertEquals("{\"warm\":true,\"coldStart\":true}", run(byArn, fixture("scheduled_event.json")));
        byArn.shutdown();

        LiftKernel other = kernel("lift.keep-warm.rules", "warmer");
        assertEquals("{\"handled\":\"arn:aws:events:eu-central-1:123456789012:rule/demoschedule\"}",
                run(other, fixture("scheduled_event.json")));
        assertEquals(List.of("arn:aws:events:eu-central-1:123456789012:rule/demoschedule"), handled);
        other.shutdown();
    }

    @Test
    void aRuleOnACustomBusIsMatchedByItsName() throws Exception {
        ObjectNode event = (ObjectNode) Json.mapper().readTree(fixture("scheduled_event.json"));
        event.putArray("resources").add("arn:aws:events:eu-central-1:123456789012:rule/orders-bus/warmer");
        LiftKernel k = kernel("lift.keep-warm.rules", "warmer");

        assertEquals("{\"warm\":true,\"coldStart\":true}", run(k, Json.mapper().writeValueAsBytes(event)));
        assertEquals(List.of(), handled);
        k.shutdown();
    }

    @Test
    void aMarkerThatIsNotTrueOrASwitchedOffMarkerIsAnOrdinaryEvent() {
        LiftKernel k = kernel();
        RuntimeException notTrue = assertThrows(RuntimeException.class,
                () -> run(k, "{\"lift-warmup\":\"yes\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(notTrue.getMessage().contains("No installed adapter recognises this event"), notTrue.getMessage());
        k.shutdown();

        LiftKernel off = kernel("lift.keep-warm.marker", "off");
        RuntimeException offEx = assertThrows(RuntimeException.class,
                () -> run(off, "{\"lift-warmup\":true}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(offEx.getMessage().contains("No installed adapter recognises this event"), offEx.getMessage());
        off.shutdown();

        LiftKernel custom = kernel("lift.keep-warm.marker", "keepalive");
        assertEquals("{\"warm\":true,\"coldStart\":true}", run(custom, "{\"keepalive\":true}".getBytes(StandardCharsets.UTF_8)));
        custom.shutdown();
    }

    @Test
    void badKeepWarmSettingsFailBootNamingTheSetting() {
        LiftBootException rules = assertThrows(LiftBootException.class, () -> kernel("lift.keep-warm.rules", "my rule!"));
        assertTrue(rules.getMessage().contains("lift.keep-warm.rules") && rules.getMessage().contains("rule names"),
                rules.getMessage());
        LiftBootException marker = assertThrows(LiftBootException.class, () -> kernel("lift.keep-warm.marker", "a b"));
        assertTrue(marker.getMessage().contains("lift.keep-warm.marker"), marker.getMessage());
    }
}
