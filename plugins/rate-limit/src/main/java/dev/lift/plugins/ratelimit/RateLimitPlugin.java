package dev.lift.plugins.ratelimit;

import dev.lift.api.Api;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftException;
import dev.lift.api.PluginContext;
import dev.lift.api.ResourceLookup;
import dev.lift.api.RouteAttributes;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import dev.lift.api.SpiVersion;
import dev.lift.spi.MiddlewarePlugin;
import dev.lift.spi.store.KeyValueStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Limits how many requests a client makes per period, as global middleware in the
 * {@link MiddlewarePlugin#TRAFFIC} band: after request ids, logging and authentication (so a
 * refused credential costs no quota and the subject is known), before deadlines, idempotency and the
 * handler. Every answer of a limited route carries {@code RateLimit-Limit}, {@code RateLimit-Remaining}
 * and {@code RateLimit-Reset} (seconds; IETF draft {@code draft-ietf-httpapi-ratelimit-headers});
 * a refused request is a 429 problem with {@code Retry-After} too.
 *
 * <p>Settings (namespace {@code rate-limit}); the plugin declines unless {@code limit} or
 * {@code classes} is set:
 * <pre>
 * lift.rate-limit.limit=100              # requests per period for routes without a class
 * lift.rate-limit.period=1m              # 1s to 1 day: 10s, 1m, PT1H; default 1m
 * lift.rate-limit.key=ip                 # ip | subject | route | header:NAME; default ip
 * lift.rate-limit.store=memory           # memory (token buckets here) | store (fixed windows in the KeyValueStore)
 * lift.rate-limit.max-keys=100000        # buckets held at once (memory); default 100000
 * lift.rate-limit.classes=expensive      # classes to take part even without a global limit
 * lift.rate-limit.class.expensive.limit=5   # a route's .rateLimitClass("expensive"); period and key default to the global ones
 * </pre>
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class RateLimitPlugin implements MiddlewarePlugin {

    /** The plugin id and settings namespace. */
    public static final String ID = "rate-limit";

    /** Limits without a class are named so in store keys. */
    private static final String GLOBAL = "global";

    enum Store { MEMORY, STORE }

    /** One configured limit: the global one or a class's. */
    record Limit(String name, long limit, Duration period, ClientKey key) {
    }

    private final Clock clock;
    private final Map<String, Limiter> limiters = new ConcurrentHashMap<>();
    private volatile Settings settings;
    private volatile System.Logger log;
    private volatile ResourceLookup resources;
    private volatile Limit global;
    private volatile Duration defaultPeriod;
    private volatile ClientKey defaultKey;
    private volatile Store store;
    private volatile long maxKeys;
    private volatile KeyValueStore kvStore;

    /** For {@link java.util.ServiceLoader}: the system clock. */
    public RateLimitPlugin() {
        this(Clock.systemUTC());
    }

    /** With a clock of the test's choosing; the buckets and windows read only this clock. */
    public RateLimitPlugin(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public int order() {
        return TRAFFIC;
    }

    @Override
    public boolean init(PluginContext context) {
        Settings s = context.settings();
        storeResource = s.get("store-resource").map(String::trim).orElse(null);
        this.settings = s;
        this.log = context.logger();
        this.resources = context.resources();
        Optional<String> classes = s.get("classes");
        if (s.get("limit").isEmpty() && classes.isEmpty()) {
            return false;
        }
        defaultPeriod = period(s, "period", Duration.ofMinutes(1));
        defaultKey = s.get("key").map(raw -> ClientKey.parse(s, "key", raw)).orElse(ClientKey.IP);
        store = s.getEnum("store", Store.class, Store.MEMORY);
        maxKeys = s.getInt("max-keys", 100_000, 1, 100_000_000);
        global = s.get("limit").isPresent() ? new Limit(GLOBAL, limit(s, "limit"), defaultPeriod, defaultKey) : null;
        for (String name : classes.orElse("").split(",")) {
            if (!name.isBlank()) {
                classLimit(name.trim(), null); // fails boot now when a listed class is not configured
            }
        }
        context.logger().log(System.Logger.Level.DEBUG, () -> "Rate limit " + (global == null ? "per class only"
                : global.limit() + " per " + global.period() + " by " + global.key().describe()) + ", in " + store);
        return true;
    }

    private static long limit(Settings s, String key) {
        return s.getInt(key, 1, 1, 1_000_000_000);
    }

    private static Duration period(Settings s, String key, Duration fallback) {
        Duration d = s.getDuration(key, fallback);
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
            throw new SettingException(s.describe(key), s.get(key).orElse(d.toString()),
                    "a duration from 1s to 1 day, such as 10s, 1m or PT1H");
        }
        return d;
    }

    /** A class's limit; fails boot naming the setting when the class has no limit configured. */
    private Limit classLimit(String name, RouteDescriptor route) {
        String prefix = "class." + name + ".";
        if (settings.get(prefix + "limit").isEmpty()) {
            throw new SettingException(settings.describe(prefix + "limit"), "(not set)",
                    "a whole number from 1 to 1000000000 for rate-limit class '" + name + "'"
                            + (route == null ? ", which lift.rate-limit.classes lists" : ", which route " + route + " uses"));
        }
        long limit = limit(settings, prefix + "limit");
        Duration period = period(settings, prefix + "period", defaultPeriod);
        ClientKey key = settings.get(prefix + "key").map(raw -> ClientKey.parse(settings, prefix + "key", raw))
                .orElse(defaultKey);
        return new Limit("class:" + name, limit, period, key);
    }

    /** The resource name of the key-value store to use, or null for the only one installed. */
    private volatile String storeResource;

    /** The key-value store: the one named by {@code store-resource}, else the only one installed. */
    private java.util.Optional<KeyValueStore> findStore() {
        if (storeResource != null) {
            return resources.find(KeyValueStore.class, storeResource);
        }
        try {
            return resources.find(KeyValueStore.class);
        } catch (IllegalStateException several) {
            throw new IllegalStateException(several.getMessage() + ": choose one with lift.rate-limit.store-resource (env LIFT_RATE_LIMIT_STORE_RESOURCE)");
        }
    }

    @Override
    public HttpMiddleware http(RouteDescriptor route) {
        if (!route.matched()) {
            return null; // 404, 405, 400 and 503 answers cost the handler nothing
        }
        Optional<String> className = route.attributes().get(RouteAttributes.RATE_LIMIT_CLASS);
        Limit limit = className.isPresent() ? classLimit(className.get(), route) : global;
        if (limit == null) {
            return null;
        }
        if (store == Store.STORE && findStore().isEmpty()) {
            throw new IllegalStateException("lift.rate-limit.store=store (env LIFT_RATE_LIMIT_STORE) needs a KeyValueStore "
                    + "resource, and none is installed: add a store plugin such as store-memory, or set store=memory");
        }
        Limiter limiter = limiters.computeIfAbsent(limit.name(), n -> limiter(limit));
        return new RateLimitMiddleware(limit, limiter, route, log);
    }

    private Limiter limiter(Limit limit) {
        if (store == Store.STORE) {
            Supplier<KeyValueStore> kv = () -> {
                KeyValueStore s = kvStore;
                if (s == null) {
                    s = findStore().orElseThrow();
                    kvStore = s;
                }
                return s;
            };
            return new StoreWindows(limit.name(), limit.limit(), limit.period(), clock, kv);
        }
        return new TokenBuckets(limit.limit(), limit.period(), maxKeys, clock);
    }

    /** Limits one route's requests. */
    static final class RateLimitMiddleware implements HttpMiddleware {
        private final Limit limit;
        private final Limiter limiter;
        private final RouteDescriptor route;
        private final System.Logger log;

        RateLimitMiddleware(Limit limit, Limiter limiter, RouteDescriptor route, System.Logger log) {
            this.limit = limit;
            this.limiter = limiter;
            this.route = route;
            this.log = log;
        }

        @Override
        public HttpResponse handle(dev.lift.api.HttpRequest request, dev.lift.api.InvocationContext context, Next next) {
            Decision d;
            try {
                d = limiter.acquire(limit.name() + "|" + limit.key().of(request, context, route));
            } catch (RuntimeException e) {
                // A store that is down must not take the function down with it: the request goes on, unlimited.
                log.log(System.Logger.Level.WARNING, "Request " + dev.lift.api.LogText.escape(context.requestId())
                        + ": the rate-limit store failed (" + e.getClass().getName() + "); the request was not counted");
                return next.proceed();
            }
            if (!d.allowed()) {
                throw LiftException.tooManyRequests(Duration.ofSeconds(d.retryAfterSeconds()))
                        .withHeader("RateLimit-Limit", Long.toString(d.limit()))
                        .withHeader("RateLimit-Remaining", "0")
                        .withHeader("RateLimit-Reset", Long.toString(d.resetSeconds()));
            }
            HttpResponse response = next.proceed();
            response.header("RateLimit-Limit", Long.toString(d.limit()));
            response.header("RateLimit-Remaining", Long.toString(d.remaining()));
            response.header("RateLimit-Reset", Long.toString(d.resetSeconds()));
            return response;
        }

        @Override
        public String toString() {
            return "rate-limit " + limit.limit() + "/" + limit.period() + " by " + limit.key().describe();
        }
    }
}
