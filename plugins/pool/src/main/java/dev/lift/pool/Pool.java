package dev.lift.pool;

import dev.lift.api.Api;
import dev.lift.api.Metrics;
import dev.lift.spi.HealthResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded pool of resources (connections, channels, sessions) shared by concurrent invocations.
 * Borrow with try-with-resources; closing the lease returns the resource:
 *
 * <pre>{@code
 * try (Pool.Lease<Connection> lease = pool.acquire()) {
 *     return query(lease.get());
 * }
 * }</pre>
 *
 * A resource found broken while in use is given up with {@link Lease#invalidate()} instead, which
 * destroys it and frees its slot.
 *
 * <p><b>Bounds.</b> At most {@code maxSize} resources exist at once, counting those being created.
 * When none is idle and the pool is full, {@link #acquire()} waits up to the acquire timeout, in
 * arrival order (a returned resource goes straight to the longest waiter), then throws a
 * {@link PoolTimeoutException} naming the pool and its state. Waiting blocks on a condition; it never
 * spins. Resources are created and destroyed outside the pool's lock, and a slot is freed only after
 * its resource has been destroyed, so the bound holds for the resources themselves.
 *
 * <p><b>Freshness.</b> The validator runs on every borrow of an existing resource (not on one just
 * created); a resource that fails it, throws, is older than {@code maxLifetime}, or was created before
 * the last {@link #destroyIdle()} is destroyed and replaced in the same slot. Idle resources unused for
 * {@code idleTime} are destroyed down to {@code minIdle}. There is no background thread (a Lambda
 * environment is frozen between invocations): expiry and leak checks run on every {@link #acquire()},
 * and {@link #evict()} runs them on demand.
 *
 * <p><b>Leaks.</b> With a leak threshold, each borrow records its stack trace, and a resource held
 * longer than the threshold is logged once at WARNING with the place it was borrowed.
 *
 * <p><b>Time.</b> Ages (idle time, lifetime, leaks, recent timeouts) come from the injected
 * {@link Clock}, so tests move time without sleeping; the acquire timeout is a real wait.
 *
 * <p>Thread-safe.
 *
 * @param <T> the resource type
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class Pool<T> implements AutoCloseable {

    /** Creates a resource; called outside the pool's lock. */
    @FunctionalInterface
    public interface Factory<T> {
        T create() throws Exception;
    }

    /** Whether a resource that has been idle is still usable (a ping); throwing counts as no. */
    @FunctionalInterface
    public interface Validator<T> {
        boolean isValid(T resource) throws Exception;
    }

    /** Releases a resource for good (closes the socket); a failure is logged and the slot freed anyway. */
    @FunctionalInterface
    public interface Destroyer<T> {
        void destroy(T resource) throws Exception;
    }

    /**
     * One borrowed resource. Close it to return the resource (at most once; later closes do nothing),
     * or {@link #invalidate()} it to have it destroyed. Not for sharing between threads.
     */
    public interface Lease<T> extends AutoCloseable {

        /**
         * The resource.
         *
         * @throws IllegalStateException once the lease is closed or invalidated
         */
        T get();

        /** Destroys the resource instead of returning it (it is broken); the lease is then closed. */
        void invalidate();

        /** Returns the resource to the pool. */
        @Override
        void close();
    }

    /**
     * The pool's figures at one moment.
     *
     * @param size resources that exist (created and not yet destroyed)
     * @param idle resources waiting in the pool
     * @param inUse resources borrowed
     * @param waiting callers waiting for one
     * @param maxSize the bound
     * @param created resources created since the pool was built
     * @param destroyed resources destroyed since the pool was built
     * @param timeouts acquires that timed out since the pool was built
     */
    public record Stats(int size, int idle, int inUse, int waiting, int maxSize, long created, long destroyed,
                        long timeouts) {
    }

    /** Starts a pool named {@code name} (used in messages, logs and the {@code pool} metric dimension). */
    public static <T> Builder<T> builder(String name, Factory<T> factory) {
        return new Builder<>(name, factory);
    }

    private static final class Entry<T> {
        final T value;
        final long createdAt;
        final int generation;
        long returnedAt;

        Entry(T value, long createdAt, int generation) {
            this.value = value;
            this.createdAt = createdAt;
            this.generation = generation;
            this.returnedAt = createdAt;
        }
    }

    /** A caller waiting in line: handed either a resource or a free slot to create one in. */
    private static final class Waiter<T> {
        final Condition wakeUp;
        Entry<T> entry;
        boolean slot;

        Waiter(Condition wakeUp) {
            this.wakeUp = wakeUp;
        }
    }

    /** Where a leaked resource was borrowed; only recorded with a leak threshold. */
    private static final class BorrowSite extends Exception {
        private static final long serialVersionUID = 1L;

        BorrowSite(String message) {
            super(message);
        }
    }

    private final String name;
    private final String item;
    private final Factory<T> factory;
    private final Validator<T> validator;
    private final Destroyer<T> destroyer;
    private final int minIdle;
    private final int maxSize;
    private final long acquireTimeoutNanos;
    private final long idleTimeMillis;
    private final long maxLifetimeMillis;
    private final long leakThresholdMillis;
    private final Duration closeTimeout;
    private final int degradedAbovePercent;
    private final long downAfterTimeoutMillis;
    private final Clock clock;
    private final Metrics metrics;
    private final System.Logger log;
    private final Map<String, String> dimensions;

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock:
    private final ArrayDeque<Entry<T>> idle = new ArrayDeque<>(); // most recently returned first
    private final ArrayDeque<Waiter<T>> waiters = new ArrayDeque<>();
    private final Set<Borrowed> borrowed = new HashSet<>(); // only with a leak threshold
    private int slots; // resources that exist or are being created: never above maxSize
    private int alive;
    private int inUse;
    private int filling;
    private int generation;
    private boolean closed;
    private long created;
    private long destroyed;
    private long timeouts;
    private long lastTimeoutAt;

    private Pool(Builder<T> b) {
        this.name = b.name;
        this.item = b.item;
        this.factory = b.factory;
        this.validator = b.validator;
        this.destroyer = b.destroyer;
        this.minIdle = b.minIdle;
        this.maxSize = b.maxSize;
        this.acquireTimeoutNanos = b.acquireTimeout.toNanos();
        this.idleTimeMillis = b.idleTime.toMillis();
        this.maxLifetimeMillis = b.maxLifetime.toMillis();
        this.leakThresholdMillis = b.leakThreshold.toMillis();
        this.closeTimeout = b.closeTimeout;
        this.degradedAbovePercent = b.degradedAbovePercent;
        this.downAfterTimeoutMillis = b.downAfterTimeout.toMillis();
        this.clock = b.clock;
        this.metrics = b.metrics;
        this.log = b.logger;
        this.dimensions = Map.of("pool", name);
    }

    /** The pool's name. */
    public String name() {
        return name;
    }

    /** The most resources that exist at once. */
    public int maxSize() {
        return maxSize;
    }

    /** The idle resources {@link #fill()} keeps and idle eviction leaves. */
    public int minIdle() {
        return minIdle;
    }

    /**
     * Borrows a resource: an idle one that passes validation, else a new one while below the bound,
     * else the next one returned, waiting up to the acquire timeout.
     *
     * @throws PoolTimeoutException when none came free in time
     * @throws PoolClosedException when the pool is closed
     * @throws PoolException when the factory failed, or the thread was interrupted while waiting
     *     (its interrupt flag is set again)
     */
    public Lease<T> acquire() {
        long deadline = System.nanoTime() + acquireTimeoutNanos;
        evict();
        Waiter<T> got = obtain(deadline);
        Entry<T> entry = got.entry;
        if (entry != null && !usable(entry)) {
            destroyKeepingSlot(entry);
            entry = null;
        }
        if (entry == null) {
            entry = createInReservedSlot();
        }
        return lease(entry);
    }

    /** An entry or a reserved slot, waiting in line when there is neither. */
    private Waiter<T> obtain(long deadline) {
        PoolTimeoutException timedOut;
        lock.lock();
        try {
            if (closed) {
                throw new PoolClosedException(name);
            }
            Waiter<T> w = new Waiter<>(null);
            if (waiters.isEmpty()) {
                Entry<T> e = idle.pollFirst();
                if (e != null) {
                    inUse++;
                    w.entry = e;
                    return w;
                }
                if (slots < maxSize) {
                    slots++;
                    w.slot = true;
                    return w;
                }
            }
            w = new Waiter<>(lock.newCondition());
            waiters.addLast(w);
            try {
                long remaining = deadline - System.nanoTime();
                while (w.entry == null && !w.slot && !closed && remaining > 0) {
                    remaining = w.wakeUp.awaitNanos(remaining);
                }
            } catch (InterruptedException e) {
                giveBack(w);
                Thread.currentThread().interrupt();
                throw new PoolException(name, "Interrupted while waiting for a " + item + " from pool '" + name + "'", e);
            }
            if (w.entry != null || w.slot) {
                return w; // handed over, possibly just as the wait ran out: take it
            }
            waiters.remove(w);
            if (closed) {
                throw new PoolClosedException(name);
            }
            timeouts++;
            lastTimeoutAt = clock.millis();
            timedOut = new PoolTimeoutException(name, item, TimeUnit.NANOSECONDS.toMillis(acquireTimeoutNanos), inUse,
                    maxSize, waiters.size());
        } finally {
            lock.unlock();
        }
        metrics.increment("lift.pool.timeouts", dimensions);
        throw timedOut;
    }

    /** An interrupted waiter gives back what it may have been handed meanwhile. Under the lock. */
    private void giveBack(Waiter<T> w) {
        waiters.remove(w);
        if (w.entry != null) {
            inUse--;
            returnUnderLock(w.entry);
        } else if (w.slot) {
            freeSlotUnderLock();
        }
    }

    /** Whether a borrowed, existing entry may be handed out: fresh, of this generation and valid. */
    private boolean usable(Entry<T> e) {
        lock.lock();
        try {
            if (expired(e, clock.millis())) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        try {
            return validator.isValid(e.value);
        } catch (Exception ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.log(System.Logger.Level.DEBUG, () -> "Pool '" + name + "': validating a " + item + " failed: " + ex);
            return false;
        }
    }

    /** Older than the lifetime or from before the last checkpoint. Under the lock. */
    private boolean expired(Entry<T> e, long now) {
        return e.generation != generation || (maxLifetimeMillis > 0 && now - e.createdAt >= maxLifetimeMillis);
    }

    /** Creates a resource in a slot this caller holds; frees the slot if the factory fails. */
    private Entry<T> createInReservedSlot() {
        T value;
        try {
            value = factory.create();
            if (value == null) {
                throw new IllegalStateException("the factory returned null");
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            lock.lock();
            try {
                freeSlotUnderLock();
            } finally {
                lock.unlock();
            }
            throw new PoolException(name, "Pool '" + name + "' could not create a " + item + ": " + e, e);
        }
        Entry<T> entry;
        boolean closedMeanwhile;
        lock.lock();
        try {
            entry = new Entry<>(value, clock.millis(), generation);
            alive++;
            created++;
            closedMeanwhile = closed;
            if (!closedMeanwhile) {
                inUse++;
            }
        } finally {
            lock.unlock();
        }
        metrics.increment("lift.pool.created", dimensions);
        if (closedMeanwhile) {
            destroy(entry);
            throw new PoolClosedException(name);
        }
        return entry;
    }

    private Lease<T> lease(Entry<T> entry) {
        if (leakThresholdMillis <= 0) {
            return new Borrowed(entry, 0, null);
        }
        Borrowed b = new Borrowed(entry, clock.millis(),
                new BorrowSite("where the " + item + " of pool '" + name + "' was borrowed"));
        lock.lock();
        try {
            borrowed.add(b);
        } finally {
            lock.unlock();
        }
        return b;
    }

    private void release(Borrowed lease, boolean invalidate) {
        Entry<T> e = lease.entry;
        boolean destroy;
        lock.lock();
        try {
            borrowed.remove(lease);
            inUse--;
            destroy = invalidate || closed || expired(e, clock.millis());
            if (!destroy) {
                returnUnderLock(e);
            }
        } finally {
            lock.unlock();
        }
        if (destroy) {
            destroy(e);
        }
        if (lease.leakReported) {
            log.log(System.Logger.Level.INFO, "Pool '" + name + "': the " + item + " reported as leaked was returned after "
                    + (clock.millis() - lease.borrowedAt) + " ms");
        }
    }

    /** Hands a live entry to the longest waiter, or puts it first among the idle. Under the lock. */
    private void returnUnderLock(Entry<T> e) {
        Waiter<T> w = waiters.pollFirst();
        if (w != null) {
            inUse++;
            w.entry = e;
            w.wakeUp.signal();
        } else {
            e.returnedAt = clock.millis();
            idle.addFirst(e);
        }
    }

    /** A slot is free: the longest waiter gets it to create in, or the pool shrinks. Under the lock. */
    private void freeSlotUnderLock() {
        Waiter<T> w = closed ? null : waiters.pollFirst();
        if (w != null) {
            w.slot = true;
            w.wakeUp.signal();
        } else {
            slots--;
        }
    }

    /** Destroys an entry, then frees its slot: the bound counts a resource until it is really gone. */
    private void destroy(Entry<T> e) {
        runDestroyer(e);
        lock.lock();
        try {
            alive--;
            destroyed++;
            freeSlotUnderLock();
        } finally {
            lock.unlock();
        }
        metrics.increment("lift.pool.destroyed", dimensions);
    }

    /** Destroys a borrowed entry that may not be handed out; the caller keeps the slot to create another. */
    private void destroyKeepingSlot(Entry<T> e) {
        runDestroyer(e);
        lock.lock();
        try {
            alive--;
            destroyed++;
            inUse--;
        } finally {
            lock.unlock();
        }
        metrics.increment("lift.pool.destroyed", dimensions);
    }

    private void runDestroyer(Entry<T> e) {
        try {
            destroyer.destroy(e.value);
        } catch (Exception ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.log(System.Logger.Level.WARNING, "Pool '" + name + "' could not destroy a " + item + "; its slot is freed anyway",
                    ex);
        }
    }

    /**
     * Destroys idle resources past their lifetime, from before the last {@link #destroyIdle()}, or
     * idle for longer than the idle time (keeping {@code minIdle}), and logs resources held past the
     * leak threshold. Runs on every {@link #acquire()}; call it from a scheduler for more.
     *
     * @return the number of resources destroyed
     */
    public int evict() {
        if (maxLifetimeMillis <= 0 && idleTimeMillis <= 0 && leakThresholdMillis <= 0) {
            return 0;
        }
        List<Entry<T>> stale = new ArrayList<>(0);
        List<Borrowed> leaks = new ArrayList<>(0);
        lock.lock();
        try {
            long now = clock.millis();
            for (Iterator<Entry<T>> it = idle.descendingIterator(); it.hasNext(); ) { // least recently returned first
                Entry<T> e = it.next();
                boolean idleTooLong = idleTimeMillis > 0 && now - e.returnedAt >= idleTimeMillis && idle.size() > minIdle;
                if (expired(e, now) || idleTooLong) {
                    it.remove();
                    stale.add(e);
                }
            }
            if (leakThresholdMillis > 0) {
                for (Borrowed b : borrowed) {
                    if (!b.leakReported && now - b.borrowedAt >= leakThresholdMillis) {
                        b.leakReported = true;
                        b.heldMillis = now - b.borrowedAt;
                        leaks.add(b);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        for (Borrowed b : leaks) {
            log.log(System.Logger.Level.WARNING, "Pool '" + name + "': a " + item + " borrowed " + b.heldMillis
                    + " ms ago has not been returned (leak threshold " + leakThresholdMillis + " ms); borrowed at "
                    + borrowFrame(b.site), b.site);
        }
        for (Entry<T> e : stale) {
            destroy(e);
        }
        return stale.size();
    }

    /** The first frame of the borrow outside this library: the caller's code. */
    private static String borrowFrame(Throwable site) {
        for (StackTraceElement f : site.getStackTrace()) {
            String c = f.getClassName();
            if (!c.equals(Pool.class.getName()) && !c.startsWith(Pool.class.getName() + "$")
                    && !c.equals(PooledResourceProvider.class.getName())) {
                return f.toString();
            }
        }
        return "(unknown)";
    }

    /**
     * Creates resources until {@code minIdle} are idle (never above the bound). Used to pre-warm and
     * to refill after a restore.
     *
     * @return the number created
     * @throws PoolException when the factory fails; those created so far stay
     */
    public int fill() {
        int made = 0;
        for (;;) {
            lock.lock();
            try {
                if (closed || idle.size() + filling >= minIdle || slots >= maxSize) {
                    return made;
                }
                slots++;
                filling++;
            } finally {
                lock.unlock();
            }
            Entry<T> e;
            try {
                e = createInReservedSlot();
            } finally {
                lock.lock();
                try {
                    filling--;
                } finally {
                    lock.unlock();
                }
            }
            made++;
            release(new Borrowed(e, 0, null), false); // created as borrowed: hand it to a waiter or the idle
        }
    }

    /**
     * Destroys every idle resource and marks the borrowed ones to be destroyed when returned: before a
     * snapshot, so that no connection is shared by environments restored from it.
     *
     * @return the number destroyed now
     */
    public int destroyIdle() {
        List<Entry<T>> all;
        lock.lock();
        try {
            generation++;
            all = new ArrayList<>(idle);
            idle.clear();
        } finally {
            lock.unlock();
        }
        for (Entry<T> e : all) {
            destroy(e);
        }
        return all.size();
    }

    /** The pool's figures now. */
    public Stats stats() {
        lock.lock();
        try {
            return new Stats(alive, idle.size(), inUse, waiters.size(), maxSize, created, destroyed, timeouts);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records the pool's gauges through the metrics it was built with, dimension {@code pool}:
     * {@code lift.pool.size}, {@code lift.pool.idle}, {@code lift.pool.in_use} and
     * {@code lift.pool.waiting} (Count). The counters {@code lift.pool.created},
     * {@code lift.pool.destroyed} and {@code lift.pool.timeouts} are recorded as they happen.
     */
    public void recordMetrics() {
        Stats s = stats();
        metrics.record("lift.pool.size", s.size(), "Count", dimensions);
        metrics.record("lift.pool.idle", s.idle(), "Count", dimensions);
        metrics.record("lift.pool.in_use", s.inUse(), "Count", dimensions);
        metrics.record("lift.pool.waiting", s.waiting(), "Count", dimensions);
    }

    /**
     * Saturation: DOWN when the pool is closed or an acquire timed out within the last
     * {@code downAfterTimeout}; DEGRADED when more than {@code degradedAbove} percent of
     * {@code maxSize} is in use; UP otherwise. Details: {@code size}, {@code idle}, {@code in-use},
     * {@code waiting}, {@code max-size}, {@code timeouts}, and when DOWN after a timeout
     * {@code last-timeout-ms-ago}.
     */
    public HealthResult health() {
        Stats s;
        boolean isClosed;
        long sinceTimeout;
        lock.lock();
        try {
            s = stats();
            isClosed = closed;
            sinceTimeout = timeouts == 0 ? Long.MAX_VALUE : clock.millis() - lastTimeoutAt;
        } finally {
            lock.unlock();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("size", s.size());
        details.put("idle", s.idle());
        details.put("in-use", s.inUse());
        details.put("waiting", s.waiting());
        details.put("max-size", s.maxSize());
        details.put("timeouts", s.timeouts());
        if (isClosed) {
            details.put("closed", true);
            return HealthResult.down(details);
        }
        if (sinceTimeout < downAfterTimeoutMillis) {
            details.put("last-timeout-ms-ago", sinceTimeout);
            return HealthResult.down(details);
        }
        if ((long) s.inUse() * 100 > (long) degradedAbovePercent * s.maxSize()) {
            return HealthResult.degraded(details);
        }
        return new HealthResult(HealthResult.Status.UP, details);
    }

    /**
     * Closes the pool: acquiring fails from now on, waiters are woken with a
     * {@link PoolClosedException}, idle resources are destroyed now (for at most the close timeout;
     * those left are logged) and borrowed ones when they are returned. Later calls do nothing.
     */
    @Override
    public void close() {
        List<Entry<T>> all;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(idle);
            idle.clear();
            for (Waiter<T> w : waiters) {
                w.wakeUp.signal();
            }
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + closeTimeout.toNanos();
        int left = 0;
        for (Entry<T> e : all) {
            if (System.nanoTime() - deadline > 0) {
                left++;
            } else {
                destroy(e);
            }
        }
        if (left > 0) {
            log.log(System.Logger.Level.WARNING, "Pool '" + name + "' closed with " + left + " idle " + item
                    + "(s) not destroyed within its close timeout of " + closeTimeout.toMillis() + " ms");
        }
    }

    @Override
    public String toString() {
        Stats s = stats();
        return "Pool '" + name + "' (" + s.inUse() + " of " + s.maxSize() + " in use, " + s.idle() + " idle, "
                + s.waiting() + " waiting)";
    }

    private final class Borrowed implements Lease<T> {
        final Entry<T> entry;
        final long borrowedAt;
        final Throwable site;
        final AtomicBoolean done = new AtomicBoolean();
        // Guarded by the pool's lock:
        boolean leakReported;
        long heldMillis;

        Borrowed(Entry<T> entry, long borrowedAt, Throwable site) {
            this.entry = entry;
            this.borrowedAt = borrowedAt;
            this.site = site;
        }

        @Override
        public T get() {
            if (done.get()) {
                throw new IllegalStateException("This " + item + " was already returned to pool '" + name + "'");
            }
            return entry.value;
        }

        @Override
        public void invalidate() {
            if (done.compareAndSet(false, true)) {
                release(this, true);
            }
        }

        @Override
        public void close() {
            if (done.compareAndSet(false, true)) {
                release(this, false);
            }
        }
    }

    /** Settings of a pool; every one but the factory has a default. */
    public static final class Builder<T> {
        private final String name;
        private final Factory<T> factory;
        private String item = "connection";
        private Validator<T> validator = r -> true;
        private Destroyer<T> destroyer = r -> {
            if (r instanceof AutoCloseable) {
                ((AutoCloseable) r).close();
            }
        };
        private int minIdle;
        private int maxSize = 10;
        private Duration acquireTimeout = Duration.ofSeconds(1);
        private Duration idleTime = Duration.ofMinutes(10);
        private Duration maxLifetime = Duration.ofMinutes(30);
        private Duration leakThreshold = Duration.ZERO;
        private Duration closeTimeout = Duration.ofMillis(100);
        private int degradedAbovePercent = 80;
        private Duration downAfterTimeout = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private Metrics metrics = Metrics.NOOP;
        private System.Logger logger = System.getLogger("lift.pool");

        private Builder(String name, Factory<T> factory) {
            this.name = Objects.requireNonNull(name, "name");
            this.factory = Objects.requireNonNull(factory, "factory");
        }

        /** Checks an idle resource before it is lent again; by default none. */
        public Builder<T> validator(Validator<T> validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /** Releases a resource; by default closes it if it is {@link AutoCloseable}. */
        public Builder<T> destroyer(Destroyer<T> destroyer) {
            this.destroyer = Objects.requireNonNull(destroyer, "destroyer");
            return this;
        }

        /** What the pool holds, for messages ({@code connection} by default). */
        public Builder<T> itemName(String item) {
            this.item = Objects.requireNonNull(item, "item");
            return this;
        }

        /** Idle resources kept by {@link #fill()} and by idle eviction; default 0. */
        public Builder<T> minIdle(int minIdle) {
            this.minIdle = minIdle;
            return this;
        }

        /** The most resources at once; default 10. */
        public Builder<T> maxSize(int maxSize) {
            this.maxSize = maxSize;
            return this;
        }

        /** How long {@link Pool#acquire()} waits for a free resource; default 1 s, zero for not at all. */
        public Builder<T> acquireTimeout(Duration acquireTimeout) {
            this.acquireTimeout = Objects.requireNonNull(acquireTimeout, "acquireTimeout");
            return this;
        }

        /** Idle resources unused this long are destroyed (down to min idle); default 10 min, zero for never. */
        public Builder<T> idleTime(Duration idleTime) {
            this.idleTime = Objects.requireNonNull(idleTime, "idleTime");
            return this;
        }

        /** Resources this old are destroyed when next idle or returned; default 30 min, zero for never. */
        public Builder<T> maxLifetime(Duration maxLifetime) {
            this.maxLifetime = Objects.requireNonNull(maxLifetime, "maxLifetime");
            return this;
        }

        /** Resources held this long are logged as leaked, with the borrow site; default zero: off. */
        public Builder<T> leakThreshold(Duration leakThreshold) {
            this.leakThreshold = Objects.requireNonNull(leakThreshold, "leakThreshold");
            return this;
        }

        /** How long {@link Pool#close()} spends destroying idle resources; default 100 ms. */
        public Builder<T> closeTimeout(Duration closeTimeout) {
            this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
            return this;
        }

        /** Health is DEGRADED when more than this percent of the bound is in use; default 80. */
        public Builder<T> degradedAbove(int percent) {
            this.degradedAbovePercent = percent;
            return this;
        }

        /** Health is DOWN for this long after an acquire timed out; default 30 s. */
        public Builder<T> downAfterTimeout(Duration downAfterTimeout) {
            this.downAfterTimeout = Objects.requireNonNull(downAfterTimeout, "downAfterTimeout");
            return this;
        }

        /** The clock for ages; the system clock by default. */
        public Builder<T> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where counters and gauges go ({@link dev.lift.api.PluginContext#metrics()}); none by default. */
        public Builder<T> metrics(Metrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** The logger for leaks and failed destroys; {@code lift.pool} by default. */
        public Builder<T> logger(System.Logger logger) {
            this.logger = Objects.requireNonNull(logger, "logger");
            return this;
        }

        /**
         * Builds the pool, empty (call {@link Pool#fill()} to pre-warm).
         *
         * @throws IllegalArgumentException naming the value that is out of range
         */
        public Pool<T> build() {
            if (name.isBlank()) {
                throw new IllegalArgumentException("A pool needs a name");
            }
            if (maxSize < 1) {
                throw new IllegalArgumentException("Pool '" + name + "': maxSize must be at least 1, not " + maxSize);
            }
            if (minIdle < 0 || minIdle > maxSize) {
                throw new IllegalArgumentException("Pool '" + name + "': minIdle must be from 0 to maxSize (" + maxSize
                        + "), not " + minIdle);
            }
            if (degradedAbovePercent < 0 || degradedAbovePercent > 100) {
                throw new IllegalArgumentException("Pool '" + name + "': degradedAbove must be a percentage from 0 to 100, not "
                        + degradedAbovePercent);
            }
            for (Map.Entry<String, Duration> d : Map.of("acquireTimeout", acquireTimeout, "idleTime", idleTime,
                    "maxLifetime", maxLifetime, "leakThreshold", leakThreshold, "closeTimeout", closeTimeout,
                    "downAfterTimeout", downAfterTimeout).entrySet()) {
                if (d.getValue().isNegative()) {
                    throw new IllegalArgumentException("Pool '" + name + "': " + d.getKey() + " must not be negative, not "
                            + d.getValue());
                }
            }
            return new Pool<>(this);
        }
    }
}
