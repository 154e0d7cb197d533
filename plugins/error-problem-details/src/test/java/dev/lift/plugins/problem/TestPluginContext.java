package dev.lift.plugins.problem;

import dev.lift.api.Metrics;
import dev.lift.api.PluginContext;
import dev.lift.api.ResourceLookup;
import dev.lift.api.Settings;
import java.util.Map;
import java.util.Optional;

/** A plugin context whose settings come from a map of keys (without the {@code lift.<plugin>.} prefix). */
final class TestPluginContext implements PluginContext {

    private final String pluginId;
    private final Map<String, String> values;

    TestPluginContext(String pluginId, Map<String, String> values) {
        this.pluginId = pluginId;
        this.values = Map.copyOf(values);
    }

    @Override
    public String pluginId() {
        return pluginId;
    }

    @Override
    public Settings settings() {
        return settings(pluginId);
    }

    @Override
    public Settings settings(String namespace) {
        return new Settings() {
            @Override
            public String namespace() {
                return namespace;
            }

            @Override
            public Optional<String> get(String key) {
                String v = namespace.equals(pluginId) ? values.get(key) : null;
                return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
            }
        };
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("lift." + pluginId);
    }

    @Override
    public Metrics metrics() {
        return Metrics.NOOP;
    }

    @Override
    public ResourceLookup resources() {
        throw new UnsupportedOperationException("no resources in this test");
    }
}
