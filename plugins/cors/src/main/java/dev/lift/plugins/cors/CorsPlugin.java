package dev.lift.plugins.cors;

import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import dev.lift.api.PluginContext;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import dev.lift.api.SpiVersion;
import dev.lift.spi.MiddlewarePlugin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cross-origin resource sharing for every HTTP answer: a route's, an error's, and the answers no
 * route gives (404, 405, 400, 503). A preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) from an allowed origin is answered with 204 for any path
 * that exists, whether or not the application registered an {@code OPTIONS} handler; a request from
 * an origin that is not allowed gets no CORS header at all. Declines without {@code allowed-origins}.
 */
public final class CorsPlugin implements MiddlewarePlugin {

    static final Set<String> DEFAULT_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

    private volatile Config config;

    /** The checked settings. */
    record Config(AllowedOrigins origins, Set<String> methods, Set<String> headers, boolean anyHeader,
                  List<String> exposed, boolean credentials, long maxAgeSeconds) {
    }

    @Override
    public String id() {
        return "cors";
    }

    /** The outermost of the security band: 401s, 403s, 413s and 415s carry CORS headers, so browsers can read them. */
    @Override
    public int order() {
        return SECURITY + 100;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public boolean init(PluginContext context) {
        Settings s = context.settings();
        if (s.get("allowed-origins").isEmpty()) {
            return false;
        }
        AllowedOrigins origins;
        try {
            origins = AllowedOrigins.parse(s.get("allowed-origins").get());
        } catch (IllegalArgumentException e) {
            throw new SettingException(s.describe("allowed-origins"), s.get("allowed-origins").get(),
                    "a comma-separated list of origins such as https://app.example.com or https://*.example.com, or * ("
                            + e.getMessage() + ")");
        }
        boolean credentials = s.getBoolean("allow-credentials", false);
        if (credentials && origins.any()) {
            throw new SettingException(s.describe("allowed-origins"), s.get("allowed-origins").get(),
                    "a list of origins without * when " + s.describe("allow-credentials") + " is true");
        }
        Set<String> methods = tokens(s, "allowed-methods", String.join(",", new TreeSet<>(DEFAULT_METHODS)), true);
        Set<String> headers = tokens(s, "allowed-headers", "Authorization,Content-Type", false);
        boolean anyHeader = headers.contains("*");
        if (anyHeader && credentials) {
            throw new SettingException(s.describe("allowed-headers"), s.get("allowed-headers", ""),
                    "a list of header names without * when " + s.describe("allow-credentials") + " is true");
        }
        List<String> exposed = new ArrayList<>(tokens(s, "exposed-headers", "", false));
        Duration maxAge = s.getDuration("max-age", Duration.ofMinutes(10));
        if (maxAge.isNegative() || maxAge.compareTo(Duration.ofHours(24)) > 0) {
            throw new SettingException(s.describe("max-age"), s.get("max-age", ""), "a duration from 0s to 24h, such as 10m");
        }
        config = new Config(origins, methods, headers, anyHeader, exposed, credentials, maxAge.toSeconds());
        return true;
    }

    private static Set<String> tokens(Settings s, String key, String def, boolean upper) {
        Set<String> out = new LinkedHashSet<>();
        String raw = s.get(key, def);
        for (String part : raw.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (!t.equals("*") && !t.matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+")) {
                throw new SettingException(s.describe(key), raw, "a comma-separated list of HTTP "
                        + (upper ? "methods" : "header names") + " (tokens)");
            }
            out.add(upper ? t.toUpperCase(Locale.ROOT) : t.toLowerCase(Locale.ROOT));
        }
        return java.util.Collections.unmodifiableSet(out); // in the order given
    }

    @Override
    public HttpMiddleware http(RouteDescriptor route) {
        Config c = config;
        boolean unmatched = !route.matched();
        Set<String> routeMethods = route.allowedMethods();
        return (request, ctx, next) -> {
            String origin = request.header("Origin").orElse(null);
            boolean allowed = origin != null && c.origins().allows(origin);
            if (allowed && isPreflight(request)) {
                return preflight(c, request, origin, unmatched, routeMethods, next);
            }
            HttpResponse response = next.proceed();
            vary(response);
            if (allowed) {
                allowOrigin(c, response, origin);
                if (!c.exposed().isEmpty()) {
                    response.header("Access-Control-Expose-Headers", String.join(", ", c.exposed()));
                }
            }
            return response;
        };
    }

    private static boolean isPreflight(HttpRequest request) {
        return request.method().equals("OPTIONS") && request.header("Access-Control-Request-Method").isPresent();
    }

    /**
     * Answers a preflight. For a path no route serves with OPTIONS, the kernel's own answer says
     * whether the path exists: a 405 whose {@code Allow} lists its methods, or a 404, which is passed on.
     */
    private static HttpResponse preflight(Config c, HttpRequest request, String origin, boolean unmatched,
                                          Set<String> routeMethods, HttpMiddleware.Next next) {
        Set<String> pathMethods = routeMethods;
        if (unmatched) {
            HttpResponse answer = next.proceed();
            if (answer.statusCode() != 405 || answer.header("Allow").isEmpty()) {
                vary(answer);
                allowOrigin(c, answer, origin);
                return answer;
            }
            pathMethods = new TreeSet<>();
            for (String m : answer.header("Allow").get().split(",")) {
                pathMethods.add(m.trim());
            }
        }
        String method = request.header("Access-Control-Request-Method").orElse("").trim();
        boolean methodOk = c.methods().contains(method) && (pathMethods.contains(method) || pathMethods.contains("ANY"));
        List<String> requested = new ArrayList<>();
        for (String h : request.header("Access-Control-Request-Headers").orElse("").split(",")) {
            if (!h.isBlank()) {
                requested.add(h.trim().toLowerCase(Locale.ROOT));
            }
        }
        boolean headersOk = c.anyHeader() || c.headers().containsAll(requested);
        if (!methodOk || !headersOk) {
            // No CORS header: the browser blocks the real request.
            throw LiftException.forbidden("This cross-origin request is not allowed");
        }
        Set<String> methods = new TreeSet<>();
        for (String m : c.methods()) {
            if (pathMethods.contains(m) || pathMethods.contains("ANY")) {
                methods.add(m);
            }
        }
        HttpResponse ok = HttpResponse.noContent();
        vary(ok);
        allowOrigin(c, ok, origin);
        ok.header("Access-Control-Allow-Methods", String.join(", ", methods));
        if (!requested.isEmpty()) {
            ok.header("Access-Control-Allow-Headers", c.anyHeader() ? "*" : String.join(", ", requested));
        }
        ok.header("Access-Control-Max-Age", Long.toString(c.maxAgeSeconds()));
        return ok;
    }

    private static void allowOrigin(Config c, HttpResponse response, String origin) {
        // With any origin and no credentials '*' is exact and cacheable; otherwise the allowed origin is echoed.
        response.header("Access-Control-Allow-Origin", c.origins().any() && !c.credentials() ? "*" : origin.trim());
        if (c.credentials()) {
            response.header("Access-Control-Allow-Credentials", "true");
        }
    }

    /** Answers differ by Origin (and a preflight's by what it asks), so caches must key on it. */
    private static void vary(HttpResponse response) {
        String existing = response.header("Vary").orElse("");
        Set<String> names = new LinkedHashSet<>();
        for (String v : existing.split(",")) {
            if (!v.isBlank()) {
                names.add(v.trim());
            }
        }
        boolean has = names.stream().anyMatch(n -> n.equalsIgnoreCase("Origin") || n.equals("*"));
        if (!has) {
            names.add("Origin");
            response.header("Vary", String.join(", ", names));
        }
    }
}
