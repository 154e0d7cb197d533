package dev.lift.kernel.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.api.Json;
import dev.lift.api.LiftPlugin;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.Settings;
import dev.lift.kernel.LambdaRequest;
import dev.lift.spi.Health;
import dev.lift.spi.LifecycleListener;
import dev.lift.spi.LifecycleState;
import dev.lift.spi.Snapshots;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The kernel: what {@link Boot} built, {@link Dispatch} for invocations and {@link Shutdown} at
 * the end. This class only wires them and answers the introspection the CLI needs.
 */
public final class Kernel {

    private static final ObjectMapper MAPPER = Json.mapper();

    /** What to boot. */
    public record Config(ClassLoader loader, List<LiftPlugin> explicit, Map<String, String> overrides,
                         Map<String, String> environment, List<LifecycleListener> listeners, java.time.Clock clock) {
        public Config(ClassLoader loader, List<LiftPlugin> explicit, Map<String, String> overrides,
                      Map<String, String> environment, List<LifecycleListener> listeners) {
            this(loader, explicit, overrides, environment, listeners, java.time.Clock.systemUTC());
        }
    }

    private final Lifecycle lifecycle = new Lifecycle();
    private final Resources resources = new Resources();
    private final AtomicBoolean coldStart = new AtomicBoolean(true);
    private final Shutdown shutdown = new Shutdown();
    private final Map<String, KernelSettings> settings = new ConcurrentHashMap<>();
    private final Config config;
    private final Boot.Booted booted;
    private final Dispatch dispatch;

    public Kernel(Config config) {
        this.config = config;
        config.listeners().forEach(lifecycle::addListener);
        try {
            booted = Boot.boot(config, lifecycle, resources, this::settings, () -> coldStart.set(true));
        } catch (RuntimeException e) {
            lifecycle.bootFailed(e);
            resources.closeAll();
            throw e instanceof BootFailure ? e : new BootFailure("Lift could not boot: " + e.getMessage(), e);
        }
        dispatch = new Dispatch(booted, lifecycle, coldStart);
        booted.snapshots().primer(dispatch::prime);
        lifecycle.transition(LifecycleState.STARTING, LifecycleState.READY);
    }

    private Settings settings(String namespace) {
        return settings.computeIfAbsent(namespace,
                n -> new KernelSettings(n, config.overrides(), config.environment()));
    }

    // ---- invocations ----

    /** Parses an event, once; the result goes to {@link #invoke}. */
    public JsonNode parse(InputStream in) throws IOException {
        try {
            return checked(MAPPER.readTree(in));
        } catch (JsonProcessingException e) {
            throw new InvocationException("The event is not valid JSON" + where(e), null);
        }
    }

    /** Parses an event held in memory, once. */
    public JsonNode parse(byte[] event) throws IOException {
        try {
            return checked(MAPPER.readTree(event));
        } catch (JsonProcessingException e) {
            throw new InvocationException("The event is not valid JSON" + where(e), null);
        }
    }

    /** Where the JSON broke; not Jackson's message, which quotes the event's text. */
    private static String where(JsonProcessingException e) {
        com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    private static JsonNode checked(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvocationException("The event is empty; Lift expects a JSON event", null);
        }
        return root;
    }

    /** Handles one parsed event and writes the response bytes. Thread-safe. */
    public void invoke(JsonNode root, OutputStream out, LambdaRequest request) throws IOException {
        dispatch.invoke(root, out, request);
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

    /** See {@link Shutdown}. */
    public void shutdown() {
        shutdown.run(lifecycle, resources, booted);
    }

    // ---- introspection (CLI, test kit, health endpoint) ----

    public List<LoadedPlugin> plugins() {
        return booted.plugins();
    }

    /** HTTP routes, then event handlers, each with its compiled chain. */
    public List<RouteDescriptor> routes() {
        return booted.routes();
    }

    /**
     * The typed-body routes whose body type Jackson cannot read, with Jackson's reason; checked
     * when asked (the test kit, {@code lift routes}), never during a Lambda init.
     */
    public Map<RouteDescriptor, String> unreadableBodyTypes() {
        Map<RouteDescriptor, String> problems = new LinkedHashMap<>();
        for (Map.Entry<RouteDescriptor, RouteRegistry.LazyReader> e : booted.bodyTypes().entrySet()) {
            Class<?> type = e.getValue().type();
            Json.unreadableReason(type, booted.services().mapper())
                    .ifPresent(reason -> problems.put(e.getKey(), type.getName() + ": " + reason));
        }
        return problems;
    }

    /** Aggregated health (cached; see {@link Health}). */
    public Health health() {
        return booted.health();
    }

    /** The snapshot hooks, for a binding plugin or a test. */
    public Snapshots snapshots() {
        return booted.snapshots();
    }

    /** Names and results of every check, freshly run: what {@code lift health} prints. */
    public Map<String, dev.lift.spi.HealthResult> healthResults() {
        Map<String, dev.lift.spi.HealthResult> out = new LinkedHashMap<>();
        booted.health().refresh().components().forEach((name, c) ->
                out.put(name, new dev.lift.spi.HealthResult(c.status(), c.details())));
        return out;
    }

}
