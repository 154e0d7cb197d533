package dev.lift.kernel.internal;

import dev.lift.api.MetricsSink;
import dev.lift.api.PluginContext;
import dev.lift.api.ResourceLookup;
import dev.lift.api.Settings;
import java.util.function.Function;

/** The context one plugin receives at init. */
record PluginContextImpl(String pluginId, Settings settings, Function<String, Settings> namespaces,
                         MetricsSink metrics, ResourceLookup resources) implements PluginContext {

    @Override
    public Settings settings(String namespace) {
        return namespaces.apply(namespace);
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("lift." + pluginId);
    }
}
