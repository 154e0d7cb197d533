package dev.lift.pool;

import dev.lift.api.Api;
import dev.lift.api.InvocationContext;
import dev.lift.api.PluginContext;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import dev.lift.spi.HealthResult;
import dev.lift.spi.InvocationListener;
import dev.lift.spi.InvocationOutcome;
import dev.lift.spi.ResourceProvider;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;

/**
 * A resource provider whose resource is a {@link Pool}: extend it, say how to create, check and
 * destroy one resource, register the subclass in {@code META-INF/services/dev.lift.spi.ResourceProvider},
 * and handlers find the pool by name ({@code resources().require(Pool.class, "orders-db")}) or by its
 * generic type ({@code resources().require(new TypeRef<Pool<Connection>>() {})}).
 *
 * <pre>{@code
 * public final class OrdersDb extends PooledResourceProvider<Connection> {
 *     private volatile String url;
 *     public String id() { return "orders-db"; }                        // settings: LIFT_ORDERS_DB_*
 *     protected Class<Connection> elementType() { return Connection.class; }
 *     protected void configure(PluginContext context) { url = context.settings().get("url", "jdbc:..."); }
 *     protected Connection create() throws SQLException { return DriverManager.getConnection(url); }
 *     protected boolean validate(Connection c) throws SQLException { return c.isValid(1); }
 * }
 * }</pre>
 *
 * <p>The pool's bounds come from the provider's settings (namespace: its id), read once in
 * {@link #open}; a bad value fails boot naming the setting and what is allowed:
 * <pre>
 * max-size=10             # resources at once, 1 to 10000
 * min-idle=0              # idle resources pre-warmed at boot and refilled after a snapshot restore, 0 to max-size
 * acquire-timeout=1s      # wait for a free resource, then PoolTimeoutException; 0 for no wait
 * idle-time=10m           # idle resources unused this long are destroyed (down to min-idle); 0 for never
 * max-lifetime=30m        # resources this old are destroyed when next idle or returned; 0 for never
 * leak-threshold=0        # resources held this long are logged with their borrow site; 0 for off
 * close-timeout=100ms     # time to destroy idle resources at shutdown
 * degraded-above=80       # health DEGRADED above this percent of max-size in use, 0 to 100
 * down-after-timeout=30s  # health DOWN this long after an acquire timed out; 0 for never
 * </pre>
 *
 * <p>Life: {@link #prewarm} fills the pool to {@code min-idle} during init and logs how long it took
 * (a failure is logged, not fatal: the pool then creates on demand and health shows it);
 * {@link #close} closes it at shutdown; {@link #beforeCheckpoint} destroys the idle resources (and
 * the borrowed ones when returned) and {@link #afterRestore} refills to {@code min-idle}. The health
 * check is {@link Pool#health()}, and the pool's gauges are recorded at the end of every invocation
 * (this provider is an {@link InvocationListener}).
 *
 * <p>Subclasses should override {@code spiVersion()} to return {@code SpiVersion.CURRENT}, as every
 * plugin does.
 *
 * @param <T> what the pool holds
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public abstract class PooledResourceProvider<T> implements ResourceProvider<Pool<T>>, InvocationListener {

    private volatile Pool<T> pool;
    private volatile Duration closeTimeout = Duration.ofMillis(100);
    private volatile System.Logger log = System.getLogger("lift.pool");

    /** For subclasses. */
    protected PooledResourceProvider() {
    }

    /** The class of what the pool holds, for lookups by {@code TypeRef<Pool<E>>}. */
    protected abstract Class<T> elementType();

    /** Creates one resource (connects). Called outside the pool's lock, possibly on several threads at once. */
    protected abstract T create() throws Exception;

    /** Whether an idle resource is still usable before it is lent again (a ping); by default yes. */
    protected boolean validate(T resource) throws Exception {
        return true;
    }

    /** Releases one resource; by default closes it if it is {@link AutoCloseable}. */
    protected void destroy(T resource) throws Exception {
        if (resource instanceof AutoCloseable) {
            ((AutoCloseable) resource).close();
        }
    }

    /** Reads the subclass's own settings (address, credentials) before the pool is built; nothing by default. */
    protected void configure(PluginContext context) throws Exception {
    }

    /** What the pool holds, for messages such as "no free connection"; {@code connection} by default. */
    protected String itemName() {
        return "connection";
    }

    /** The clock for ages (idle time, lifetime, leaks); tests of subclasses may override it. */
    protected Clock clock() {
        return Clock.systemUTC();
    }

    /** The pool this provider opened, or null before {@link #open}. */
    protected final Pool<T> pool() {
        return pool;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    @Override
    public final Class<Pool<T>> type() {
        return (Class) Pool.class;
    }

    /** {@code Pool<E>} with E the {@link #elementType()}. */
    @Override
    public final Type genericType() {
        return new PoolType(elementType());
    }

    /**
     * Reads the pool settings, calls {@link #configure} and builds the (empty) pool, named after
     * {@link #name()}.
     *
     * @throws SettingException naming the setting when a value is not allowed
     */
    @Override
    public Pool<T> open(PluginContext context) throws Exception {
        Settings s = context.settings();
        int maxSize = s.getInt("max-size", 10, 1, 10_000);
        int minIdle = s.getInt("min-idle", 0, 0, 10_000);
        if (minIdle > maxSize) {
            throw new SettingException(s.describe("min-idle"), String.valueOf(minIdle),
                    "a whole number from 0 to max-size (" + maxSize + ")");
        }
        Duration acquireTimeout = nonNegative(s, "acquire-timeout", Duration.ofSeconds(1));
        Duration idleTime = nonNegative(s, "idle-time", Duration.ofMinutes(10));
        Duration maxLifetime = nonNegative(s, "max-lifetime", Duration.ofMinutes(30));
        Duration leakThreshold = nonNegative(s, "leak-threshold", Duration.ZERO);
        Duration close = nonNegative(s, "close-timeout", Duration.ofMillis(100));
        int degradedAbove = s.getInt("degraded-above", 80, 0, 100);
        Duration downAfterTimeout = nonNegative(s, "down-after-timeout", Duration.ofSeconds(30));
        configure(context);
        this.log = context.logger();
        this.closeTimeout = close;
        Pool<T> p = Pool.builder(name(), this::create)
                .validator(this::validate)
                .destroyer(this::destroy)
                .itemName(itemName())
                .maxSize(maxSize)
                .minIdle(minIdle)
                .acquireTimeout(acquireTimeout)
                .idleTime(idleTime)
                .maxLifetime(maxLifetime)
                .leakThreshold(leakThreshold)
                .closeTimeout(close)
                .degradedAbove(degradedAbove)
                .downAfterTimeout(downAfterTimeout)
                .clock(clock())
                .metrics(context.metrics())
                .logger(context.logger())
                .build();
        this.pool = p;
        return p;
    }

    private static Duration nonNegative(Settings s, String key, Duration defaultValue) {
        Duration d = s.getDuration(key, defaultValue);
        if (d.isNegative()) {
            throw new SettingException(s.describe(key), s.get(key, ""), "a duration of zero or more such as 0, 250ms, 2s or 1m");
        }
        return d;
    }

    /** Fills the pool to {@code min-idle} and logs how long that took; a failure is logged, not fatal. */
    @Override
    public void prewarm(Pool<T> resource) {
        if (resource.minIdle() == 0) {
            return;
        }
        long start = System.nanoTime();
        try {
            int made = resource.fill();
            long millis = (System.nanoTime() - start) / 1_000_000;
            log.log(System.Logger.Level.INFO, "Pool '" + resource.name() + "' pre-warmed " + made + " " + itemName()
                    + "(s) to min-idle " + resource.minIdle() + " in " + millis + " ms");
        } catch (PoolException e) {
            log.log(System.Logger.Level.WARNING, "Pool '" + resource.name() + "' could not pre-warm to min-idle "
                    + resource.minIdle() + "; it creates " + itemName() + "s on demand: " + e.getMessage());
        }
    }

    /** {@link Pool#health()}: saturation and recent acquire timeouts. */
    @Override
    public HealthResult check(Pool<T> resource) {
        return resource.health();
    }

    /** Closes the pool: idle resources now, borrowed ones when returned. */
    @Override
    public void close(Pool<T> resource) {
        resource.close();
    }

    /** The {@code close-timeout} setting, plus a little for the pool's own bookkeeping. */
    @Override
    public Duration closeTimeout() {
        return closeTimeout.plusMillis(50);
    }

    /** Destroys every idle resource; borrowed ones are destroyed when returned. */
    @Override
    public void beforeCheckpoint(Pool<T> resource) {
        int n = resource.destroyIdle();
        log.log(System.Logger.Level.DEBUG, () -> "Pool '" + resource.name() + "' destroyed " + n + " idle " + itemName()
                + "(s) before a snapshot");
    }

    /** Refills the pool to {@code min-idle} with fresh resources. */
    @Override
    public void afterRestore(Pool<T> resource) {
        prewarm(resource);
    }

    /** Records the pool's gauges for the invocation that ends. */
    @Override
    public void onEnd(InvocationContext invocation, InvocationOutcome outcome) {
        Pool<T> p = pool;
        if (p != null) {
            p.recordMetrics();
        }
    }
}
