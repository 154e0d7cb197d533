package dev.lift.kernel.internal;

import dev.lift.spi.ErrorStrategy;
import dev.lift.spi.EventAdapter;
import dev.lift.spi.HealthCheck;
import dev.lift.api.LiftApplication;
import dev.lift.api.LiftPlugin;
import dev.lift.spi.MiddlewarePlugin;
import dev.lift.spi.MetricsSink;
import dev.lift.spi.EventConverter;
import dev.lift.spi.ResourceProvider;
import dev.lift.api.SpiVersion;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * Finds plugins with {@link ServiceLoader} through an explicit class loader, one service type per
 * extension point, and checks them: valid and unique ids, a supported SPI version. Every problem
 * is collected so that boot fails once with the whole list.
 */
public final class PluginRegistry {

    /**
     * The service interfaces looked up in {@code META-INF/services}. A plugin that only listens
     * (to invocations, the lifecycle or snapshots) registers under {@link LiftPlugin} itself.
     */
    public static final List<Class<? extends LiftPlugin>> SERVICE_TYPES = List.of(
            EventAdapter.class, MiddlewarePlugin.class, ErrorStrategy.class,
            ResourceProvider.class, HealthCheck.class, MetricsSink.class, EventConverter.class,
            LiftApplication.class, LiftPlugin.class);

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    /** Plugin order: {@code order()}, then id. */
    static final Comparator<LoadedPlugin> ORDER =
            Comparator.<LoadedPlugin>comparingInt(p -> p.plugin.order()).thenComparing(p -> p.plugin.id());

    private PluginRegistry() {
    }

    /**
     * Discovers (if a loader is given) and validates plugins.
     *
     * @param loader the class loader to search, or null for no discovery
     * @param explicit plugins given directly (tests, embedding)
     * @return the plugins in order
     */
    public static List<LoadedPlugin> load(ClassLoader loader, List<LiftPlugin> explicit) {
        List<String> problems = new ArrayList<>();
        // One instance per class even when a class is registered for several extension points.
        Map<Class<?>, LoadedPlugin> byClass = new LinkedHashMap<>();
        if (loader != null) {
            for (Class<? extends LiftPlugin> service : SERVICE_TYPES) {
                discover(service, loader, byClass, problems);
            }
        }
        List<LoadedPlugin> plugins = new ArrayList<>(byClass.values());
        java.util.Set<LiftPlugin> given = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (LiftPlugin p : explicit) {
            if (given.add(p)) {
                plugins.add(new LoadedPlugin(p, "(registered programmatically)"));
            }
        }
        Map<String, LoadedPlugin> byId = new HashMap<>();
        for (LoadedPlugin lp : plugins) {
            String id;
            try {
                id = lp.plugin.id();
            } catch (RuntimeException e) {
                problems.add("Plugin " + lp.plugin.getClass().getName() + " from " + lp.source
                        + " failed to report its id: " + e);
                continue;
            }
            if (id == null || !ID.matcher(id).matches()) {
                problems.add("Plugin " + lp.plugin.getClass().getName() + " from " + lp.source + " has an invalid id '"
                        + id + "': use lower-case letters, digits, '-' and '.'");
                continue;
            }
            LiftPlugin p = lp.plugin;
            if (p.spiVersion() != SpiVersion.CURRENT) {
                problems.add("Plugin " + lp.describe() + " was built for SPI version " + p.spiVersion()
                        + " but this kernel supports SPI version " + SpiVersion.CURRENT
                        + ": use a plugin release built for this Lift version");
            }
            LoadedPlugin previous = byId.putIfAbsent(id, lp);
            if (previous != null) {
                problems.add("Duplicate plugin id '" + id + "': " + previous.plugin.getClass().getName() + " from "
                        + previous.source + " and " + p.getClass().getName() + " from " + lp.source
                        + ": remove one of the jars or give one plugin another id");
            }
        }
        if (!problems.isEmpty()) {
            throw BootFailure.of(problems);
        }
        plugins.sort(ORDER);
        return plugins;
    }

    private static void discover(Class<? extends LiftPlugin> service, ClassLoader loader,
                                 Map<Class<?>, LoadedPlugin> byClass, List<String> problems) {
        Iterator<? extends ServiceLoader.Provider<? extends LiftPlugin>> it =
                ServiceLoader.load(service, loader).stream().iterator();
        int errors = 0;
        while (errors < 100) {
            ServiceLoader.Provider<? extends LiftPlugin> provider;
            try {
                if (!it.hasNext()) {
                    return;
                }
                provider = it.next();
            } catch (ServiceConfigurationError e) {
                problems.add("A plugin listed in META-INF/services/" + service.getName()
                        + " could not be loaded: " + e.getMessage());
                errors++;
                continue;
            }
            Class<?> type = provider.type();
            if (byClass.containsKey(type)) {
                continue;
            }
            try {
                byClass.put(type, new LoadedPlugin(provider.get(), LoadedPlugin.sourceOf(type)));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                problems.add("Plugin class " + type.getName() + " from " + LoadedPlugin.sourceOf(type)
                        + " could not be created: " + cause);
            }
        }
    }
}
