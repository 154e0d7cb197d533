package dev.lift.kernel.internal;

import dev.lift.api.Settings;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Settings of one namespace: explicit overrides (builder, tests), then the system property
 * {@code lift.<namespace>.<key>}, then the environment variable {@code LIFT_<NAMESPACE>_<KEY>}.
 * Remembers every key that was asked for and its value, so {@code lift plugins} can show them.
 */
final class KernelSettings implements Settings {

    private final String namespace;
    private final Map<String, String> overrides;
    private final Map<String, String> environment;
    private final Map<String, String> read = new ConcurrentHashMap<>();

    KernelSettings(String namespace, Map<String, String> overrides, Map<String, String> environment) {
        this.namespace = namespace;
        this.overrides = overrides;
        this.environment = environment;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public Optional<String> get(String key) {
        String property = "lift." + namespace + "." + key;
        String value = overrides.get(property);
        if (value == null) {
            value = System.getProperty(property);
        }
        if (value == null) {
            value = environment.get(Settings.envName(namespace, key));
        }
        if (value == null || value.isBlank()) {
            read.put(key, "(default)");
            return Optional.empty();
        }
        read.put(key, value);
        return Optional.of(value);
    }

    /** Keys read so far with their values ({@code (default)} when unset), sorted by key. */
    public Map<String, String> readSoFar() {
        return new TreeMap<>(read);
    }
}
