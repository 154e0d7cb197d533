package dev.lift.plugins.ratelimit;

import dev.lift.api.HttpRequest;
import dev.lift.api.InvocationContext;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import java.util.Map;
import java.util.Optional;

/**
 * What a request is counted against: the client's address as the gateway saw it, the verified JWT
 * subject, the value of one header, or the route itself (every caller together).
 */
abstract class ClientKey {

    /** The context attribute an authentication plugin sets to the verified caller's subject. */
    static final String SUBJECT_ATTRIBUTE = "lift.auth.subject";

    /** The context attribute an authentication plugin sets to the verified JWT claims (a map). */
    static final String CLAIMS_ATTRIBUTE = "lift.auth.claims";

    static final String ALLOWED = "ip, subject, route or header:<header name>";

    /** The key of this request; never null. */
    abstract String of(HttpRequest request, InvocationContext context, RouteDescriptor route);

    /** For messages and {@code lift plugins}. */
    abstract String describe();

    static ClientKey parse(Settings settings, String key, String raw) {
        String v = raw.trim();
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "ip":
                return IP;
            case "subject":
                return SUBJECT;
            case "route":
                return ROUTE;
            default:
                break;
        }
        if (v.regionMatches(true, 0, "header:", 0, 7) && isToken(v.substring(7))) {
            return header(v.substring(7));
        }
        throw new SettingException(settings.describe(key), raw, ALLOWED);
    }

    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 32 || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    static final ClientKey IP = new ClientKey() {
        @Override
        String of(HttpRequest request, InvocationContext context, RouteDescriptor route) {
            return "ip:" + request.sourceIp().orElse("unknown");
        }

        @Override
        String describe() {
            return "ip";
        }
    };

    /** The subject when the caller is authenticated; anonymous callers are counted by address. */
    static final ClientKey SUBJECT = new ClientKey() {
        @Override
        String of(HttpRequest request, InvocationContext context, RouteDescriptor route) {
            return subject(request, context).map(s -> "sub:" + s).orElseGet(() -> IP.of(request, context, route));
        }

        @Override
        String describe() {
            return "subject";
        }
    };

    static final ClientKey ROUTE = new ClientKey() {
        @Override
        String of(HttpRequest request, InvocationContext context, RouteDescriptor route) {
            return "route:" + route;
        }

        @Override
        String describe() {
            return "route";
        }
    };

    static ClientKey header(String name) {
        return new ClientKey() {
            @Override
            String of(HttpRequest request, InvocationContext context, RouteDescriptor route) {
                return "h:" + request.header(name).orElse("");
            }

            @Override
            String describe() {
                return "header:" + name;
            }
        };
    }

    /**
     * The verified subject: what an authentication plugin put on the context, else the {@code sub}
     * claim of a JWT the gateway's authorizer verified. Never a claim read from an unverified token.
     */
    static Optional<String> subject(HttpRequest request, InvocationContext context) {
        Optional<Object> set = context.attribute(SUBJECT_ATTRIBUTE);
        if (set.isPresent() && set.get() instanceof String && !((String) set.get()).isEmpty()) {
            return Optional.of((String) set.get());
        }
        Optional<Object> claims = context.attribute(CLAIMS_ATTRIBUTE);
        if (claims.isPresent() && claims.get() instanceof Map) {
            Object sub = ((Map<?, ?>) claims.get()).get("sub");
            if (sub instanceof String && !((String) sub).isEmpty()) {
                return Optional.of((String) sub);
            }
        }
        Object sub = request.jwtClaims().get("sub");
        return sub instanceof String && !((String) sub).isEmpty() ? Optional.of((String) sub) : Optional.empty();
    }
}
