package dev.lift.plugins.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written timestamp is exactly what ISO_INSTANT writes for the time truncated to milliseconds. */
class LogTimestampTest {

    private static String expected(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void edgesMatchTheJdkFormatter() {
        String[] edges = {"2026-12-02T02:22:10.173Z", "2026-12-02T02:22:10Z", "2026-12-02T02:22:10.000999Z",
            "2026-12-02T02:22:10.001Z", "2026-12-02T02:22:10.999999999Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z", "2024-02-29T23:59:59.5Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
            "0001-03-04T05:06:07.08Z"};
        for (String e : edges) {
            Instant t = Instant.parse(e);
            assertEquals(expected(t), LogWriter.timestamp(t), e);
        }
    }

    @Test
    void outsideYears0To9999TheJdkFormatterIsUsed() {
        Instant[] far = {Instant.parse("+10000-01-01T00:00:00.123Z"), Instant.parse("-0001-12-31T23:59:59Z"),
            Instant.MAX, Instant.MIN};
        for (Instant t : far) {
            assertEquals(expected(t), LogWriter.timestamp(t), t.toString());
        }
    }

    @Test
    void randomInstantsMatchTheJdkFormatter() {
        SplittableRandom random = new SplittableRandom(20261202L);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(from, to + 1), random.nextInt(1_000_000_000));
            assertEquals(expected(t), LogWriter.timestamp(t), t.toString());
        }
    }
}
