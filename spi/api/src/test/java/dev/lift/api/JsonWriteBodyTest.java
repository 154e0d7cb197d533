package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A response value is written as JSON; one that Jackson cannot write fails with Jackson's reason, for a logged 500. */
class JsonWriteBodyTest {

    record Receipt(String id, Instant at, List<Integer> lines) {
    }

    record WithOptional(String id, Optional<String> note) {
    }

    static final class Broken {
        public String getId() {
            return "r-1";
        }

        public String getTotal() {
            throw new IllegalArgumentException("total not computed yet");
        }
    }

    static final class Loop {
        public Loop getSelf() {
            return this;
        }
    }

    private static String written(Object value) {
        return new String(Json.writeBody(Json.mapper(), value), StandardCharsets.UTF_8);
    }

    private static IllegalStateException fails(Object value) {
        return assertThrows(IllegalStateException.class, () -> Json.writeBody(Json.mapper(), value));
    }

    @Test
    void writesTheValueAsJson() {
        assertEquals("{\"id\":\"r-1\",\"at\":\"2026-12-01T10:15:30Z\",\"lines\":[1,2]}",
                written(new Receipt("r-1", Instant.parse("2026-12-01T10:15:30Z"), List.of(1, 2))));
        assertEquals("{\"a\":true}", written(Map.of("a", true)));
        assertEquals("null", written(null));
        assertEquals("\"text\"", written("text"));
    }

    @Test
    void aTypeThatNeedsAMissingModuleNamesTypeReasonAndField() {
        IllegalStateException e = fails(new WithOptional("r-1", Optional.of("x")));
        assertEquals("Lift cannot write a response of type dev.lift.api.JsonWriteBodyTest$WithOptional as JSON: "
                + "Java 8 optional type `java.util.Optional<java.lang.String>` not supported by default: add Module "
                + "\"com.fasterxml.jackson.datatype:jackson-datatype-jdk8\" to enable handling "
                + "(or disable `MapperFeature.REQUIRE_HANDLERS_FOR_JAVA8_OPTIONALS`) (field note)", e.getMessage());
        assertInstanceOf(InvalidDefinitionException.class, e.getCause());
    }

    @Test
    void aGetterThatThrowsIsReportedWithItsExceptionAsTheRootCause() {
        IllegalStateException e = fails(new Broken());
        assertEquals("Lift cannot write a response of type dev.lift.api.JsonWriteBodyTest$Broken as JSON: "
                + "total not computed yet (field total)", e.getMessage());
        assertInstanceOf(JsonMappingException.class, e.getCause());
        assertSame(IllegalArgumentException.class, e.getCause().getCause().getClass());
    }

    @Test
    void aValueThatRefersToItselfIsReported() {
        IllegalStateException e = fails(new Loop());
        assertEquals("Lift cannot write a response of type dev.lift.api.JsonWriteBodyTest$Loop as JSON: "
                + "Direct self-reference leading to cycle (field self)", e.getMessage());
    }

    @Test
    void aMapperFromNewMapperWritesTheSameWay() {
        assertEquals("{\"id\":\"r-1\",\"at\":\"2026-12-01T10:15:30Z\",\"lines\":[]}", new String(Json.writeBody(
                Json.newMapper(List.of()), new Receipt("r-1", Instant.parse("2026-12-01T10:15:30Z"), List.of())),
                StandardCharsets.UTF_8));
    }
}
