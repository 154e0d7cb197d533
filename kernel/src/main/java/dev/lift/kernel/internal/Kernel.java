package dev.lift.kernel.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.spi.ErrorStrategy;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.EventSelector;
import dev.lift.spi.HealthCheck;
import dev.lift.spi.HealthResult;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.Json;
import dev.lift.api.LiftApplication;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftException;
import dev.lift.api.LiftPlugin;
import dev.lift.spi.LifecycleListener;
import dev.lift.spi.LifecycleState;
import dev.lift.api.MetricsSink;
import dev.lift.api.Middleware;
import dev.lift.spi.MiddlewarePlugin;
import dev.lift.api.RecordBatch;
import dev.lift.spi.ResourceProvider;
import dev.lift.api.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel: boots the plugins, dispatches invocations and shuts down gracefully. Everything it
 * builds at boot is read-only afterwards, so invocations run concurrently without locks.
 */
public final class Kernel {

    private static final System.Logger LOG = System.getLogger("lift.kernel");
    private static final ObjectMapper MAPPER = Json.mapper();

    /** What to boot. */
    public record Config(ClassLoader loader, List<LiftPlugin> explicit, Map<String, String> overrides,
                         Map<String, String> environment, List<LifecycleListener> listeners) {
    }

    /** A compiled HTTP route. */
    record HttpRoute(Step step, String owner, String handler, List<String> middleware) {
    }

    /** One line of the route table. */
    public record RouteLine(String method, String path, String handler, List<String> middleware) {
    }

    private final Lifecycle lifecycle = new Lifecycle();
    private final Resources resources = new Resources();
    private final AtomicBoolean coldStart = new AtomicBoolean(true);
    private final AtomicBoolean shutdownStarted = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<String, KernelSettings> settings = new ConcurrentHashMap<>();
    private final Config config;

    private List<LoadedPlugin> plugins = List.of();
    private List<EventAdapter> adapters = List.of();
    private List<HealthCheck> healthChecks = List.of();
    private ErrorHandling errors = new ErrorHandling(List.of());
    private HttpRouter<HttpRoute> router = new HttpRouter<>();
    private Step unmatched;
    private EventDispatch events;
    private Duration drainTime;
    private ExecutorService parallel;

    public Kernel(Config config) {
        this.config = config;
        config.listeners().forEach(lifecycle::addListener);
        try {
            boot();
        } catch (RuntimeException e) {
            lifecycle.bootFailed(e);
            resources.closeAll();
            throw e instanceof BootFailure ? e : new BootFailure("Lift could not boot: " + e.getMessage(), e);
        }
    }

    private Settings settings(String namespace) {
        return settings.computeIfAbsent(namespace,
                n -> new KernelSettings(n, config.overrides(), config.environment()));
    }

