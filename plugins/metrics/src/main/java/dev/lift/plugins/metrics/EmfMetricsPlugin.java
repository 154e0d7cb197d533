package dev.lift.plugins.metrics;

import dev.lift.api.Api;
import dev.lift.api.EventKind;
import dev.lift.api.InvocationContext;
import dev.lift.api.PluginContext;
import dev.lift.api.RouteAttributes;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import dev.lift.api.SpiVersion;
import dev.lift.spi.InvocationListener;
import dev.lift.spi.InvocationOutcome;
import dev.lift.spi.MetricsSink;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudWatch Embedded Metric Format on stdout, without the AWS SDK: what an invocation records
 * (Lift's own figures, plugins' such as the resilience policies', and the handler's through
 * {@code context.metrics()}) is kept with that invocation and written once at its end, one JSON
 * object per dimension set and per 100 metrics. Values recorded outside an invocation are written
 * at once. Declines unless {@code lift.metrics.namespace} is set.
 *
 * <p>Lift's figures become {@code ColdStart}, {@code Invocations}, {@code Latency} (milliseconds),
 * for HTTP one of {@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 5xx} per request, otherwise
 * {@code Errors} (a 4xx answer), {@code Faults} (a failed invocation) and {@code FailedRecords}.
 * Every metric carries the dimension {@code service}; the invocation metrics also {@code route}
 * ({@code GET /orders/{id}}) when {@code route-dimension} is true or the route says so with
 * {@link #ROUTE_DIMENSION}.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class EmfMetricsPlugin implements MetricsSink, InvocationListener {

    /** The plugin id and settings namespace. */
    public static final String ID = "metrics";

    /** Route attribute {@code metrics.route-dimension}: this route's metrics carry (or not) the {@code route} dimension. */
    public static final RouteAttributes.Key<Boolean> ROUTE_DIMENSION =
            RouteAttributes.Key.of("metrics.route-dimension", Boolean.class);

    static final String SERVICE = "service";
    static final String ROUTE = "route";
    private static final String BUFFER = "lift.metrics.buffer";

    private final PrintStream fixedOut;
    private final Object bufferLock = new Object();
    private volatile PrintStream out;
    private volatile String namespace;
    private volatile String service;
    private volatile boolean routeDimension;

    /** The plugin as ServiceLoader creates it: writes to stdout. */
    public EmfMetricsPlugin() {
        this(null);
    }

    /** Writes to {@code out} (tests, embedding). */
    public EmfMetricsPlugin(PrintStream out) {
        this.fixedOut = out;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return 1020; // the observability band (1000), after request-id and logging
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public boolean init(PluginContext context) {
        Settings s = context.settings();
        String ns = s.get("namespace").map(String::trim).orElse(null);
        if (ns == null) {
            return false; // no namespace, no metrics: CloudWatch needs one
        }
        if (EmfRules.asciiProblem("namespace", ns, 255) != null || ns.startsWith(":")) {
            throw new SettingException(s.describe("namespace"), ns,
                    "1 to 255 printable ASCII characters, not starting with ':' (for example MyCompany/Orders)");
        }
        String svc = s.get("service").map(String::trim).orElse(null);
        if (svc != null && EmfRules.asciiProblem("service", svc, 1024) != null) {
            throw new SettingException(s.describe("service"), svc, "1 to 1024 printable ASCII characters");
        }
        routeDimension = s.getBoolean("route-dimension", false);
        namespace = ns;
        service = svc;
        out = fixedOut != null ? fixedOut : System.out;
        return true;
    }

    @Override
    public void record(InvocationContext invocation, String name, double value, String unit, Map<String, String> dimensions) {
        String metric = name;
        Map<String, String> dims;
        switch (name) {
            case "lift.cold_start":
                metric = "ColdStart";
                dims = Map.of(SERVICE, service(invocation));
                break;
            case "lift.invocations":
                metric = "Invocations";
                dims = invocationDimensions(invocation);
                break;
            case "lift.duration":
                metric = "Latency";
                dims = invocationDimensions(invocation);
                break;
            case "lift.errors":
                return; // counted by status class in onEnd, which knows the status
            default:
                EmfRules.checkMetric(name, value, unit);
                if (dimensions.size() + 1 > EmfRules.MAX_DIMENSIONS) {
                    throw new IllegalArgumentException("metric " + name + " has " + dimensions.size()
                            + " dimensions; CloudWatch takes 30 with the service dimension");
                }
                Map<String, String> d = new LinkedHashMap<>();
                d.put(SERVICE, service(invocation));
                for (Map.Entry<String, String> e : new TreeMap<>(dimensions).entrySet()) {
                    if (e.getKey().equals(SERVICE) || e.getKey().equals("_aws") || e.getKey().equals(MetricBuffer.REQUEST_ID)) {
                        throw new IllegalArgumentException("metric " + name + ": the dimension name '" + e.getKey()
                                + "' is reserved");
                    }
                    EmfRules.checkDimension(e.getKey(), e.getValue());
                    d.put(e.getKey(), e.getValue());
                }
                dims = d;
        }
        if (invocation == null) {
            out.print(MetricBuffer.single(namespace, System.currentTimeMillis(), dims, metric, unit, value));
            out.flush();
            return;
        }
        buffer(invocation).add(dims, metric, unit, value);
    }

    @Override
    public void onEnd(InvocationContext invocation, InvocationOutcome outcome) {
        Map<String, String> dims = invocationDimensions(invocation);
        int status = outcome.status();
        if (outcome.kind() == EventKind.HTTP) {
            buffer(invocation).add(dims, (status / 100) + "xx", "Count", 1);
            return;
        }
        if (status >= 500) {
            buffer(invocation).add(dims, "Faults", "Count", 1);
        } else if (status >= 400) {
            buffer(invocation).add(dims, "Errors", "Count", 1);
        }
        if (outcome.failedRecords() > 0) {
            buffer(invocation).add(dims, "FailedRecords", "Count", outcome.failedRecords());
        }
    }

    @Override
    public void flush(InvocationContext invocation) {
        MetricBuffer b;
        synchronized (bufferLock) {
            b = invocation.attribute(BUFFER, MetricBuffer.class).orElse(null);
            invocation.attribute(BUFFER, (Object) null); // the setter, not the typed getter
        }
        if (b != null && !b.isEmpty()) {
            out.print(b.render(namespace, System.currentTimeMillis(), invocation.requestId()));
            out.flush();
        }
    }

    private MetricBuffer buffer(InvocationContext invocation) {
        MetricBuffer b = invocation.attribute(BUFFER, MetricBuffer.class).orElse(null);
        if (b != null) {
            return b;
        }
        synchronized (bufferLock) { // the records of a batch may ask at once
            b = invocation.attribute(BUFFER, MetricBuffer.class).orElse(null);
            if (b == null) {
                b = new MetricBuffer();
                invocation.attribute(BUFFER, b);
            }
            return b;
        }
    }

    private String service(InvocationContext invocation) {
        if (service != null) {
            return service;
        }
        String name = invocation != null ? invocation.functionName() : System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        return name == null || EmfRules.asciiProblem("service", name, 1024) != null ? "lift" : name;
    }

    private Map<String, String> invocationDimensions(InvocationContext invocation) {
        String svc = service(invocation);
        RouteDescriptor route = invocation == null ? null : invocation.route();
        boolean withRoute = route != null && route.attributes().get(ROUTE_DIMENSION).orElse(routeDimension);
        if (!withRoute) {
            return Map.of(SERVICE, svc);
        }
        Map<String, String> d = new LinkedHashMap<>();
        d.put(SERVICE, svc);
        d.put(ROUTE, routeName(route));
        return d;
    }

    /** {@code GET /orders/{id}}, {@code unmatched} or the handler's selector, as printable ASCII. */
    static String routeName(RouteDescriptor route) {
        String name = !route.matched() ? "unmatched"
                : route.kind() == EventKind.HTTP ? route.method() + " " + route.template() : route.template();
        StringBuilder b = new StringBuilder(Math.min(name.length(), 1024));
        for (int i = 0; i < name.length() && b.length() < 1024; i++) {
            char c = name.charAt(i);
            b.append(c >= 0x20 && c <= 0x7e ? c : '?');
        }
        return b.toString();
    }
}
