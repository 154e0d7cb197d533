package dev.lift.kernel.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.api.Metrics;
import dev.lift.api.PluginContext;
import dev.lift.api.ResourceLookup;
import dev.lift.api.Settings;
import java.util.function.Function;

/** The context one plugin receives at init. */
record PluginContextImpl(String pluginId, Settings settings, Function<String, Settings> namespaces,
                         Metrics metrics, ResourceLookup resources, Boot.KernelJson kernelJson) implements PluginContext {

    @Override
    public Settings settings(String namespace) {
        return namespaces.apply(namespace);
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("lift." + pluginId);
    }

    @Override
    public ObjectMapper json() {
        return kernelJson.get();
    }
}
