package dev.lift.plugins.dynamodbclient;

import dev.lift.api.HttpRequest;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftException;
import java.util.Map;
import java.util.Optional;

/** The caller's tenant, from verified claims only: never from a header, path or body the caller wrote. */
final class Tenants {

    /** Set by Lift's JWT plugin: the verified token's claims. */
    static final String CLAIMS_ATTRIBUTE = "lift.auth.claims";

    static final int MAX_LENGTH = 256;

    private Tenants() {
    }

    static String of(InvocationContext context, String claim) {
        Map<?, ?> claims = claims(context).orElseThrow(() -> LiftException.unauthorized(
                "This request carries no verified token, so it belongs to no tenant", "Bearer"));
        Object value = claims.get(claim);
        String tenant = value instanceof String ? (String) value
                : value instanceof Number ? value.toString() : null;
        if (tenant == null || tenant.isBlank() || tenant.length() > MAX_LENGTH) {
            throw LiftException.forbidden("The verified token names no tenant (claim '" + claim + "')");
        }
        return tenant;
    }

    private static Optional<Map<?, ?>> claims(InvocationContext context) {
        Optional<Object> set = context.attribute(CLAIMS_ATTRIBUTE);
        if (set.isPresent() && set.get() instanceof Map && !((Map<?, ?>) set.get()).isEmpty()) {
            return Optional.of((Map<?, ?>) set.get());
        }
        if (context.event() instanceof HttpRequest) {
            Map<String, Object> verified = ((HttpRequest) context.event()).jwtClaims();
            if (!verified.isEmpty()) {
                return Optional.of(verified);
            }
        }
        return Optional.empty();
    }

    static String check(String tenant) {
        if (tenant == null || tenant.isBlank() || tenant.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("A tenant must be 1 to " + MAX_LENGTH + " characters, not blank");
        }
        return tenant;
    }
}
