package dev.lift.plugins.securityheaders;

import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import dev.lift.api.PluginContext;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import dev.lift.api.SpiVersion;
import dev.lift.spi.MiddlewarePlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Security response headers on every HTTP answer (errors and the answers no route gives included),
 * each on by default and each a setting: {@code Strict-Transport-Security},
 * {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options} and {@code Referrer-Policy}. A
 * header the handler set itself is kept. Also a request body size limit: a larger body is a 413
 * before any inner layer or the handler runs.
 */
public final class SecurityHeadersPlugin implements MiddlewarePlugin {

    static final List<String> REFERRER_POLICIES = List.of("no-referrer", "no-referrer-when-downgrade", "origin",
            "origin-when-cross-origin", "same-origin", "strict-origin", "strict-origin-when-cross-origin", "unsafe-url");

    private volatile Map<String, String> headers = Map.of();
    private volatile int maxBodyBytes;

    @Override
    public String id() {
        return "security-headers";
    }

    /** Inside CORS (so its 413 carries CORS headers), outside authentication (so a 401 carries these headers). */
    @Override
    public int order() {
        return SECURITY + 200;
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
        Map<String, String> h = new LinkedHashMap<>();
        String hsts = s.get("hsts", "max-age=31536000; includeSubDomains").trim();
        if (!hsts.equalsIgnoreCase("off")) {
            if (!hsts.toLowerCase(Locale.ROOT).matches("max-age=\\d{1,10}(\\s*;\\s*(includesubdomains|preload))*")) {
                throw new SettingException(s.describe("hsts"), hsts,
                        "off, or a Strict-Transport-Security value such as max-age=31536000; includeSubDomains[; preload]");
            }
            h.put("Strict-Transport-Security", hsts);
        }
        if (s.getBoolean("nosniff", true)) {
            h.put("X-Content-Type-Options", "nosniff");
        }
        String frame = s.get("frame-options", "DENY").trim().toUpperCase(Locale.ROOT);
        if (!frame.equals("OFF")) {
            if (!frame.equals("DENY") && !frame.equals("SAMEORIGIN")) {
                throw new SettingException(s.describe("frame-options"), s.get("frame-options", ""), "DENY, SAMEORIGIN or off");
            }
            h.put("X-Frame-Options", frame);
        }
        String referrer = s.get("referrer-policy", "no-referrer").trim().toLowerCase(Locale.ROOT);
        if (!referrer.equals("off")) {
            if (!REFERRER_POLICIES.contains(referrer)) {
                throw new SettingException(s.describe("referrer-policy"), s.get("referrer-policy", ""),
                        "off or one of " + String.join(", ", REFERRER_POLICIES));
            }
            h.put("Referrer-Policy", referrer);
        }
        headers = Map.copyOf(h);
        maxBodyBytes = s.getInt("max-body-bytes", 1024 * 1024, 1, 64 * 1024 * 1024);
        return true;
    }

    @Override
    public HttpMiddleware http(RouteDescriptor route) {
        Map<String, String> h = headers;
        int limit = maxBodyBytes;
        return (request, ctx, next) -> {
            if (request.body().length > limit) {
                throw withHeaders(LiftException.payloadTooLarge(limit), h);
            }
            HttpResponse response = next.proceed();
            h.forEach((name, value) -> {
                if (response.header(name).isEmpty()) {
                    response.header(name, value);
                }
            });
            return response;
        };
    }

    /** The 413 thrown here never passes this layer's way out, so it carries the headers itself. */
    private static LiftException withHeaders(LiftException e, Map<String, String> h) {
        LiftException out = e;
        for (Map.Entry<String, String> entry : h.entrySet()) {
            out = out.withHeader(entry.getKey(), entry.getValue());
        }
        return out;
    }
}
