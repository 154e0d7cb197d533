package dev.lift.plugins.failsafe;

import dev.lift.api.Metrics;
import dev.lift.api.PluginContext;
import dev.lift.api.ResourceLookup;
import dev.lift.api.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A plugin context for {@code resilience-failsafe} whose settings come from a map of keys
 * (without the {@code lift.resilience-failsafe.} prefix) and whose metrics are recorded.
 */
final class TestPluginContext implements PluginContext {

    private final Map<String, String> values;
    private final List<String> metrics = new ArrayList<>();

    TestPluginContext(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Every metric recorded so far, as {@code name{dimension=value,...}}, in order. */
    synchronized List<String> recorded() {
        return List.copyOf(metrics);
    }

    /** The recorded metrics whose name starts with {@code prefix}. */
    List<String> recorded(String prefix) {
        return recorded().stream().filter(m -> m.startsWith(prefix)).collect(Collectors.toList());
    }

    @Override
    public String pluginId() {
        return FailsafeResourceProvider.ID;
    }

    @Override
    public Settings settings() {
        return new Settings() {
            @Override
            public String namespace() {
                return FailsafeResourceProvider.ID;
            }

            @Override
            public Optional<String> get(String key) {
                String v = values.get(key);
                return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
            }
        };
    }

    @Override
    public Settings settings(String namespace) {
        throw new UnsupportedOperationException();
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("lift." + FailsafeResourceProvider.ID);
    }

    @Override
    public Metrics metrics() {
        return (name, value, unit, dimensions) -> {
            synchronized (this) {
                metrics.add(name + new TreeMap<>(dimensions).toString().replace(", ", ","));
            }
        };
    }

    @Override
    public ResourceLookup resources() {
        throw new UnsupportedOperationException();
    }
}
