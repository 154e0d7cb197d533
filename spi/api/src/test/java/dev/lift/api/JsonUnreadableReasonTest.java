package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A body type that can never be read is found at boot, with Jackson's own reason, not on the first request. */
class JsonUnreadableReasonTest {

    interface Shape {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes(@JsonSubTypes.Type(value = Circle.class, name = "circle"))
    interface TypedShape {
    }

    record Circle(double radius) implements TypedShape {
    }

    static class NoUsableConstructor {
        final String a;

        NoUsableConstructor(String a, String b) {
            this.a = a + b;
        }
    }

    record WithOptional(String name, Optional<String> note) {
    }

    record Drawing(String title, List<Shape> shapes) {
    }

    record Canvas(Map<String, TypedShape> layers, Instant at) {
    }

    record Node(String name, List<Node> children, WithOptional meta) {
    }

    static class TwoCreators {
        @JsonCreator
        TwoCreators(@JsonProperty("a") String a) {
        }

        @JsonCreator
        TwoCreators(@JsonProperty("a") Integer a) {
        }
    }

    record Order(String item, int quantity, List<String> tags) {
    }

    private static final ObjectMapper MAPPER = Json.mapper();

    private static Optional<String> reason(Class<?> type) {
        return Json.unreadableReason(type, MAPPER);
    }

    @Test
    void aReadableTypeHasNoReason() {
        assertEquals(Optional.empty(), reason(Order.class));
        assertEquals(Optional.empty(), reason(TypedShape.class));
        assertEquals(Optional.empty(), reason(Canvas.class));
        assertEquals(Optional.empty(), Json.unreadableReason(new TypeReference<List<Order>>() { }.getType(), MAPPER));
        assertEquals(Optional.empty(), reason(String.class));
    }

    @Test
    void anInterfaceWithoutTypeInformation() {
        assertEquals(Optional.of("Cannot construct instance of `dev.lift.api.JsonUnreadableReasonTest$Shape` (no Creators, "
                        + "like default constructor, exist): abstract types either need to be mapped to concrete types, "
                        + "have custom deserializer, or contain additional type information"),
                reason(Shape.class));
    }

    @Test
    void aClassWithoutAUsableConstructor() {
        assertEquals(Optional.of("Cannot construct instance of `dev.lift.api.JsonUnreadableReasonTest$NoUsableConstructor` "
                        + "(no Creators, like default constructor, exist): cannot deserialize from Object value "
                        + "(no delegate- or property-based Creator)"),
                reason(NoUsableConstructor.class));
    }

    @Test
    void aFieldThatNeedsAModuleNotRegisteredIsNamed() {
        assertEquals(Optional.of("Java 8 optional type `java.util.Optional<java.lang.String>` not supported by default: "
                        + "add Module \"com.fasterxml.jackson.datatype:jackson-datatype-jdk8\" to enable handling "
                        + "(or disable `MapperFeature.REQUIRE_HANDLERS_FOR_JAVA8_OPTIONALS`) (field note)"),
                reason(WithOptional.class));
    }

    @Test
    void aDeadEndInsideAListOrANestedTypeIsNamedByPath() {
        assertEquals(Optional.of("Cannot construct instance of `dev.lift.api.JsonUnreadableReasonTest$Shape` (no Creators, "
                        + "like default constructor, exist): abstract types either need to be mapped to concrete types, "
                        + "have custom deserializer, or contain additional type information (field shapes[])"),
                reason(Drawing.class));
        assertEquals(Optional.of("Java 8 optional type `java.util.Optional<java.lang.String>` not supported by default: "
                        + "add Module \"com.fasterxml.jackson.datatype:jackson-datatype-jdk8\" to enable handling "
                        + "(or disable `MapperFeature.REQUIRE_HANDLERS_FOR_JAVA8_OPTIONALS`) (field meta.note)"),
                reason(Node.class));
    }

    @Test
    void aDefinitionJacksonRejectsOutrightGivesJacksonsReason() {
        Optional<String> r = reason(TwoCreators.class);
        assertTrue(r.orElse("").startsWith("Conflicting property-based creators"), String.valueOf(r));
    }

    @Test
    void theCheckMatchesWhatReadingWouldSay() {
        // The same reason decodeBody gives on the first request, which is what the check moves to boot.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Json.decodeBody("{\"name\":\"a\",\"note\":\"x\"}".getBytes(StandardCharsets.UTF_8),
                        MAPPER.readerFor(WithOptional.class)));
        String reason = reason(WithOptional.class).orElseThrow();
        assertTrue(e.getMessage().contains(reason.substring(0, reason.length() - " (field note)".length())),
                e.getMessage());
    }
}
