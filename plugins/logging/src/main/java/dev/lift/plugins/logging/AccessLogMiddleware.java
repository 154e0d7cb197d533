package dev.lift.plugins.logging;

import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import dev.lift.api.RouteDescriptor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One access line per HTTP request: method, route template (never the path, which may hold ids or
 * tokens), status and latency, plus the request headers named in {@code lift.logging.headers}
 * (sensitive ones masked). Written after the inner layers answered, error answers included.
 */
final class AccessLogMiddleware implements HttpMiddleware {

    private final LoggingPlugin plugin;
    private final RouteDescriptor route;
    private final String routeName;
    private final List<String> headers;

    AccessLogMiddleware(LoggingPlugin plugin, RouteDescriptor route, List<String> headers) {
        this.plugin = plugin;
        this.route = route;
        this.routeName = route.matched() ? route.template() : "(" + route.handler() + ")";
        this.headers = headers;
    }

    @Override
    public HttpResponse handle(HttpRequest request, InvocationContext context, Next next) {
        long start = System.nanoTime();
        HttpResponse response = next.proceed();
        long nanos = System.nanoTime() - start;
        if (plugin.accessLogged(context)) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("kind", "http");
            fields.put("method", request.method());
            fields.put("route", route.matched() ? route.template() : null);
            fields.put("status", response.statusCode());
            fields.put("latency_ms", LoggingPlugin.millis(nanos));
            if (!headers.isEmpty()) {
                Map<String, Object> h = new LinkedHashMap<>();
                for (String name : headers) {
                    request.header(name).ifPresent(v -> h.put(name, plugin.redactor().sensitive(name) ? Redactor.MASK : v));
                }
                fields.put("headers", h);
            }
            plugin.access(Instant.now(), context, request.method() + " " + routeName + " " + response.statusCode(), fields);
        }
        return response;
    }

    @Override
    public String toString() {
        return "access-log";
    }
}
