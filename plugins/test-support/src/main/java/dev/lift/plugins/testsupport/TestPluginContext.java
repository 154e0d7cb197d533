package dev.lift.plugins.testsupport;

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
 * A plugin context for unit tests of one plugin: its settings come from a map of keys (without the
 * {@code lift.<plugin>.} prefix; blank counts as unset), other namespaces are empty, and metrics are
 * recorded as {@code name{dimension=value,...}}. Resources are not available: a test that needs
 * them boots a real kernel.
 */
public final class TestPluginContext implements PluginContext {

    private final String pluginId;
    private final Map<String, String> values;
    private final List<String> metrics = new ArrayList<>();

    public TestPluginContext(String pluginId, Map<String, String> values) {
        this.pluginId = pluginId;
        this.values = Map.copyOf(values);
    }

    /** Every metric recorded so far, in order. */
    public synchronized List<String> recorded() {
        return List.copyOf(metrics);
    }

    /** The recorded metrics whose name starts with {@code prefix}. */
    public List<String> recorded(String prefix) {
        return recorded().stream().filter(m -> m.startsWith(prefix)).collect(Collectors.toList());
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
        return (name, value, unit, dimensions) -> {
            synchronized (this) {
                metrics.add(name + new TreeMap<>(dimensions).toString().replace(", ", ","));
            }
        };
    }

    @Override
    public ResourceLookup resources() {
        throw new UnsupportedOperationException("a unit-test context has no resources: boot a kernel for them");
    }
}
