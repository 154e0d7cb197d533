package dev.lift.api;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes response values made only of JSON's own kinds (maps with string keys, lists, strings,
 * numbers, booleans, null) straight to a generator of {@link Json#mapper()}, with the bytes
 * Jackson's databind would write for them. Databind builds a serializer for each map and list class
 * on first use (introspecting the class and its annotations), which costs several milliseconds of
 * the first answer after a cold start; for these values it adds nothing.
 *
 * <p>Only for Lift's own mapper: a mapper with plugins' Jackson modules may serialize even these
 * types differently, so it always goes through databind.
 */
final class PlainJson {

    /** Deeper values go through databind, which reports cycles its own way. */
    private static final int MAX_DEPTH = 64;

    private PlainJson() {
    }

    /** Whether {@code value} is made only of the kinds this class writes, to a bounded depth. */
    static boolean isPlain(Object value) {
        return isPlain(value, 0);
    }

    private static boolean isPlain(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Boolean || isNumber(value)) {
            return true;
        }
        if (depth >= MAX_DEPTH) {
            return false;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String) || !isPlain(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (!isPlain(o, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean isNumber(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof BigDecimal
                || v instanceof BigInteger || v instanceof Float || v instanceof Short || v instanceof Byte;
    }

    /** The JSON bytes of a value for which {@link #isPlain} is true. */
    static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = Json.mapper().writer().createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeStartArray();
            for (Object o : (List<?>) v) {
                write(g, o);
            }
            g.writeEndArray();
        }
    }
}
