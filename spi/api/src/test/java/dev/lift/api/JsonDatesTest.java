package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/** java.time works out of the box: ISO-8601 strings both ways, and a bad date is a 422 that says the expected form. */
class JsonDatesTest {

    record Booking(Instant at, LocalDate day, OffsetDateTime local, Duration length) {
    }

    record Slot(LocalDateTime start, LocalTime opens, ZonedDateTime zoned, Date legacy) {
    }

    private static final Booking BOOKING = new Booking(Instant.parse("2026-12-01T10:15:30Z"), LocalDate.of(2026, 12, 1),
            OffsetDateTime.parse("2026-12-01T10:15:30+01:00"), Duration.ofMinutes(90));

    private static final String BOOKING_JSON =
            "{\"at\":\"2026-12-01T10:15:30Z\",\"day\":\"2026-12-01\",\"local\":\"2026-12-01T10:15:30+01:00\","
                    + "\"length\":\"PT1H30M\"}";

    private static <T> T decode(String body, Class<T> type) {
        return Json.decodeBody(body.getBytes(StandardCharsets.UTF_8), Json.mapper().readerFor(type));
    }

    private static List<FieldError> errors(String body, Class<?> type) {
        ObjectReader reader = Json.mapper().readerFor(type);
        LiftException e = assertThrows(LiftException.class,
                () -> Json.decodeBody(body.getBytes(StandardCharsets.UTF_8), reader));
        assertEquals(422, e.status(), e.getMessage());
        return e.fieldErrors();
    }

    @Test
    void aResponseWritesDatesAsIsoStrings() {
        assertEquals(BOOKING_JSON, HttpResponse.json(BOOKING).bodyText());
        assertEquals(BOOKING_JSON, new String(Json.writeBody(Json.mapper(), BOOKING), StandardCharsets.UTF_8));
    }

    @Test
    void aRequestBodyWithDatesRoundTripsKeepingTheClientsOffset() {
        assertEquals(BOOKING, decode(BOOKING_JSON, Booking.class));
        assertEquals("+01:00", decode(BOOKING_JSON, Booking.class).local().getOffset().toString());
    }

    @Test
    void otherDateTypesAndJavaUtilDateAreIsoToo() {
        Slot slot = new Slot(LocalDateTime.of(2026, 12, 1, 10, 15), LocalTime.of(9, 0),
                ZonedDateTime.parse("2026-12-01T10:15:30+01:00"), new Date(0));
        String json = "{\"start\":\"2026-12-01T10:15:00\",\"opens\":\"09:00:00\",\"zoned\":\"2026-12-01T10:15:30+01:00\","
                + "\"legacy\":\"1970-01-01T00:00:00.000+00:00\"}";
        assertEquals(json, HttpResponse.json(slot).bodyText());
        assertEquals(slot, decode(json, Slot.class));
    }

    @Test
    void aBadDateIsA422ThatShowsTheExpectedForm() {
        assertEquals(List.of(new FieldError("at", "must be a date-time such as 2026-12-01T10:15:30Z")),
                errors("{\"at\":\"yesterday\"}", Booking.class));
        assertEquals(List.of(new FieldError("day", "must be a date such as 2026-12-01")),
                errors("{\"day\":\"2026-13-01\"}", Booking.class));
        assertEquals(List.of(new FieldError("local", "must be a date-time with an offset such as 2026-12-01T10:15:30+01:00")),
                errors("{\"local\":\"2026-12-01T10:15:30\"}", Booking.class));
        assertEquals(List.of(new FieldError("length", "must be a duration such as PT15M")),
                errors("{\"length\":\"15m\"}", Booking.class));
        assertEquals(List.of(new FieldError("opens", "must be a time such as 10:15:30")),
                errors("{\"opens\":\"9am\"}", Slot.class));
        assertEquals(List.of(new FieldError("legacy", "must be a date-time such as 2026-12-01T10:15:30Z")),
                errors("{\"legacy\":\"soon\"}", Slot.class));
    }

    @Test
    void aDateOfTheWrongJsonKindIsA422Too() {
        assertEquals(List.of(new FieldError("at", "must be a date-time such as 2026-12-01T10:15:30Z")),
                errors("{\"at\":{}}", Booking.class));
        assertEquals(List.of(new FieldError("day", "must be a date such as 2026-12-01")),
                errors("{\"day\":\"\"}", Booking.class));
        assertEquals(List.of(new FieldError("day", "must be a date such as 2026-12-01")),
                errors("{\"day\":20000}", Booking.class));
    }

    @Test
    void readingIsStrictAboutTimeAndOffset() {
        // Leniently, Jackson would drop the time or the offset without a word.
        assertEquals(List.of(new FieldError("day", "must be a date such as 2026-12-01")),
                errors("{\"day\":\"2026-12-01T10:15:30Z\"}", Booking.class));
        assertEquals(List.of(new FieldError("start", "must be a date-time without an offset such as 2026-12-01T10:15:30")),
                errors("{\"start\":\"2026-12-01T10:15:30Z\"}", Slot.class));
    }
}
