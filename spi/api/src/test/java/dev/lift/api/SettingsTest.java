package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a plugin reads its settings, and the boot failure a bad value gets: the setting, the value, what is allowed. */
class SettingsTest {

    enum Mode { FAIL_BATCH, REPORT }

    private static Settings of(Map<String, String> values) {
        return new Settings() {
            @Override
            public String namespace() {
                return "batch";
            }

            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }
        };
    }

    private static String refused(Runnable read) {
        return assertThrows(SettingException.class, read::run).getMessage();
    }

    @Test
    void names_each_setting_with_its_property_and_environment_variable() {
        assertEquals("lift.batch.max-wait (env LIFT_BATCH_MAX_WAIT)", of(Map.of()).describe("max-wait"));
        assertEquals("LIFT_JWT_JWKS_URL", Settings.envName("jwt", "jwks-url"));
        assertEquals("LIFT_A_B_C", Settings.envName("a.b", "c"));
    }

    @Test
    void absent_settings_take_the_default() {
        Settings s = of(Map.of());
        assertEquals("d", s.get("x", "d"));
        assertTrue(s.getBoolean("x", true));
        assertEquals(7, s.getInt("x", 7, 1, 10));
        assertEquals(Duration.ofSeconds(3), s.getDuration("x", Duration.ofSeconds(3)));
        assertEquals(Mode.REPORT, s.getEnum("x", Mode.class, Mode.REPORT));
    }

    @Test
    void booleans_are_true_or_false_in_any_case() {
        Settings s = of(Map.of("on", " TRUE ", "off", "false", "bad", "yes"));
        assertTrue(s.getBoolean("on", false));
        assertFalse(s.getBoolean("off", true));
        assertEquals("Invalid setting lift.batch.bad (env LIFT_BATCH_BAD): 'yes' is not allowed; expected true or false",
                refused(() -> s.getBoolean("bad", false)));
    }

    @Test
    void whole_numbers_must_be_in_range() {
        Settings s = of(Map.of("n", "4", "big", "300", "word", "four"));
        assertEquals(4, s.getInt("n", 1, 1, 256));
        assertEquals("Invalid setting lift.batch.big (env LIFT_BATCH_BIG): '300' is not allowed; expected a whole number "
                + "from 1 to 256", refused(() -> s.getInt("big", 1, 1, 256)));
        SettingException e = assertThrows(SettingException.class, () -> s.getInt("word", 1, 1, 256));
        assertEquals("lift.batch.word (env LIFT_BATCH_WORD)", e.setting());
    }

    @Test
    void durations_in_milliseconds_seconds_minutes_or_iso_8601() {
        Settings s = of(Map.of("ms", "300ms", "s", "2s", "m", "1m", "iso", "PT0.3S", "bad", "soon", "neg", "xms"));
        assertEquals(Duration.ofMillis(300), s.getDuration("ms", Duration.ZERO));
        assertEquals(Duration.ofSeconds(2), s.getDuration("s", Duration.ZERO));
        assertEquals(Duration.ofMinutes(1), s.getDuration("m", Duration.ZERO));
        assertEquals(Duration.ofMillis(300), s.getDuration("iso", Duration.ZERO));
        assertEquals("Invalid setting lift.batch.bad (env LIFT_BATCH_BAD): 'soon' is not allowed; expected a duration "
                + "such as 300ms, 2s, 1m or PT0.3S", refused(() -> s.getDuration("bad", Duration.ZERO)));
        assertTrue(refused(() -> s.getDuration("neg", Duration.ZERO)).contains("'xms' is not allowed"));
    }

    @Test
    void enums_by_name_with_dashes_and_any_case_listing_the_allowed_values_when_wrong() {
        Settings s = of(Map.of("a", "fail-batch", "b", "REPORT", "c", "drop"));
        assertEquals(Mode.FAIL_BATCH, s.getEnum("a", Mode.class, Mode.REPORT));
        assertEquals(Mode.REPORT, s.getEnum("b", Mode.class, Mode.FAIL_BATCH));
        assertEquals("Invalid setting lift.batch.c (env LIFT_BATCH_C): 'drop' is not allowed; expected one of "
                + "fail-batch, report", refused(() -> s.getEnum("c", Mode.class, Mode.REPORT)));
    }
}
