package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Typed request bodies: broken JSON is a 400 that says where, a body of the wrong shape a 422 naming the fields. */
class JsonTest {

    record Address(@JsonProperty(required = true) String zip, String city) {
    }

    enum Size { SMALL, LARGE }

    record Order(@JsonProperty(required = true) String item, int quantity, Address address, List<Integer> tags,
                 Size size) {
        Order {
            if (quantity == 13) {
                throw LiftException.unprocessable(List.of(new FieldError("quantity", "must not be 13")));
            }
            if (quantity < 0) {
                throw new IllegalArgumentException("db password=hunter2 rejected a negative quantity");
            }
        }
    }

    record Strict(String name) {
    }

    record Unreadable(Optional<String> note) {
    }

    private static final ObjectReader ORDER = Json.mapper().readerFor(Order.class);

    private static LiftException fails(String body) {
        return assertThrows(LiftException.class, () -> Json.decodeBody(body.getBytes(StandardCharsets.UTF_8), ORDER));
    }

    private static List<FieldError> errors(String body) {
        LiftException e = fails(body);
        assertEquals(422, e.status(), e.getMessage());
        return e.fieldErrors();
    }

    @Test
    void decodesAGoodBody() {
        Order o = Json.decodeBody("{\"item\":\"pen\",\"quantity\":2,\"address\":{\"zip\":\"10115\"},\"size\":\"LARGE\"}"
                .getBytes(StandardCharsets.UTF_8), ORDER);
        assertEquals(new Order("pen", 2, new Address("10115", null), null, Size.LARGE), o);
    }

    @Test
    void anEmptyBodyIsA400() {
        for (String body : new String[] {"", "  \n\t "}) {
            LiftException e = fails(body);
            assertEquals(400, e.status());
            assertEquals("The request body is empty; a JSON document was expected", e.detail());
        }
        assertEquals(400, assertThrows(LiftException.class, () -> Json.decodeBody(null, ORDER)).status());
    }

    @Test
    void brokenJsonIsA400NamingLineAndColumn() {
        LiftException e = fails("{\"item\":\"pen\",\n  \"quantity\": 2,,\n}");
        assertEquals(400, e.status());
        assertEquals("bad_request", e.code());
        assertEquals("The request body is not valid JSON at line 2, column 17", e.detail());
        assertEquals(List.of(), e.fieldErrors());

        assertEquals("The request body is not valid JSON at line 1, column 9", fails("{\"item\":").detail());
    }

    @Test
    void contentAfterTheDocumentIsA400() {
        LiftException e = fails("{\"item\":\"pen\",\"quantity\":1} {}");
        assertEquals(400, e.status());
        assertEquals("The request body is not valid JSON at line 1, column 29: unexpected content after the JSON document",
                e.detail());
    }

    @Test
    void brokenJsonAfterAWrongFieldIsStillA400() {
        // Jackson meets the wrong type first; the client must still learn that the JSON itself is broken.
        LiftException e = fails("{\"quantity\":\"many\", \"item\": }");
        assertEquals(400, e.status());
        assertEquals("The request body is not valid JSON at line 1, column 29", e.detail());
    }

    @Test
    void everyMissingRequiredFieldOfTheObjectIsListed() {
        LiftException e = fails("{}");
        assertEquals(422, e.status());
        assertEquals("unprocessable_content", e.code());
        assertEquals("The request body has 2 invalid fields", e.detail());
        assertEquals(List.of(new FieldError("item", "is required"), new FieldError("quantity", "is required")),
                e.fieldErrors());
    }

    @Test
    void aWrongTypeSaysWhatWasExpected() {
        assertEquals(List.of(new FieldError("quantity", "must be a number")),
                errors("{\"item\":\"pen\",\"quantity\":\"many\"}"));
        assertEquals(List.of(new FieldError("item", "must be a string")), errors("{\"item\":{},\"quantity\":1}"));
        assertEquals(List.of(new FieldError("tags", "must be an array")),
                errors("{\"item\":\"pen\",\"quantity\":1,\"tags\":5}"));
        assertEquals(List.of(new FieldError("$", "must be an object")), errors("[1,2]"));
        assertEquals(List.of(new FieldError("$", "must not be null")), errors("null"));
    }

    @Test
    void nestedFieldsAndArrayElementsAreNamedByPath() {
        assertEquals(List.of(new FieldError("address.zip", "is required")),
                errors("{\"item\":\"pen\",\"quantity\":1,\"address\":{\"city\":\"Berlin\"}}"));
        assertEquals(List.of(new FieldError("tags[1]", "must be a number")),
                errors("{\"item\":\"pen\",\"quantity\":1,\"tags\":[1,\"two\"]}"));
    }

    @Test
    void nullOutOfRangeEnumAndUnknownFieldsAreNamed() {
        assertEquals(List.of(new FieldError("quantity", "must not be null")),
                errors("{\"item\":\"pen\",\"quantity\":null}"));
        assertEquals(List.of(new FieldError("quantity", "is out of range")),
                errors("{\"item\":\"pen\",\"quantity\":99999999999}"));
        assertEquals(List.of(new FieldError("size", "must be one of SMALL, LARGE")),
                errors("{\"item\":\"pen\",\"quantity\":1,\"size\":\"HUGE\"}"));
        LiftException unknown = assertThrows(LiftException.class, () -> Json.decodeBody(
                "{\"name\":\"a\",\"nmae\":\"b\"}".getBytes(StandardCharsets.UTF_8), Json.mapper().readerFor(Strict.class)
                        .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)));
        assertEquals(List.of(new FieldError("nmae", "is not a known field")), unknown.fieldErrors());
    }

    @Test
    void aLiftExceptionFromTheConstructorReachesTheClientAsIs() {
        LiftException e = fails("{\"item\":\"pen\",\"quantity\":13}");
        assertEquals(422, e.status());
        assertEquals(List.of(new FieldError("quantity", "must not be 13")), e.fieldErrors());
    }

    @Test
    void anyOtherConstructorFailureIsA422ThatShowsNothingOfTheException() {
        LiftException e = fails("{\"item\":\"pen\",\"quantity\":-1}");
        assertEquals(422, e.status());
        assertEquals(List.of(new FieldError("$", "is invalid")), e.fieldErrors());
        assertFalse(e.detail().contains("hunter2"));
        assertFalse(e.getMessage().contains("hunter2"));
        // ...but the log gets it through the cause.
        assertTrue(String.valueOf(e.getCause().getCause()).contains("hunter2"));
    }

    @Test
    void theJacksonErrorIsKeptAsTheCauseForTheLog() {
        LiftException e = fails("{\"item\":\"pen\",\"quantity\":\"many\"}");
        assertInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class, e.getCause());
    }

    @Test
    void aTypeJacksonCannotReadIsAServerErrorNotAClientError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Json.decodeBody(
                "{\"note\":\"x\"}".getBytes(StandardCharsets.UTF_8), Json.mapper().readerFor(Unreadable.class)));
        assertTrue(e.getMessage().startsWith("Lift cannot read request bodies as "), e.getMessage());
        assertSame(com.fasterxml.jackson.databind.exc.InvalidDefinitionException.class, e.getCause().getClass());
    }
}
