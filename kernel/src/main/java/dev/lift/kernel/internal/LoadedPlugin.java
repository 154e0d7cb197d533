package dev.lift.kernel.internal;

import dev.lift.spi.EventAdapter;
import dev.lift.spi.ErrorStrategy;
import dev.lift.spi.HealthCheck;
import dev.lift.api.LiftApplication;
import dev.lift.api.LiftPlugin;
import dev.lift.spi.MiddlewarePlugin;
import dev.lift.spi.ResourceProvider;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/** A discovered plugin with where it came from and, after init, whether it takes part. */
public final class LoadedPlugin {

    final LiftPlugin plugin;
    final String source;
    KernelSettings settings;
    boolean active;

    LoadedPlugin(LiftPlugin plugin, String source) {
        this.plugin = plugin;
        this.source = source;
    }

    public String id() {
        return plugin.id();
    }

    public LiftPlugin plugin() {
        return plugin;
    }

    /** The jar or directory the plugin class came from. */
    public String source() {
        return source;
    }

    public boolean active() {
        return active;
    }

    /** The settings the plugin read at boot, with their values. */
    public java.util.Map<String, String> settingsRead() {
        return settings == null ? java.util.Map.of() : settings.readSoFar();
    }

    /** The extension points this plugin implements, for example {@code [adapter, health-check]}. */
    public List<String> kinds() {
        List<String> kinds = new ArrayList<>(2);
        if (plugin instanceof EventAdapter) {
            kinds.add("adapter");
        }
        if (plugin instanceof MiddlewarePlugin) {
            kinds.add("middleware");
        }
        if (plugin instanceof ErrorStrategy) {
            kinds.add("error-strategy");
        }
        if (plugin instanceof ResourceProvider) {
            kinds.add("resource");
        }
        if (plugin instanceof HealthCheck) {
            kinds.add("health-check");
        }
        if (plugin instanceof dev.lift.spi.MetricsSink) {
            kinds.add("metrics-sink");
        }
        if (plugin instanceof dev.lift.spi.EventConverter) {
            kinds.add("event-converter");
        }
        if (plugin instanceof dev.lift.spi.InvocationListener) {
            kinds.add("invocation-listener");
        }
        if (plugin instanceof dev.lift.spi.LifecycleListener) {
            kinds.add("lifecycle-listener");
        }
        if (plugin instanceof dev.lift.spi.SnapshotListener) {
            kinds.add("snapshot-listener");
        }
        if (plugin instanceof LiftApplication) {
            kinds.add("application");
        }
        return kinds;
    }

    static String sourceOf(Class<?> type) {
        try {
            CodeSource cs = type.getProtectionDomain().getCodeSource();
            if (cs != null && cs.getLocation() != null) {
                return cs.getLocation().getPath();
            }
        } catch (SecurityException e) {
            // fall through to the generic answer
        }
        return "(unknown location)";
    }

    String describe() {
        return "'" + plugin.id() + "' (" + plugin.getClass().getName() + " from " + source + ")";
    }
}
