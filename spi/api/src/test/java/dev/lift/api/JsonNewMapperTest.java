package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A kernel builds its own mapper from the modules its plugins contribute, configured as Lift's shared one is. */
class JsonNewMapperTest {

    record Money(long cents, String currency) {
    }

    record Invoice(Money total, Instant due) {
    }

    /** Writes and reads money as {@code "EUR 12.50"}, as a plugin's module might. */
    static SimpleModule moneyModule() {
        return new SimpleModule("money")
                .addSerializer(Money.class, new JsonSerializer<>() {
                    @Override
                    public void serialize(Money m, JsonGenerator g, SerializerProvider p) throws IOException {
                        g.writeString(m.currency() + " " + m.cents() / 100 + "." + String.format("%02d", m.cents() % 100));
                    }
                })
                .addDeserializer(Money.class, new JsonDeserializer<>() {
                    @Override
                    public Money deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        String[] parts = p.getValueAsString().split("[ .]");
                        return new Money(Long.parseLong(parts[1]) * 100 + Long.parseLong(parts[2]), parts[0]);
                    }
                });
    }

    private static final Invoice INVOICE = new Invoice(new Money(1250, "EUR"), Instant.parse("2026-12-01T00:00:00Z"));

    @Test
    void aContributedModuleIsUsedBesideLiftsConfiguration() throws Exception {
        ObjectMapper mapper = Json.newMapper(List.of(moneyModule()));
        String json = "{\"total\":\"EUR 12.50\",\"due\":\"2026-12-01T00:00:00Z\"}";
        assertEquals(json, mapper.writeValueAsString(INVOICE));
        assertEquals(INVOICE, Json.decodeBody(json.getBytes(StandardCharsets.UTF_8), mapper.readerFor(Invoice.class)));
    }

    @Test
    void theSharedMapperIsNotChangedByAnotherKernelsModules() throws Exception {
        Json.newMapper(List.of(moneyModule()));
        assertEquals("{\"total\":{\"cents\":1250,\"currency\":\"EUR\"},\"due\":\"2026-12-01T00:00:00Z\"}",
                Json.mapper().writeValueAsString(INVOICE));
    }

    @Test
    void eachCallIsAFreshMapper() {
        assertNotSame(Json.newMapper(List.of()), Json.newMapper(List.of()));
        assertNotSame(Json.mapper(), Json.newMapper(List.of()));
    }

    @Test
    void aModuleRegisteredTwiceCountsOnce() throws Exception {
        ObjectMapper mapper = Json.newMapper(List.of(moneyModule(), moneyModule()));
        assertEquals(List.of("lift-lazy-java-time", "money"),
                mapper.getRegisteredModuleIds().stream().map(String::valueOf).sorted().toList());
        // A JavaTimeModule of the application's own sits beside Lift's lazily set-up one and writes the same.
        ObjectMapper withOwn = Json.newMapper(List.of(new JavaTimeModule()));
        assertEquals("\"2026-12-01T00:00:00Z\"", withOwn.writeValueAsString(INVOICE.due()));
    }

    @Test
    void aModuleWinsOverLiftsDefaultForTheSameType() throws Exception {
        SimpleModule epochSeconds = new SimpleModule("epoch-seconds").addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant i, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeNumber(i.getEpochSecond());
            }
        });
        assertEquals("1796083200", Json.newMapper(List.of(epochSeconds)).writeValueAsString(INVOICE.due()));
    }

    @Test
    void nullModulesAreRefused() {
        assertThrows(NullPointerException.class, () -> Json.newMapper(null));
        assertThrows(NullPointerException.class, () -> Json.newMapper(Arrays.asList(moneyModule(), null)));
    }
}
