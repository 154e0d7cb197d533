package dev.lift.plugins.health;

import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpResponse;
import dev.lift.api.PluginContext;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import dev.lift.spi.Health;
import dev.lift.spi.HealthReport;
import dev.lift.spi.HealthResult;
import dev.lift.spi.MiddlewarePlugin;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Serves the kernel's aggregated health over HTTP, through every HTTP adapter and {@code lift serve}:
 * <ul>
 *   <li>{@code GET /health}: liveness, {@code {"status":"UP"}} while Lift takes invocations;</li>
 *   <li>{@code GET /health/ready}: readiness, the aggregated status of every check;</li>
 *   <li>{@code GET /health/components}: the same with each check's {@code status}, {@code latencyMs}
 *       and details.</li>
 * </ul>
 * Up and degraded answer 200, down 503, always with {@code Cache-Control: no-store}. The endpoints
 * answer only paths no route of the application has (an application's own {@code GET /health}
 * wins), in the observability band after request ids and logging and before authentication and
 * rate limits, so a load balancer or an uptime check needs no token and is never throttled.
 *
 * <p>Settings ({@code lift.health.*}, env {@code LIFT_HEALTH_*}): {@code endpoints} ({@code true}
 * by default, {@code false} turns them off), {@code liveness-path}, {@code readiness-path},
 * {@code components-path} (absolute paths). The kernel's {@code lift.health.cache-time} decides how
 * often the checks really run.
 */
public final class HealthEndpoints implements MiddlewarePlugin {

    private volatile String liveness = "/health";
    private volatile String readiness = "/health/ready";
    private volatile String components = "/health/components";

    @Override
    public String id() {
        return "health";
    }

    @Override
    public int order() {
        return OBSERVABILITY + 900; // inside request ids, logging and metrics; outside auth and rate limits
    }

    @Override
    public boolean init(PluginContext context) {
        Settings settings = context.settings();
        if (!settings.getBoolean("endpoints", true)) {
            return false;
        }
        liveness = path(settings, "liveness-path", "/health");
        readiness = path(settings, "readiness-path", "/health/ready");
        components = path(settings, "components-path", "/health/components");
        if (Set.of(liveness, readiness, components).size() < 3) {
            throw new SettingException(settings.describe("liveness-path") + ", readiness-path and components-path",
                    liveness + ", " + readiness + ", " + components, "three different paths");
        }
        return true;
    }

    private static String path(Settings settings, String key, String defaultValue) {
        String p = settings.get(key, defaultValue).trim();
        if (!p.matches("/[A-Za-z0-9._~/-]*") || p.contains("//")) {
            throw new SettingException(settings.describe(key), p, "an absolute path of letters, digits and . _ ~ - /");
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    @Override
    public HttpMiddleware http(RouteDescriptor route) {
        if (route.matched() || !"no_route".equals(route.handler())) {
            return null; // a route of the application, a 400 or the 503 while stopping: not ours
        }
        return (request, context, next) -> {
            String method = request.method();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                return next.proceed();
            }
            String path = request.path();
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            if (path.equals(liveness)) {
                return answer(200, Map.of("status", "UP"));
            }
            if (!path.equals(readiness) && !path.equals(components)) {
                return next.proceed();
            }
            Health health = context.resources().find(Health.class).orElse(null);
            if (health == null) {
                return next.proceed();
            }
            HealthReport report = health.report();
            int status = report.status() == HealthResult.Status.DOWN ? 503 : 200;
            if (path.equals(readiness)) {
                return answer(status, Map.of("status", report.status().name()));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", report.status().name());
            body.put("checkedAt", report.checkedAt().toString());
            Map<String, Object> parts = new LinkedHashMap<>();
            for (Map.Entry<String, HealthReport.Component> e : report.components().entrySet()) {
                Map<String, Object> part = new LinkedHashMap<>();
                part.put("status", e.getValue().status().name());
                part.put("latencyMs", e.getValue().latencyMillis());
                part.put("details", e.getValue().details());
                parts.put(e.getKey(), part);
            }
            body.put("components", parts);
            return answer(status, body);
        };
    }

    private static HttpResponse answer(int status, Map<String, Object> body) {
        return HttpResponse.json(body).withStatus(status).header("Cache-Control", "no-store");
    }
}
