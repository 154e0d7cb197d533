package dev.lift.plugins.jwt;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpRequest;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftException;
import dev.lift.api.LogText;
import dev.lift.api.PluginContext;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.SpiVersion;
import dev.lift.spi.MiddlewarePlugin;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Bearer JWT authentication for the routes that ask for it ({@code .authenticated()} or
 * {@code .scopes(...)}); other routes get no layer at all. A valid token's claims, subject and
 * scopes are put on the invocation as {@value #CLAIMS}, {@value #SUBJECT} and {@value #SCOPES}.
 * A missing or bad token is a 401 with {@code WWW-Authenticate: Bearer} (plus
 * {@code error="invalid_token"} when a token was sent), a missing scope a 403 with
 * {@code error="insufficient_scope"}; the reason is logged, never sent.
 *
 * <p>Without {@code jwks-url} the plugin still takes part, so that protected routes fail closed:
 * they answer 401 to everyone.
 */
public final class JwtPlugin implements MiddlewarePlugin {

    /** The verified token's claims: {@code Map<String, Object>} of JSON values (times as epoch seconds). */
    public static final String CLAIMS = "lift.auth.claims";

    /** The verified token's {@code sub}: a {@code String}, absent when the token has none. */
    public static final String SUBJECT = "lift.auth.subject";

    /** The verified token's scopes: a {@code List<String>} from {@code scope} or {@code scp}. */
    public static final String SCOPES = "lift.auth.scopes";

    static final String MISSING = "Bearer";
    static final String INVALID = "Bearer error=\"invalid_token\"";
    static final String INSUFFICIENT = "Bearer error=\"insufficient_scope\"";

    private final Ticker ticker;
    private final Clock clock;
    private final JwksCache.KeyConverter converter;
    private volatile System.Logger log;
    private volatile JwtSettings settings; // null: not configured, protected routes answer 401
    private volatile TokenVerifier verifier;
    private volatile JwksCache keys;

    public JwtPlugin() {
        this(Ticker.systemTicker(), Clock.systemUTC());
    }

    /** With the time the cache, the refresh limit and the claim checks see (tests move it). */
    JwtPlugin(Ticker ticker, Clock clock) {
        this(ticker, clock, JwksCache.NIMBUS);
    }

    /** With the time as above and the conversion of JWKs to Java keys (tests count the conversions). */
    JwtPlugin(Ticker ticker, Clock clock, JwksCache.KeyConverter converter) {
        this.ticker = ticker;
        this.clock = clock;
        this.converter = converter;
    }

    @Override
    public String id() {
        return "jwt";
    }

    /** Inside CORS (so a 401 carries CORS headers) and security headers, before traffic plugins. */
    @Override
    public int order() {
        return SECURITY + 300;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public boolean enforcesAuthentication() {
        return true;
    }

    @Override
    public boolean init(PluginContext context) {
        log = context.logger();
        Optional<JwtSettings> read = JwtSettings.read(context.settings());
        if (read.isPresent()) {
            settings = read.get();
            keys = new JwksCache(settings.jwksUrl(), settings.jwksCacheTtl(), settings.jwksTimeout(), ticker, log,
                    converter);
            verifier = new TokenVerifier(settings, keys, clock);
        } else {
            log.log(System.Logger.Level.INFO, "jwt: " + context.settings().describe("jwks-url")
                    + " is not set; routes that need an authenticated caller answer 401");
        }
        return true;
    }

    /** The JWKS cache, for tests that count fetches; null when not configured. */
    JwksCache keys() {
        return keys;
    }

    @Override
    public HttpMiddleware http(RouteDescriptor route) {
        if (!route.attributes().authenticated()) {
            return null;
        }
        Set<String> required = new TreeSet<>(route.attributes().scopes());
        String where = route.toString();
        if (settings == null) {
            return (request, ctx, next) -> {
                reject(ctx, where, "the jwt plugin is not configured (no jwks-url)");
                throw unauthorized(MISSING);
            };
        }
        return (request, ctx, next) -> {
            Optional<String> token = token(request);
            if (token.isEmpty()) {
                reject(ctx, where, "no bearer token");
                throw unauthorized(MISSING);
            }
            if (token.get().isEmpty()) {
                reject(ctx, where, "the Authorization header is not 'Bearer <token>'");
                throw unauthorized(INVALID);
            }
            TokenVerifier.Verified verified;
            try {
                verified = verifier.verify(token.get());
            } catch (TokenVerifier.Rejected r) {
                reject(ctx, where, r.getMessage());
                if (r.serverSide()) {
                    throw LiftException.unavailable("The caller's credentials cannot be checked right now",
                            java.time.Duration.ofSeconds(30));
                }
                throw unauthorized(INVALID);
            }
            if (!verified.scopes().containsAll(required)) {
                TreeSet<String> missing = new TreeSet<>(required);
                missing.removeAll(verified.scopes());
                reject(ctx, where, "the token lacks the scopes " + LogText.escape(missing.toString()));
                throw new LiftException(403, "insufficient_scope", LiftException.titleFor(403),
                        "The token does not grant the scopes this route requires", false,
                        Map.of("WWW-Authenticate", INSUFFICIENT), List.of(), null);
            }
            ctx.attribute(CLAIMS, verified.claims());
            ctx.attribute(SCOPES, verified.scopes());
            ctx.attribute(SUBJECT, verified.subject());
            return next.proceed();
        };
    }

    /**
     * The token from {@code Authorization: Bearer <token>}, or from the configured cookie when no
     * Authorization header is sent. Empty optional: none sent; empty string: an Authorization
     * header with the Bearer scheme but no usable token.
     */
    Optional<String> token(HttpRequest request) {
        Optional<String> header = request.header("Authorization");
        if (header.isPresent()) {
            String value = header.get().trim();
            int space = value.indexOf(' ');
            String scheme = space < 0 ? value : value.substring(0, space);
            if (!scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
                return Optional.empty(); // another scheme (Basic, ...) is no bearer token
            }
            String token = space < 0 ? "" : value.substring(space + 1).trim();
            return Optional.of(isToken68(token) ? token : "");
        }
        String cookie = settings.cookie();
        if (cookie != null) {
            return request.cookie(cookie).map(String::trim).map(t -> isToken68(t) ? t : "");
        }
        return Optional.empty();
    }

    /** RFC 6750's b64token: what a JWT is made of, no spaces or commas. */
    private static boolean isToken68(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static LiftException unauthorized(String challenge) {
        return LiftException.unauthorized("A valid bearer token is required", challenge);
    }

    private void reject(InvocationContext ctx, String route, String reason) {
        log.log(System.Logger.Level.INFO, () -> "jwt: refused request " + LogText.escape(ctx.requestId()) + " to "
                + LogText.escape(route) + ": " + reason);
    }
}
