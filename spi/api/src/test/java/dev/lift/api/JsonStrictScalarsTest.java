package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scalars are strict: a JSON value is read only into a field of its own kind; anything else is a 422 naming the field. */
class JsonStrictScalarsTest {

    enum Size { SMALL, LARGE }

    record Item(String title, Integer count, Long big, Double price, BigDecimal amount, Boolean flag, List<String> labels,
                Size size) {
    }

    record Counts(int count, boolean active) {
    }

    private static <T> T decode(String body, Class<T> type) {
        return Json.decodeBody(body.getBytes(StandardCharsets.UTF_8), Json.mapper().readerFor(type));
    }

    private static List<FieldError> errors(String body, Class<?> type) {
        LiftException e = assertThrows(LiftException.class, () -> decode(body, type));
        assertEquals(422, e.status(), e.getMessage());
        return e.fieldErrors();
    }

    private static List<FieldError> itemErrors(String body) {
        return errors(body, Item.class);
    }

    @Test
    void valuesOfTheirOwnKindAreRead() {
        assertEquals(new Item("pen", 2, 3L, 1.0, new BigDecimal("2.50"), true, List.of("a"), Size.LARGE),
                decode("{\"title\":\"pen\",\"count\":2,\"big\":3,\"price\":1,\"amount\":2.50,\"flag\":true,"
                        + "\"labels\":[\"a\"],\"size\":\"LARGE\"}", Item.class));
        assertEquals(new Counts(0, false), decode("{\"count\":0,\"active\":false}", Counts.class));
    }

    @Test
    void aStringFieldTakesOnlyAString() {
        assertEquals(List.of(new FieldError("title", "must be a string")), itemErrors("{\"title\":123}"));
        assertEquals(List.of(new FieldError("title", "must be a string")), itemErrors("{\"title\":1.5}"));
        assertEquals(List.of(new FieldError("title", "must be a string")), itemErrors("{\"title\":true}"));
        assertEquals(List.of(new FieldError("labels[1]", "must be a string")), itemErrors("{\"labels\":[\"a\",2]}"));
    }

    @Test
    void aNumberFieldTakesOnlyANumber() {
        assertEquals(List.of(new FieldError("count", "must be a number")), itemErrors("{\"count\":\"12\"}"));
        assertEquals(List.of(new FieldError("count", "must be a number")), itemErrors("{\"count\":\"\"}"));
        assertEquals(List.of(new FieldError("big", "must be a number")), itemErrors("{\"big\":true}"));
        assertEquals(List.of(new FieldError("price", "must be a number")), itemErrors("{\"price\":\"1.5\"}"));
        assertEquals(List.of(new FieldError("amount", "must be a number")), itemErrors("{\"amount\":\"2.50\"}"));
        assertEquals(List.of(new FieldError("count", "must be a number")),
                errors("{\"count\":\"12\",\"active\":true}", Counts.class));
    }

    @Test
    void anIntegralFieldTakesNoFraction() {
        assertEquals(List.of(new FieldError("count", "must be a whole number")),
                errors("{\"count\":1.5,\"active\":true}", Counts.class));
        assertEquals(List.of(new FieldError("count", "must be a whole number")), itemErrors("{\"count\":1.0}"));
        assertEquals(List.of(new FieldError("big", "must be a whole number")), itemErrors("{\"big\":1e3}"));
    }

    @Test
    void aBooleanFieldTakesOnlyTrueOrFalse() {
        assertEquals(List.of(new FieldError("active", "must be a boolean")),
                errors("{\"count\":1,\"active\":1}", Counts.class));
        assertEquals(List.of(new FieldError("active", "must be a boolean")),
                errors("{\"count\":1,\"active\":\"true\"}", Counts.class));
        assertEquals(List.of(new FieldError("flag", "must be a boolean")), itemErrors("{\"flag\":0}"));
    }

    @Test
    void anEnumTakesOnlyOneOfItsNames() {
        assertEquals(List.of(new FieldError("size", "must be one of SMALL, LARGE")), itemErrors("{\"size\":1}"));
    }

    @Test
    void nullForAPrimitiveIsStillRefused() {
        assertEquals(List.of(new FieldError("count", "must not be null")),
                errors("{\"count\":null,\"active\":true}", Counts.class));
    }

    @Test
    void aMapperFromNewMapperIsJustAsStrict() {
        LiftException e = assertThrows(LiftException.class, () -> Json.decodeBody(
                "{\"title\":123}".getBytes(StandardCharsets.UTF_8), Json.newMapper(List.of()).readerFor(Item.class)));
        assertEquals(List.of(new FieldError("title", "must be a string")), e.fieldErrors());
    }
}
