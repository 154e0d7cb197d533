package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Plain values are written without databind, byte for byte as databind writes them with Lift's mapper. */
class PlainJsonTest {

    private static byte[] databind(Object value) throws IOException {
        return Json.mapper().writeValueAsBytes(value);
    }

    private static void same(Object value) throws IOException {
        assertTrue(PlainJson.isPlain(value), String.valueOf(value));
        byte[] expected = databind(value);
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(PlainJson.write(value), StandardCharsets.UTF_8));
        assertArrayEquals(expected, HttpResponse.json(value).writeJson(Json.mapper()).bodyBytes());
        assertArrayEquals(expected, HttpResponse.json(value).bodyBytes());
    }

    @Test
    void scalarsAndEdgeValuesMatchDatabind() throws IOException {
        Map<String, Object> nulls = new LinkedHashMap<>();
        nulls.put("a", null);
        nulls.put("", "empty key");
        List<Object> withNull = new ArrayList<>(Arrays.asList(1, null, "x"));
        Object[] values = {null, "", "héllo \"quoted\" \\ \n\t\u0001 \u2028 😀", true, false, 0, -1, Integer.MAX_VALUE,
            Long.MIN_VALUE, 1.5, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 3.4028235e38f, Float.NaN,
            (short) -7, (byte) 12, new BigDecimal("1E+3"), new BigDecimal("0.000000001"), new BigInteger("123456789012345678901234567890"),
            Map.of(), List.of(), nulls, withNull, Map.of("message", "Hello, lift!"),
            new TreeMap<>(Map.of("b", 2, "a", List.of(Map.of("c", List.of())))), List.of(List.of(List.of(1.25)))};
        for (Object v : values) {
            same(v);
        }
    }

    @Test
    void randomNestedValuesMatchDatabind() throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 2_000; i++) {
            same(random(random, 0));
        }
    }

    private static Object random(SplittableRandom r, int depth) {
        switch (depth > 4 ? r.nextInt(6) : r.nextInt(8)) {
            case 0: return null;
            case 1: return Long.toString(r.nextLong(), 36) + (r.nextBoolean() ? "\u00e9\"\\" : "");
            case 2: return r.nextBoolean();
            case 3: return r.nextInt();
            case 4: return r.nextLong();
            case 5: return r.nextDouble() * Math.pow(10, r.nextInt(-20, 20));
            case 6: {
                Map<String, Object> m = r.nextBoolean() ? new LinkedHashMap<>() : new HashMap<>();
                for (int k = r.nextInt(5); k > 0; k--) {
                    m.put("k" + r.nextInt(100), random(r, depth + 1));
                }
                return m;
            }
            default: {
                List<Object> l = new ArrayList<>();
                for (int k = r.nextInt(5); k > 0; k--) {
                    l.add(random(r, depth + 1));
                }
                return l;
            }
        }
    }

    @Test
    void anythingElseIsLeftToDatabind() {
        Map<Object, Object> intKeys = new HashMap<>();
        intKeys.put(1, "one");
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, "x");
        record Point(int x, int y) { }
        for (Object v : new Object[] {new Point(1, 2), intKeys, nullKey, List.of(new Point(0, 0)), 'c',
            new int[] {1}, java.util.Set.of("a"), Map.of("at", java.time.Instant.EPOCH), java.util.Optional.empty()}) {
            assertFalse(PlainJson.isPlain(v), v::toString);
        }
        // A cycle is not followed for ever: databind gets it and reports it as it always did.
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        assertFalse(PlainJson.isPlain(cycle));
    }

    @Test
    void aMapperWithPluginModulesStillWritesThroughDatabind() {
        SimpleModule shouting = new SimpleModule("shouting");
        shouting.addSerializer(String.class, new JsonSerializer<String>() {
            @Override
            public void serialize(String value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toUpperCase(java.util.Locale.ROOT));
            }
        });
        ObjectMapper withModule = Json.newMapper(List.of(shouting));
        assertEquals("{\"message\":\"HELLO\"}",
                HttpResponse.json(Map.of("message", "hello")).writeJson(withModule).bodyText());
        assertEquals("{\"message\":\"hello\"}",
                HttpResponse.json(Map.of("message", "hello")).writeJson(Json.mapper()).bodyText());
    }
}