    private void boot() {
        plugins = PluginRegistry.load(config.loader(), config.explicit());
        drainTime = settings("kernel").getDuration("drain-time", Duration.ofMillis(200));
        EventDispatch.FailureMode failureMode = settings("batch").getEnum("failure-mode",
                EventDispatch.FailureMode.class, EventDispatch.FailureMode.REPORT);
        int parallelism = settings("batch").getInt("parallelism", 1, 1, 256);
        MetricsSink metrics = metricsSink();

        for (LoadedPlugin lp : plugins) {
            lp.settings = (KernelSettings) settings(lp.id());
            PluginContextImpl context = new PluginContextImpl(lp.id(), lp.settings, this::settings, metrics, resources);
            try {
                lp.active = lp.plugin.init(context);
            } catch (Exception | LinkageError e) {
                throw new BootFailure("Plugin " + lp.describe() + " failed during init: " + e.getMessage(), e);
            }
            if (!lp.active) {
                LOG.log(System.Logger.Level.DEBUG, () -> "Plugin " + lp.describe() + " declined to take part"); // `lift plugins` shows it
                continue;
            }
            if (lp.plugin instanceof LifecycleListener) {
                lifecycle.addListener((LifecycleListener) lp.plugin);
            }
            if (lp.plugin instanceof ResourceProvider) {
                try {
                    resources.open((ResourceProvider<?>) lp.plugin, context);
                } catch (Exception | LinkageError e) {
                    throw new BootFailure("Resource plugin " + lp.describe() + " failed to open: " + e.getMessage(), e);
                }
            }
        }
        adapters = active(EventAdapter.class);
        healthChecks = active(HealthCheck.class);
        errors = new ErrorHandling(active(ErrorStrategy.class));
        compileRoutes();
        if (parallelism > 1) {
            AtomicInteger n = new AtomicInteger();
            parallel = Executors.newFixedThreadPool(parallelism, r -> {
                Thread t = new Thread(r, "lift-records-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        events = new EventDispatch(compileEvents(), errors, failureMode, parallel);
        lifecycle.transition(LifecycleState.STARTING, LifecycleState.READY);
        LOG.log(System.Logger.Level.DEBUG, () -> "Lift is ready with plugins " + plugins.stream().map(LoadedPlugin::id).toList());
    }

    private MetricsSink metricsSink() {
        List<MetricsSink> sinks = new ArrayList<>();
        for (LoadedPlugin lp : plugins) {
            if (lp.plugin instanceof MetricsSink) {
                sinks.add((MetricsSink) lp.plugin);
            }
        }
        if (sinks.isEmpty()) {
            return MetricsSink.NOOP;
        }
        return (name, value, unit, dims) -> {
            for (MetricsSink s : sinks) {
                s.record(name, value, unit, dims);
            }
        };
    }

    private <T> List<T> active(Class<T> type) {
        List<T> list = new ArrayList<>();
        for (LoadedPlugin lp : plugins) {
            if (lp.active && type.isInstance(lp.plugin)) {
                list.add(type.cast(lp.plugin));
            }
        }
        return list;
    }

    private List<Middleware> globalMiddleware(EventKind kind) {
        List<Middleware> list = new ArrayList<>();
        for (MiddlewarePlugin m : active(MiddlewarePlugin.class)) {
            if (m.appliesTo().contains(kind)) {
                list.add(m);
            }
        }
        return list;
    }

    private static List<String> names(List<Middleware> middleware) {
        List<String> names = new ArrayList<>();
        for (Middleware m : middleware) {
            names.add(m instanceof MiddlewarePlugin ? ((MiddlewarePlugin) m).id() : RouteRegistry.describe(m));
        }
        return names;
    }

    private RouteRegistry registry;

    private void compileRoutes() {
        registry = new RouteRegistry("kernel");
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
        List<Middleware> globals = globalMiddleware(EventKind.HTTP);
        List<String> problems = new ArrayList<>();
        HttpRouter<HttpRoute> built = new HttpRouter<>();
        for (RouteRegistry.HttpDef def : registry.http()) {
            List<Middleware> chain = new ArrayList<>(globals);
            chain.addAll(def.scoped());
            Step step = Pipeline.compileHttp(chain, def.terminal(), errors);
            try {
                built.add(def.method(), def.path(), def.owner() + ":" + def.handler(),
                        new HttpRoute(step, def.owner(), def.handler(), names(chain)));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw BootFailure.of(problems);
        }
        router = built;
        unmatched = Pipeline.compileHttp(globals, (ctx, in) -> {
            throw unmatchedError((HttpRequest) in);
        }, errors);
    }

    @SuppressWarnings("unchecked")
    private List<EventDispatch.EventRoute> compileEvents() {
        List<EventDispatch.EventRoute> routes = new ArrayList<>();
        Map<String, RouteRegistry.EventDef> seen = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (RouteRegistry.EventDef def : registry.events()) {
            String key = def.kind() + " " + def.selector().type().getName() + " " + def.selector().describe();
            RouteRegistry.EventDef previous = seen.putIfAbsent(key, def);
            if (previous != null) {
                problems.add("Duplicate handler for " + def.selector().describe() + ": registered by "
                        + previous.owner() + ":" + previous.handler() + " and by " + def.owner() + ":" + def.handler());
                continue;
            }
            List<Middleware> chain = new ArrayList<>(globalMiddleware(def.kind()));
            chain.addAll(def.scoped());
            routes.add(new EventDispatch.EventRoute(def.kind(), (EventSelector<Object>) def.selector(),
                    Pipeline.compile(chain, def.terminal()), def.owner(), def.handler(), index++));
        }
        if (!problems.isEmpty()) {
            throw BootFailure.of(problems);
        }
        return routes;
    }

    // ---- invocations ----

    /** Parses an event, once; the result goes to {@link #invoke(JsonNode, OutputStream, RequestMeta)}. */
    public JsonNode parse(InputStream in) throws IOException {
        try {
            return checked(MAPPER.readTree(in));
        } catch (JsonProcessingException e) {
            throw new InvocationException("The event is not valid JSON: " + e.getOriginalMessage(), null);
        }
    }

    /** Parses an event held in memory, once. */
    public JsonNode parse(byte[] event) throws IOException {
        try {
            return checked(MAPPER.readTree(event));
        } catch (JsonProcessingException e) {
            throw new InvocationException("The event is not valid JSON: " + e.getOriginalMessage(), null);
        }
    }

    private static JsonNode checked(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvocationException("The event is empty; Lift expects a JSON event", null);
        }
        return root;
    }

    /** Handles one parsed event and writes the response bytes. Thread-safe. */
    public void invoke(JsonNode root, OutputStream out, RequestMeta meta) throws IOException {
        EventAdapter adapter = adapterFor(root);
        if (!lifecycle.enter()) {
            refuse(adapter, meta, out);
            return;
        }
        try {
            Invocation invocation = new Invocation(meta, coldStart.getAndSet(false));
            LiftEvent event;
            try {
                event = adapter.decode(root);
            } catch (LiftException e) {
                if (adapter.kind() == EventKind.HTTP) {
                    encode(adapter, null, errors.toResponse(e, invocation, null), out);
                    return;
                }
                throw new InvocationException("Adapter '" + adapter.id() + "' could not decode the event: "
                        + (e.detail() == null ? e.getMessage() : e.detail()), null);
            }
            invocation.event(event);
            Object result;
            switch (event.kind()) {
                case HTTP:
                    result = dispatchHttp(invocation, (HttpRequest) event);
                    break;
                case BATCH:
                    @SuppressWarnings("unchecked")
                    RecordBatch<Object> batch = (RecordBatch<Object>) event;
                    result = events.dispatchBatch(invocation, batch);
                    break;
                default:
                    try {
                        result = events.dispatchEvent(invocation, event);
                    } catch (Exception e) {
                        if (!adapter.answersFailures()) {
                            throw e;
                        }
                        result = errors.toResponse(e, invocation, null);
                    }
            }
            encode(adapter, event, result, out);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new InvocationException("Request " + meta.requestId() + " failed: " + e.getMessage(), e);
        } finally {
            lifecycle.exit();
        }
    }

    private void refuse(EventAdapter adapter, RequestMeta meta, OutputStream out) throws IOException {
        String why = "Lift is " + lifecycle.state().name().toLowerCase(java.util.Locale.ROOT) + " and takes no new invocations";
        if (adapter.kind() == EventKind.HTTP) {
            encode(adapter, null, FallbackErrors.toResponse(
                    LiftException.unavailable(why, Duration.ofSeconds(1)), meta.requestId()), out);
            return;
        }
        throw new InvocationException(why + " (request " + meta.requestId() + ")", null);
    }

    private HttpResponse dispatchHttp(Invocation invocation, HttpRequest request) throws Exception {
        HttpRouter.Match<HttpRoute> match = router.match(request.method(), request.path());
        if (match == null || !match.found()) {
            return (HttpResponse) unmatched.run(invocation, request);
        }
        HttpRequest routed = request.withRoute(match.template, match.params);
        invocation.event(routed);
        HttpResponse response = (HttpResponse) match.target.step().run(invocation, routed);
        if (match.headViaGet) {
            response.body(new byte[0], null);
        }
        return response;
    }

    private LiftException unmatchedError(HttpRequest request) {
        HttpRouter.Match<HttpRoute> match = router.match(request.method(), request.path());
        String target = request.method() + " " + abbreviate(request.path());
        if (match != null && match.allow != null) {
            return new LiftException(405, "Method " + request.method() + " is not allowed for "
                    + abbreviate(request.path()) + "; allowed: " + match.allow).withHeader("Allow", match.allow);
        }
        return LiftException.notFound("No route matches " + target);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private EventAdapter adapterFor(JsonNode root) {
        for (EventAdapter a : adapters) {
            if (a.matches(root)) {
                return a;
            }
        }
        List<String> keys = new ArrayList<>();
        if (root.isObject()) {
            Iterator<String> it = root.fieldNames();
            while (it.hasNext() && keys.size() < 20) {
                keys.add(it.next());
            }
        }
        String seen = root.isObject() ? "top-level keys " + keys : "a JSON " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        if (adapters.isEmpty()) {
            throw new InvocationException("No event adapter is installed, so Lift cannot handle this event (" + seen
                    + "). Put an adapter plugin jar such as lift-adapter-apigateway-v2 or lift-adapter-sqs on the class "
                    + "path or in the plugins directory.", null);
        }
        throw new InvocationException("No installed adapter recognises this event (" + seen
                + "); adapters installed, in detection order: " + adapters.stream().map(EventAdapter::id).toList(), null);
    }

    private static void encode(EventAdapter adapter, LiftEvent event, Object result, OutputStream out) throws IOException {
        JsonGenerator g = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        adapter.encode(event, result, g);
        // close(), not just flush(): only close() hands the generator's 8 KB output buffer back to
        // Jackson's recycler; the caller's stream stays open. Not in a finally: closing after a failed
        // encode would complete the half-written JSON and send it.
        g.close();
    }

    // ---- lifecycle ----

    public LifecycleState state() {
        return lifecycle.state();
    }

    public void addListener(LifecycleListener listener) {
        lifecycle.addListener(listener);
    }

    public int inFlight() {
        return lifecycle.inFlight();
    }

    /**
     * Stops taking invocations, lets in-flight ones finish within the drain time, then closes
     * resources in reverse order, each bounded. Idempotent; safe to call from a shutdown hook
     * (it never calls {@code System.exit}).
     */
    public void shutdown() {
        if (!shutdownStarted.compareAndSet(false, true)) {
            try {
                stopped.await(drainTime.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            lifecycle.transition(LifecycleState.READY, LifecycleState.STOPPING);
            int left = lifecycle.awaitDrained(drainTime.toMillis());
            if (left > 0) {
                LOG.log(System.Logger.Level.WARNING, left + " invocation(s) still running after the drain time of "
                        + drainTime.toMillis() + " ms; closing resources anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            resources.closeAll();
            if (parallel != null) {
                parallel.shutdownNow();
            }
            lifecycle.transition(LifecycleState.STOPPING, LifecycleState.STOPPED);
            stopped.countDown();
        }
    }

    // ---- introspection (CLI, health endpoint) ----

    public List<LoadedPlugin> plugins() {
        return plugins;
    }

    public List<RouteLine> routeTable() {
        List<RouteLine> lines = new ArrayList<>();
        for (HttpRouter.Route<HttpRoute> r : router.routes()) {
            lines.add(new RouteLine(r.method(), r.template(), r.target().owner() + ":" + r.target().handler(),
                    r.target().middleware()));
        }
        for (EventDispatch.EventRoute r : events.routes()) {
            lines.add(new RouteLine(r.kind().name(), r.selector().describe(), r.owner() + ":" + r.handler(), List.of()));
        }
        return lines;
    }

    /** Runs every health check (each bounded by its timeout) and checks every resource. */
    public Map<String, HealthResult> health() {
        Map<String, HealthResult> results = new LinkedHashMap<>();
        if (!healthChecks.isEmpty()) {
            ExecutorService pool = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "lift-health");
                t.setDaemon(true);
                return t;
            });
            try {
                Map<HealthCheck, Future<HealthResult>> running = new LinkedHashMap<>();
                for (HealthCheck c : healthChecks) {
                    running.put(c, pool.submit(c::check));
                }
                for (Map.Entry<HealthCheck, Future<HealthResult>> e : running.entrySet()) {
                    results.put(e.getKey().id(), await(e.getKey(), e.getValue()));
                }
            } finally {
                pool.shutdownNow();
            }
        }
        for (Map.Entry<String, HealthResult> e : resources.check()) {
            results.put(e.getKey(), e.getValue());
        }
        return results;
    }

    private static HealthResult await(HealthCheck check, Future<HealthResult> f) {
        try {
            HealthResult r = f.get(check.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return r == null ? HealthResult.down(Map.of("error", "the check returned nothing")) : r;
        } catch (TimeoutException e) {
            f.cancel(true);
            return HealthResult.down(Map.of("error", "timed out after " + check.timeout().toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthResult.down(Map.of("error", "interrupted"));
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return HealthResult.down(Map.of("error", String.valueOf(cause.getMessage())));
        }
    }
}
