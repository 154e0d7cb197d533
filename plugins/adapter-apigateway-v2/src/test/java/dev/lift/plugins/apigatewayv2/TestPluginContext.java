package dev.lift.plugins.apigatewayv2;

import dev.lift.api.Metrics;
import dev.lift.api.PluginContext;
import dev.lift.api.ResourceLookup;
import dev.lift.api.Settings;
import java.util.Map;
import java.util.Optional;

/** A plugin context whose settings come from a map; the rest is not used by adapters. */
record TestPluginContext(String pluginId, Map<String, String> values) implements PluginContext {

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
                return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
            }
        };
    }

    @Override
    public System.Logger logger() {
        return System.getLogger(pluginId);
    }

    @Override
    public Metrics metrics() {
        throw new UnsupportedOperationException("not used by adapters");
    }

    @Override
    public ResourceLookup resources() {
        throw new UnsupportedOperationException("not used by adapters");
    }
}
