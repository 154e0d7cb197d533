package dev.lift.kernel.internal;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.api.EventKind;
import dev.lift.api.EventSelector;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.Json;
import dev.lift.api.LiftApplication;
import dev.lift.api.LiftPlugin;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.Settings;
import dev.lift.spi.ErrorStrategy;
import dev.lift.spi.EventAdapter;
import dev.lift.spi.EventConverter;
import dev.lift.spi.Health;
import dev.lift.spi.HealthCheck;
import dev.lift.spi.InvocationListener;
import dev.lift.spi.LifecycleListener;
import dev.lift.spi.MetricsSink;
import dev.lift.spi.MiddlewarePlugin;
import dev.lift.spi.ResourceProvider;
import dev.lift.spi.SnapshotListener;
import dev.lift.spi.Snapshots;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Boot, in order: discover and check plugins, read kernel settings, init each plugin (opening
 * resources as they come), collect Jackson modules into the kernel's mapper, let applications
 * register routes, compile every route's chain, and build dispatch. What it builds is read-only
 * afterwards, so invocations run concurrently without locks.
 */
final class Boot {

    private static final System.Logger LOG = System.getLogger("lift.kernel");

    /** Everything boot made. */
    record Booted(List<LoadedPlugin> plugins, EventAdapter[] adapters, ErrorHandling errors, HttpDispatch http,
                  EventDispatch events, Hooks hooks, Services services, HealthService health,
                  SnapshotCoordinator snapshots, Duration drainTime, Duration shutdownBudget, boolean shutdownSummary,
                  ExecutorService parallel,
                  List<RouteDescriptor> routes, Map<RouteDescriptor, RouteRegistry.LazyReader> bodyTypes, KeepWarm keepWarm) {
    }

    private Boot() {
    }

