package dev.lift.plugins.logging;

import dev.lift.api.Api;
import dev.lift.api.BatchMiddleware;
import dev.lift.api.EventKind;
import dev.lift.api.EventMiddleware;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.InvocationContext;
import dev.lift.api.PluginContext;
import dev.lift.api.RecordMiddleware;
import dev.lift.api.RouteAttributes;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import dev.lift.api.SpiVersion;
import dev.lift.spi.InvocationListener;
import dev.lift.spi.InvocationOutcome;
import dev.lift.spi.LifecycleListener;
import dev.lift.spi.LifecycleState;
import dev.lift.spi.MiddlewarePlugin;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Structured logging, on by default. At init it installs a java.util.logging root handler in place
 * of the console handler, so every {@link System.Logger} line (Lift's, plugins', handlers') and
 * every JUL line becomes one JSON object per line on stdout with the Powertools keys
 * ({@code timestamp}, {@code level}, {@code message}, {@code service}, {@code cold_start},
 * {@code function_name}, {@code function_request_id}, {@code xray_trace_id},
 * {@code correlation_id}, {@code exception}), or, with {@code format=text}, one text line on
 * stderr. The invocation's fields come from the invocation the logging thread works for, never
 * from a process-wide property. Writes one access line per invocation. Restores the previous
 * handlers when the kernel stops.
 *
 * <p>Settings (namespace {@code logging}): {@code enabled}, {@code format} ({@code json} or
 * {@code text}), {@code level}, {@code sample-rate}, {@code service}, {@code redact},
 * {@code headers}, {@code access-log}, {@code output}; see the plugins README.
 *
 * <p>Route attributes: {@link #LEVEL} (this route's level, for example {@code "debug"}) and
 * {@link #ACCESS_LOG} ({@code false}: no access line for this route, for example a health check).
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class LoggingPlugin implements MiddlewarePlugin, InvocationListener, LifecycleListener {

    /** The plugin id and settings namespace. */
    public static final String ID = "logging";

    /** Route attribute {@code logging.level}: the level of this route's invocations ({@code trace} ... {@code error}). */
    public static final RouteAttributes.Key<String> LEVEL = RouteAttributes.Key.of("logging.level", String.class);

    /** Route attribute {@code logging.access-log}: {@code false} writes no access line for this route. */
    public static final RouteAttributes.Key<Boolean> ACCESS_LOG = RouteAttributes.Key.of("logging.access-log", Boolean.class);

    /** The invocation attribute holding the level decided at its start (sampling), shared with its records. */
    static final String SAMPLED = "lift.logging.sampled";

    /** How lines are written. */
    enum Format { JSON, TEXT }

    /** Where lines go. */
    enum Output { STDOUT, STDERR }

    private final PrintStream fixedOut;
    private volatile LogWriter writer;
    private volatile LogLevel level;
    private volatile double sampleRate;
    private volatile boolean accessLog;
    private volatile List<String> headers = List.of();

    // What install() replaced, to put back at shutdown.
    private final Object installLock = new Object();
    private StructuredLogHandler installed;
    private final List<Handler> removed = new ArrayList<>();
    private Level previousRootLevel;

    /** The plugin as ServiceLoader creates it: lines go to stdout or stderr as configured. */
    public LoggingPlugin() {
        this(null);
    }

    /** Writes every line to {@code out} whatever {@code output} says (tests, embedding). */
    public LoggingPlugin(PrintStream out) {
        this.fixedOut = out;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return OBSERVABILITY + 10; // inside request-id, so the access line carries the correlation id
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public boolean init(PluginContext context) {
        Settings s = context.settings();
        if (!s.getBoolean("enabled", true)) {
            return false;
        }
        Format format = s.getEnum("format", Format.class, Format.JSON);
        level = s.getEnum("level", LogLevel.class, LogLevel.INFO);
        sampleRate = fraction(s, "sample-rate");
        accessLog = s.getBoolean("access-log", true);
        List<String> redact = names(s, "redact");
        headers = names(s, "headers");
        String service = s.get("service").map(String::trim).orElse(null);
        Output output = s.getEnum("output", Output.class, format == Format.JSON ? Output.STDOUT : Output.STDERR);
        PrintStream out = fixedOut != null ? fixedOut : output == Output.STDOUT ? System.out : System.err;
        writer = new LogWriter(format == Format.JSON, out, service, new Redactor(redact));
        install(new StructuredLogHandler(writer, level));
        return true;
    }

    private static double fraction(Settings s, String key) {
        String raw = s.get(key).orElse(null);
        if (raw == null) {
            return 0;
        }
        try {
            double v = Double.parseDouble(raw.trim());
            if (v >= 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below with what is allowed
        }
        throw new SettingException(s.describe(key), raw, "a fraction of invocations from 0 to 1, such as 0.1");
    }

    private static List<String> names(Settings s, String key) {
        List<String> names = new ArrayList<>();
        String raw = s.get(key).orElse(null);
        if (raw == null) {
            return names;
        }
        for (String part : raw.split(",")) {
            String n = part.trim();
            if (n.isEmpty()) {
                continue;
            }
            if (!Redactor.validName(n)) {
                throw new SettingException(s.describe(key), raw,
                        "a comma-separated list of names made of letters, digits, '-', '_' and '.'");
            }
            names.add(n.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(names);
    }

    /** Replaces the root logger's console handlers with ours and opens the root level as far as needed. */
    private void install(StructuredLogHandler handler) {
        synchronized (installLock) {
            Logger root = Logger.getLogger("");
            for (Handler h : root.getHandlers()) {
                if (h instanceof ConsoleHandler || h instanceof StructuredLogHandler) {
                    root.removeHandler(h);
                    removed.add(h);
                }
            }
            root.addHandler(handler);
            installed = handler;
            previousRootLevel = root.getLevel();
            root.setLevel(sampleRate > 0 && level.threshold() > LogLevel.DEBUG.threshold() ? LogLevel.DEBUG.jul() : level.jul());
        }
    }

    /** A route that logs below the root level opens it that far (boot only). */
    private void openRootTo(LogLevel routeLevel) {
        synchronized (installLock) {
            Logger root = Logger.getLogger("");
            if (installed != null && root.getLevel() != null && routeLevel.threshold() < root.getLevel().intValue()) {
                root.setLevel(routeLevel.jul());
            }
        }
    }

    private void uninstall() {
        synchronized (installLock) {
            if (installed == null) {
                return;
            }
            Logger root = Logger.getLogger("");
            root.removeHandler(installed);
            for (Handler h : removed) {
                root.addHandler(h);
            }
            removed.clear();
            root.setLevel(previousRootLevel);
            installed = null;
        }
    }

    @Override
    public void onStateChange(LifecycleState from, LifecycleState to) {
        if (to == LifecycleState.STOPPED || to == LifecycleState.FAILED) {
            uninstall();
        }
    }

    @Override
    public void onBootFailure(Throwable error) {
        uninstall();
    }

    // ---- middleware: the HTTP access line; route levels open the root logger at boot

    @Override
    public HttpMiddleware http(RouteDescriptor route) {
        routeLevel(route);
        if (!accessLog || !route.attributes().get(ACCESS_LOG).orElse(true)) {
            return null;
        }
        return new AccessLogMiddleware(this, route, headers);
    }

    @Override
    public RecordMiddleware<Object> record(RouteDescriptor route) {
        routeLevel(route);
        return null;
    }

    @Override
    public BatchMiddleware<Object> batch(RouteDescriptor route) {
        routeLevel(route);
        return null;
    }

    @Override
    public EventMiddleware<Object> event(RouteDescriptor route) {
        routeLevel(route);
        return null;
    }

    private LogLevel routeLevel(RouteDescriptor route) {
        String raw = route.attributes().get(LEVEL).orElse(null);
        if (raw == null) {
            return null;
        }
        LogLevel l = LogLevel.parse(raw);
        if (l == null) {
            throw new IllegalArgumentException("Route " + route + " has the attribute " + LEVEL.name() + "='" + raw
                    + "'; expected one of trace, debug, info, warn, error");
        }
        openRootTo(l);
        return l;
    }

    // ---- listener: the thread's invocation, sampling, the access line of other events

    @Override
    public void onStart(InvocationContext invocation) {
        if (sampleRate > 0 && ThreadLocalRandom.current().nextDouble() < sampleRate) {
            invocation.attribute(SAMPLED, Boolean.TRUE);
        }
        LogContext.push(invocation, threshold(invocation));
    }

    @Override
    public void onEnd(InvocationContext invocation, InvocationOutcome outcome) {
        try {
            if (outcome.kind() != EventKind.HTTP && accessLogged(invocation)) {
                RouteDescriptor route = invocation.route();
                String name = route == null ? "-" : route.matched() ? route.template() : "(" + route.handler() + ")";
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("kind", outcome.kind().name().toLowerCase(Locale.ROOT));
                fields.put("route", route == null ? null : route.template());
                fields.put("status", outcome.status());
                fields.put("latency_ms", millis(outcome.duration().toNanos()));
                if (outcome.kind() == EventKind.BATCH) {
                    fields.put("records", outcome.records());
                    fields.put("failed_records", outcome.failedRecords());
                }
                access(Instant.now(), invocation, outcome.kind() + " " + name + " " + outcome.status()
                        + (outcome.kind() == EventKind.BATCH ? " (" + outcome.records() + " records, "
                        + outcome.failedRecords() + " failed)" : ""), fields);
            }
        } finally {
            LogContext.pop(invocation);
        }
    }

    @Override
    public void onRecordStart(InvocationContext record, Object item) {
        LogContext.push(record, threshold(record));
    }

    @Override
    public void onRecordEnd(InvocationContext record, Object item, Throwable failure) {
        LogContext.pop(record);
    }

    /** The level of this invocation or record: its route's, lowered to DEBUG when sampled. */
    private int threshold(InvocationContext invocation) {
        LogLevel l = level;
        RouteDescriptor route = invocation.route();
        if (route != null) {
            LogLevel r = LogLevel.parse(route.attributes().get(LEVEL).orElse(null));
            if (r != null) {
                l = r;
            }
        }
        int t = l.threshold();
        if (invocation.attribute(SAMPLED).isPresent()) {
            t = Math.min(t, LogLevel.DEBUG.threshold());
        }
        return t;
    }

    boolean accessLogged(InvocationContext invocation) {
        if (!accessLog) {
            return false;
        }
        RouteDescriptor route = invocation.route();
        return route == null || route.attributes().get(ACCESS_LOG).orElse(true);
    }

    /** Writes an access line at INFO, if this invocation logs INFO. */
    void access(Instant time, InvocationContext invocation, String message, Map<String, Object> fields) {
        LogContext.Frame frame = LogContext.current();
        int min = frame == null ? level.threshold() : frame.threshold();
        if (Level.INFO.intValue() >= min) {
            writer.write(time, "INFO", "lift." + ID, message, invocation, fields, null);
        }
    }

    Redactor redactor() {
        return writer.redactor();
    }

    static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
