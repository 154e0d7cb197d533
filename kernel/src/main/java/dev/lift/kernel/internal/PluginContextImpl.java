package dev.lift.kernel.internal;

import dev.lift.spi.MetricsSink;
import dev.lift.spi.PluginContext;
import dev.lift.spi.ResourceLookup;
import dev.lift.spi.Settings;
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