    static Booted boot(Kernel.Config config, Lifecycle lifecycle, Resources resources,
                       Function<String, Settings> settings, Runnable restored) {
        List<LoadedPlugin> plugins = PluginRegistry.load(config.loader(), config.explicit());
        Duration drainTime = settings.apply("kernel").getDuration("drain-time", Duration.ofMillis(200));
        Duration shutdownBudget = settings.apply("kernel").getDuration("shutdown-budget", Duration.ofMillis(300));
        boolean shutdownSummary = settings.apply("kernel").getBoolean("shutdown-summary", true);
        EventDispatch.FailureMode failureMode = settings.apply("batch").getEnum("failure-mode",
                EventDispatch.FailureMode.class, EventDispatch.FailureMode.REPORT);
        int parallelism = settings.apply("batch").getInt("parallelism", 1, 1, 256);
        int maxThreads = settings.apply("batch").getInt("max-threads", parallelism, 1, 1024);
        Duration margin = batchMargin(settings.apply("batch"));
        Duration healthCache = settings.apply("health").getDuration("cache-time", Duration.ofSeconds(1));
        KeepWarm keepWarm = KeepWarm.from(settings.apply("keep-warm"));

        // Metrics sinks are known before init so that plugins can record during init; a sink that
        // then declines is dropped before the first invocation.
        MetricsFanOut fanOut = new MetricsFanOut();
        KernelJson json = new KernelJson();
        // The example application never runs beside another one, however that one arrived.
        LoadedPlugin asideExample = ExampleApplication.steppingAside(plugins, settings);
        long bootStart = System.nanoTime();
        long[][] spent = new long[plugins.size()][3]; // nanos in init, open, prewarm
        for (int i = 0; i < plugins.size(); i++) {
            LoadedPlugin lp = plugins.get(i);
            if (lp == asideExample) {
                continue;                                       // inactive, never initialised or called
            }
            lp.settings = (KernelSettings) settings.apply(lp.id());
            PluginContextImpl context = new PluginContextImpl(lp.id(), lp.settings, settings, fanOut, resources, json);
            long t0 = System.nanoTime();
            try {
                lp.active = lp.plugin.init(context);
            } catch (Exception | LinkageError e) {
                throw new BootFailure("Plugin " + lp.describe() + " failed during init: " + e.getMessage(), e);
            }
            spent[i][0] = System.nanoTime() - t0;
            if (!lp.active) {
                LOG.log(System.Logger.Level.DEBUG, () -> "Plugin " + lp.describe() + " declined to take part"); // `lift plugins` shows it
                continue;
            }
            if (lp.plugin instanceof LifecycleListener) {
                lifecycle.addListener((LifecycleListener) lp.plugin);
            }
            if (lp.plugin instanceof ResourceProvider) {
                long t1 = System.nanoTime();
                Resources.Opened opened;
                try {
                    opened = resources.open((ResourceProvider<?>) lp.plugin, context);
                } catch (Exception | LinkageError e) {
                    throw new BootFailure("Resource plugin " + lp.describe() + " failed to open: " + e.getMessage(), e);
                }
                long t2 = System.nanoTime();
                try {
                    Resources.prewarm(opened);
                } catch (Exception | LinkageError e) {
                    throw new BootFailure("Resource plugin " + lp.describe() + " failed to pre-warm: " + e.getMessage(), e);
                }
                spent[i][1] = t2 - t1;
                spent[i][2] = System.nanoTime() - t2;
            }
        }
        if (LOG.isLoggable(System.Logger.Level.DEBUG)) { // nothing formatted on a cold start that does not log it
            LOG.log(System.Logger.Level.DEBUG, timings(plugins, spent, System.nanoTime() - bootStart));
        }
        KernelMetrics metrics = new KernelMetrics(active(plugins, MetricsSink.class));
        fanOut.target = metrics;
        ObjectMapper mapper = mapper(plugins);
        json.mapper = mapper;

        ErrorHandling errors = new ErrorHandling(active(plugins, ErrorStrategy.class));
        Hooks hooks = new Hooks(active(plugins, InvocationListener.class));
        Services services = new Services(resources, new Converters(active(plugins, EventConverter.class)), metrics, mapper);
        HealthService health = new HealthService(active(plugins, HealthCheck.class), resources, healthCache,
                Clock.systemUTC());
        SnapshotCoordinator snapshots = new SnapshotCoordinator(active(plugins, SnapshotListener.class), resources, restored,
                settings.apply("snapshot").getBoolean("priming", true));
        resources.service(Health.class, health);
        resources.service(Snapshots.class, snapshots);

        RouteRegistry registry = new RouteRegistry("kernel", mapper,
                settings.apply("kernel").getBoolean("route-sources", false));
        for (LoadedPlugin lp : plugins) {
            if (lp.active && lp.plugin instanceof LiftApplication) {
                try {
                    ((LiftApplication) lp.plugin).configure(registry.forOwner(lp.id()));
                } catch (RuntimeException | LinkageError e) {
                    throw new BootFailure("Application " + lp.describe() + " failed while registering routes: "
                            + e.getMessage(), e);
                }
            }
        }
        List<MiddlewarePlugin> middleware = active(plugins, MiddlewarePlugin.class);
        List<RouteDescriptor> table = new ArrayList<>();
        Map<RouteDescriptor, RouteRegistry.LazyReader> bodyTypes = new LinkedHashMap<>();
        HttpDispatch http = HttpDispatch.compile(registry.http(), middleware, errors, mapper, table, bodyTypes);
        ExecutorService parallel = null;
        if (parallelism > 1) {
            // One pool for every invocation at once (Managed Instances, serve): its size bounds them all.
            AtomicInteger n = new AtomicInteger();
            parallel = Executors.newFixedThreadPool(maxThreads, r -> {
                Thread t = new Thread(r, "lift-records-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        EventDispatch events = new EventDispatch(compileEvents(registry, middleware, table), errors, failureMode, parallel,
                hooks, new EventDispatch.Limits(parallelism, margin, config.clock()));
        return new Booted(plugins, active(plugins, EventAdapter.class).toArray(new EventAdapter[0]), errors, http, events,
                hooks, services, health, snapshots, drainTime, shutdownBudget, shutdownSummary, parallel, List.copyOf(table),
                bodyTypes, keepWarm);
    }

    /**
     * One line for the whole init: {@code Plugins initialised in 48 ms: a 1 ms, db-pool 45 ms (init 1,
     * open 30, prewarm 14), ...}, plugins that declined marked so.
     */
    static String timings(List<LoadedPlugin> plugins, long[][] spent, long totalNanos) {
        StringBuilder sb = new StringBuilder("Plugins initialised in ").append(ms(totalNanos)).append(" ms:");
        for (int i = 0; i < plugins.size(); i++) {
            long[] s = spent[i];
            sb.append(i == 0 ? " " : ", ").append(plugins.get(i).id()).append(' ')
                    .append(ms(s[0] + s[1] + s[2])).append(" ms");
            if (plugins.get(i).plugin instanceof ResourceProvider && plugins.get(i).active) {
                sb.append(" (init ").append(ms(s[0])).append(", open ").append(ms(s[1])).append(", prewarm ")
                        .append(ms(s[2])).append(')');
            } else if (!plugins.get(i).active) {
                sb.append(" (inactive)");
            }
        }
        return sb.toString();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    /** {@code lift.batch.deadline-margin}: unset or {@code off} for none, else a duration below 15 minutes. */
    private static Duration batchMargin(Settings batch) {
        String raw = batch.get("deadline-margin", "off").trim();
        if (raw.equalsIgnoreCase("off")) {
            return null;
        }
        Duration margin;
        try {
            margin = batch.getDuration("deadline-margin", null);
        } catch (dev.lift.api.SettingException e) {
            throw new dev.lift.api.SettingException(batch.describe("deadline-margin"), raw,
                    "off, or a duration from 0ms to 15m such as 500ms or 1s");
        }
        if (margin.isNegative() || margin.compareTo(Duration.ofMinutes(15)) >= 0) {
            throw new dev.lift.api.SettingException(batch.describe("deadline-margin"), raw,
                    "off, or a duration from 0ms to 15m such as 500ms or 1s");
        }
        return margin;
    }

    /** The kernel's mapper: the shared one, or a copy with the modules plugins contribute. */
    private static ObjectMapper mapper(List<LoadedPlugin> plugins) {
        List<Module> modules = new ArrayList<>();
        for (LoadedPlugin lp : plugins) {
            if (lp.active) {
                try {
                    modules.addAll(lp.plugin.jsonModules());
                } catch (RuntimeException | LinkageError e) {
                    throw new BootFailure("Plugin " + lp.describe() + " failed to list its Jackson modules: "
                            + e.getMessage(), e);
                }
            }
        }
        if (modules.isEmpty()) {
            return Json.mapper();
        }
        return Json.newMapper(modules);
    }

    static <T> List<T> active(List<LoadedPlugin> plugins, Class<T> type) {
        List<T> list = new ArrayList<>();
        for (LoadedPlugin lp : plugins) {
            if (lp.active && type.isInstance(lp.plugin)) {
                list.add(type.cast(lp.plugin));
            }
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static List<EventDispatch.EventRoute> compileEvents(RouteRegistry registry, List<MiddlewarePlugin> plugins,
                                                                List<RouteDescriptor> table) {
        List<EventDispatch.EventRoute> routes = new ArrayList<>();
        Map<String, RouteRegistry.EventDef> seen = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (RouteRegistry.EventDef def : registry.events()) {
            String key = def.kind + " " + def.selector.type().getName() + " " + def.selector.describe();
            RouteRegistry.EventDef previous = seen.putIfAbsent(key, def);
            if (previous != null) {
                problems.add("Duplicate handler for " + def.selector.describe() + ": registered by "
                        + previous.owner + ":" + previous.handler + " and by " + def.owner + ":" + def.handler);
                continue;
            }
            RouteDescriptor descriptor = new RouteDescriptor(def.kind, null, def.selector.describe(), Set.of(),
                    def.attributes, def.owner, def.handler, List.of());
            List<Object> chain = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (MiddlewarePlugin p : plugins) {
                Object m = def.kind == EventKind.RECORD ? p.record(descriptor)
                        : def.kind == EventKind.BATCH ? p.batch(descriptor) : p.event(descriptor);
                if (m != null) {
                    chain.add(m);
                    names.add(p.id());
                }
            }
            for (Object m : def.middleware) {
                chain.add(m);
                names.add(RouteRegistry.describe(m));
            }
            descriptor = descriptor.withMiddleware(names);
            Pipeline.Step step = def.kind == EventKind.RECORD ? Pipeline.records((List) chain, def.terminal)
                    : def.kind == EventKind.BATCH ? Pipeline.batches((List) chain, def.terminal)
                    : Pipeline.events((List) chain, def.terminal);
            routes.add(new EventDispatch.EventRoute(def.kind, (EventSelector<Object>) def.selector, step, descriptor,
                    index++));
            table.add(descriptor);
        }
        if (!problems.isEmpty()) {
            throw BootFailure.of(problems);
        }
        return routes;
    }

    /** The global HTTP middleware of one route, with the names for the route table. */
    static List<HttpMiddleware> httpChain(List<MiddlewarePlugin> plugins, RouteDescriptor route, List<String> names) {
        List<HttpMiddleware> chain = new ArrayList<>();
        for (MiddlewarePlugin p : plugins) {
            HttpMiddleware m = p.http(route);
            if (m != null) {
                chain.add(m);
                names.add(p.id());
            }
        }
        return chain;
    }

    /** Metrics of plugins during init reach the sinks known once init is over. */
    static final class MetricsFanOut implements dev.lift.api.Metrics {
        volatile KernelMetrics target;

        @Override
        public void record(String name, double value, String unit, Map<String, String> dimensions) {
            KernelMetrics t = target;
            if (t != null) {
                t.record(name, value, unit, dimensions);
            }
        }
    }

    /** The kernel's mapper, known once every plugin listed its modules. */
    static final class KernelJson {
        volatile ObjectMapper mapper;

        ObjectMapper get() {
            ObjectMapper m = mapper;
            return m == null ? Json.mapper() : m;
        }
    }
}
