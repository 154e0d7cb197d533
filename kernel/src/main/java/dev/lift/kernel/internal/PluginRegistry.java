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
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds plugins with {@link ServiceLoader} through an explicit class loader, one service type per
 * extension point, and checks them: valid and unique ids, a supported SPI version
 * ({@link #spiVersionProblem}). Every problem
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

    /**
     * Plugin order: {@code order()}, then id. (A class rather than {@code Comparator.comparingInt(..)
     * .thenComparing(..)}, and {@link #validId} rather than a regular expression: both run on every
     * cold start, where each lambda and pattern costs its own set-up.)
     */
    static final Comparator<LoadedPlugin> ORDER = new Comparator<>() {
        @Override
        public int compare(LoadedPlugin a, LoadedPlugin b) {
            int byOrder = Integer.compare(a.plugin.order(), b.plugin.order());
            return byOrder != 0 ? byOrder : a.plugin.id().compareTo(b.plugin.id());
        }
    };

    /** An id is {@code [a-z0-9][a-z0-9.-]*}. */
    public static boolean validId(String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '.' || c == '-'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

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
            if (!validId(id)) {
                problems.add("Plugin " + lp.plugin.getClass().getName() + " from " + lp.source + " has an invalid id '"
                        + id + "': use lower-case letters, digits, '-' and '.'");
                continue;
            }
            LiftPlugin p = lp.plugin;
            spiVersionProblem(lp.describe(), p.spiVersion(), SpiVersion.OLDEST_SUPPORTED, SpiVersion.CURRENT)
                    .ifPresent(problems::add);
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

    /**
     * Whether a kernel that runs plugins built for SPI versions {@code oldest} to {@code current}
     * (same major, see {@link SpiVersion}) can run a plugin built for {@code built}: the major
     * versions must be equal and {@code built} must lie in the range. A minor version only adds, so
     * an older minor is fine; a newer one may call what this kernel lacks. {@link SpiVersion#UNKNOWN}
     * (a plugin that does not say) is accepted as current.
     *
     * @param plugin the plugin as boot messages name it: id, class and jar
     * @return the boot problem naming the plugin, both versions and the fix, or empty when it can run
     */
    public static Optional<String> spiVersionProblem(String plugin, int built, int oldest, int current) {
        if (oldest > current || SpiVersion.major(oldest) != SpiVersion.major(current)) {
            throw new IllegalArgumentException("not a range of one major version: " + SpiVersion.describe(oldest)
                    + " to " + SpiVersion.describe(current));
        }
        if (built == SpiVersion.UNKNOWN) {
            return Optional.empty();
        }
        String range = oldest == current ? SpiVersion.describe(current)
                : SpiVersion.describe(oldest) + " to " + SpiVersion.describe(current);
        if (built < 0) {
            return Optional.of("Plugin " + plugin + " reports the invalid SPI version " + built
                    + " (this kernel supports SPI " + range + "): its spiVersion() should return SpiVersion.CURRENT");
        }
        if (built > current) {
            return Optional.of("Plugin " + plugin + " was built for SPI version " + SpiVersion.describe(built)
                    + ", newer than this kernel supports (SPI " + range + "): use a release of the plugin built for SPI "
                    + range + ", or a Lift release that supports SPI " + SpiVersion.describe(built));
        }
        if (built < oldest) {
            return Optional.of("Plugin " + plugin + " was built for SPI version " + SpiVersion.describe(built)
                    + ", older than this kernel supports (SPI " + range + "): use a release of the plugin built for SPI "
                    + range);
        }
        return Optional.empty();
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
