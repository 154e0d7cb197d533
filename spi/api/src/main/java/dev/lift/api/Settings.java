package dev.lift.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Read-only configuration of one namespace (a plugin id, or a kernel namespace such as
 * {@code batch}). The value of key {@code max-size} in namespace {@code adapter-sqs} comes from
 * the system property {@code lift.adapter-sqs.max-size} or, failing that, from the environment
 * variable {@code LIFT_ADAPTER_SQS_MAX_SIZE}. Values are read once at boot.
 *
 * <p>The typed getters fail with a {@link SettingException} that names the setting, the value and
 * what is allowed; thrown from {@link LiftPlugin#init}, it fails boot with that message.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface Settings {

    /** The namespace, for example {@code "adapter-sqs"}. */
    String namespace();

    /** The raw value, if set (blank counts as unset). */
    Optional<String> get(String key);

    /** The names a user sets for this key: the system property and the environment variable. */
    default String describe(String key) {
        return "lift." + namespace() + "." + key + " (env " + envName(namespace(), key) + ")";
    }

    /** The raw value or a default. */
    default String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    /** A boolean: {@code true} or {@code false}, case-insensitive. */
    default boolean getBoolean(String key, boolean defaultValue) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String v = raw.get().trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new SettingException(describe(key), raw.get(), "true or false");
    }

    /** A whole number within {@code [min, max]}. */
    default int getInt(String key, int defaultValue, int min, int max) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int v = Integer.parseInt(raw.get().trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new SettingException(describe(key), raw.get(), "a whole number from " + min + " to " + max);
    }

    /**
     * A duration: a whole number with unit {@code ms}, {@code s} or {@code m} (for example
     * {@code 250ms}, {@code 2s}), or an ISO-8601 duration ({@code PT0.25S}).
     */
    default Duration getDuration(String key, Duration defaultValue) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String v = raw.get().trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
        } catch (RuntimeException e) {
            // reported below with the allowed forms
        }
        throw new SettingException(describe(key), raw.get(), "a duration such as 300ms, 2s, 1m or PT0.3S");
    }

    /** One of an enum's constants, case-insensitive, with {@code -} accepted for {@code _}. */
    default <E extends Enum<E>> E getEnum(String key, Class<E> type, E defaultValue) {
        Optional<String> raw = get(key);
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String v = raw.get().trim().replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(v)) {
                return constant;
            }
        }
        String allowed = Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .collect(Collectors.joining(", "));
        throw new SettingException(describe(key), raw.get(), "one of " + allowed);
    }

    /** The environment variable for a key: {@code LIFT_<NAMESPACE>_<KEY>}, upper case, dashes and dots as {@code _}. */
    static String envName(String namespace, String key) {
        return ("LIFT_" + namespace + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
