package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lift's mapper sets java.time support up on the first java.time value, not when it is built, and
 * then reads and writes exactly as Jackson's JavaTimeModule does.
 */
class LazyJavaTimeModuleTest {

    record Event(Instant at, LocalDate day, OffsetDateTime local, Duration took, ZoneId zone, Month month,
                 DayOfWeek weekday, Map<LocalDate, String> byDay) {
    }

    @Test
    void buildingAMapperAndWritingOtherTypesDoesNotSetJavaTimeUp() throws Exception {
        LazyJavaTimeModule module = new LazyJavaTimeModule();
        ObjectMapper mapper = new ObjectMapper().registerModule(module);
        assertEquals("{\"a\":1}", mapper.writeValueAsString(Map.of("a", 1)));
        assertEquals(List.of("x"), mapper.readValue("[\"x\"]", List.class));
        assertFalse(isSetUp(module), "no java.time value met yet");
        mapper.writeValueAsString(Instant.EPOCH);
        assertTrue(isSetUp(module));
    }

    @Test
    void everyKindOfJavaTimeValueRoundTripsAsWithJacksonsOwnModule() throws Exception {
        Event e = new Event(Instant.parse("2026-12-01T10:15:30Z"), LocalDate.parse("2026-12-01"),
                OffsetDateTime.of(2026, 12, 1, 10, 15, 30, 0, ZoneOffset.ofHours(2)), Duration.ofMinutes(90),
                ZoneId.of("Europe/Berlin"), Month.DECEMBER, DayOfWeek.TUESDAY, Map.of(LocalDate.parse("2026-12-24"), "eve"));
        ObjectMapper lift = Json.newMapper(List.of());
        String json = lift.writeValueAsString(e);
        assertEquals("{\"at\":\"2026-12-01T10:15:30Z\",\"day\":\"2026-12-01\",\"local\":\"2026-12-01T10:15:30+02:00\","
                + "\"took\":\"PT1H30M\",\"zone\":\"Europe/Berlin\",\"month\":\"DECEMBER\",\"weekday\":\"TUESDAY\","
                + "\"byDay\":{\"2026-12-24\":\"eve\"}}", json);
        assertEquals(e, lift.readValue(json, Event.class));
    }

    private static boolean isSetUp(LazyJavaTimeModule module) throws Exception {
        java.lang.reflect.Field f = LazyJavaTimeModule.class.getDeclaredField("parts");
        f.setAccessible(true);
        return f.get(module) != null;
    }
}
