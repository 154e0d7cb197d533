package dev.lift.pool;

import dev.lift.plugins.testsupport.FakeClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.Metrics;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.spi.HealthResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One behaviour of the pool per test, with a clock that moves only when the test moves it. */
class PoolTest {

    private final Things things = new Things();
    private final FakeClock clock = new FakeClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<String> metrics = new CopyOnWriteArrayList<>();
    private final Metrics sink = (name, value, unit, dimensions) ->
            metrics.add(name + new TreeMap<>(dimensions) + "=" + (long) value + " " + unit);
    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = LogCapture.on("test.pool");
    }

    @AfterEach
    void releaseLog() {
        log.close();
    }

    private Pool.Builder<Things.Thing> pool() {
        return things.pool("orders-db").clock(clock).metrics(sink).logger(System.getLogger("test.pool"));
    }

    @Test
    void aLeaseReturnsItsThingOnCloseAndTheNextBorrowGetsTheSameOne() {
        Pool<Things.Thing> pool = pool().build();
        Things.Thing first;
        try (Pool.Lease<Things.Thing> lease = pool.acquire()) {
            first = lease.get();
            assertEquals(new Pool.Stats(1, 0, 1, 0, 10, 1, 0, 0), pool.stats());
        }
        assertEquals(new Pool.Stats(1, 1, 0, 0, 10, 1, 0, 0), pool.stats());
        try (Pool.Lease<Things.Thing> lease = pool.acquire()) {
            assertSame(first, lease.get());
        }
        assertEquals(1, things.made.get());
    }

    @Test
    void aClosedLeaseCannotBeUsedAndClosingItTwiceReturnsItOnce() {
        Pool<Things.Thing> pool = pool().build();
        Pool.Lease<Things.Thing> lease = pool.acquire();
        lease.close();
        lease.close();
        lease.invalidate();
        IllegalStateException e = assertThrows(IllegalStateException.class, lease::get);
        assertEquals("This connection was already returned to pool 'orders-db'", e.getMessage());
        assertEquals(new Pool.Stats(1, 1, 0, 0, 10, 1, 0, 0), pool.stats());
    }

    @Test
    void anInvalidatedThingIsDestroyedAndItsSlotFreed() {
        Pool<Things.Thing> pool = pool().maxSize(1).build();
        Pool.Lease<Things.Thing> lease = pool.acquire();
        Things.Thing broken = lease.get();
        lease.invalidate();
        assertEquals(List.of(broken), things.destroyed);
        try (Pool.Lease<Things.Thing> next = pool.acquire()) {
            assertNotSame(broken, next.get());
        }
        assertEquals(new Pool.Stats(1, 1, 0, 0, 1, 2, 1, 0), pool.stats());
    }

    @Test
    void aThingThatFailsValidationOnBorrowIsDestroyedAndReplaced() {
        Pool<Things.Thing> pool = pool().maxSize(1).build();
        Things.Thing first;
        try (Pool.Lease<Things.Thing> lease = pool.acquire()) {
            first = lease.get();
        }
        assertEquals(0, things.validations.get(), "a thing just created is not validated");
        first.broken = true;
        try (Pool.Lease<Things.Thing> lease = pool.acquire()) {
            assertEquals("thing-2", lease.get().toString());
        }
        assertEquals(List.of(first), things.destroyed);
        assertEquals(1, things.validations.get());
        assertEquals(new Pool.Stats(1, 1, 0, 0, 1, 2, 1, 0), pool.stats());
    }

    @Test
    void aValidatorThatThrowsCountsAsInvalid() {
        Pool<Things.Thing> pool = Pool.builder("flaky-check", things::create).destroyer(things::destroy)
                .validator(t -> {
                    throw new IllegalStateException("ping failed");
                }).build();
        pool.acquire().close();
        try (Pool.Lease<Things.Thing> lease = pool.acquire()) {
            assertEquals("thing-2", lease.get().toString());
        }
        assertEquals(1, things.destroyed.size());
    }

    @Test
    void aFailingFactoryFailsTheAcquireNamingThePoolAndFreesTheSlot() {
        Pool<Things.Thing> pool = pool().maxSize(1).build();
        things.failNext = new IllegalStateException("connection refused");
        PoolException e = assertThrows(PoolException.class, pool::acquire);
        assertEquals("Pool 'orders-db' could not create a connection: java.lang.IllegalStateException: connection refused",
                e.getMessage());
        assertEquals("orders-db", e.pool());
        try (Pool.Lease<Things.Thing> lease = pool.acquire()) {
            assertEquals("thing-1", lease.get().toString());
        }
    }

    @Test
    void idleThingsUnusedForTheIdleTimeAreDestroyedDownToMinIdle() {
        Pool<Things.Thing> pool = pool().minIdle(1).idleTime(Duration.ofMinutes(10)).maxLifetime(Duration.ZERO).build();
        List<Pool.Lease<Things.Thing>> leases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            leases.add(pool.acquire());
        }
        leases.forEach(Pool.Lease::close);
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertEquals(0, pool.evict());
        clock.advance(Duration.ofMillis(1));
        assertEquals(2, pool.evict());
        assertEquals(new Pool.Stats(1, 1, 0, 0, 10, 3, 2, 0), pool.stats());
        clock.advance(Duration.ofHours(1));
        assertEquals(0, pool.evict(), "min-idle stays");
        assertEquals(1, things.alive.get(), "the factory has one alive");
    }

    @Test
    void evictionAlsoRunsOnAcquire() {
        Pool<Things.Thing> pool = pool().idleTime(Duration.ofSeconds(30)).build();
        Pool.Lease<Things.Thing> a = pool.acquire();
        Pool.Lease<Things.Thing> b = pool.acquire();
        a.close();
        clock.advance(Duration.ofSeconds(31));
        b.close(); // b was returned just now, a 31 s ago
        try (Pool.Lease<Things.Thing> lease = pool.acquire()) {
            assertEquals("thing-2", lease.get().toString());
        }
        assertEquals("[thing-1]", things.destroyed.toString());
    }

    @Test
    void thingsOlderThanTheMaxLifetimeAreDestroyedWhenIdleOrReturned() {
        Pool<Things.Thing> pool = pool().maxLifetime(Duration.ofMinutes(30)).idleTime(Duration.ZERO).build();
        Pool.Lease<Things.Thing> held = pool.acquire();
        pool.acquire().close(); // thing-2 idle
        clock.advance(Duration.ofMinutes(30));
        assertEquals(1, pool.evict(), "the idle one is too old");
        assertEquals("[thing-2]", things.destroyed.toString());
        held.close();
        assertEquals("[thing-2, thing-1]", things.destroyed.toString(), "the borrowed one is destroyed on return");
        try (Pool.Lease<Things.Thing> lease = pool.acquire()) {
            assertEquals("thing-3", lease.get().toString());
        }
        assertEquals(new Pool.Stats(1, 1, 0, 0, 10, 3, 2, 0), pool.stats());
    }

    /** Borrows and never returns: the leak report must point here. */
    private Pool.Lease<Things.Thing> borrowAndForget(Pool<Things.Thing> pool) {
        return pool.acquire();
    }

    @Test
    void aThingHeldPastTheLeakThresholdIsLoggedOnceWithWhereItWasBorrowed() {
        Pool<Things.Thing> pool = pool().leakThreshold(Duration.ofSeconds(60)).build();
        Pool.Lease<Things.Thing> leaked = borrowAndForget(pool);
        clock.advance(Duration.ofSeconds(59));
        pool.evict();
        assertEquals(List.of(), log.records(Level.WARNING));

        clock.advance(Duration.ofSeconds(2));
        pool.acquire().close(); // leak checks run on every acquire
        pool.evict();
        List<LogRecord> warnings = log.records(Level.WARNING);
        assertEquals(1, warnings.size(), "logged once");
        String message = warnings.get(0).getMessage();
        assertTrue(message.startsWith("Pool 'orders-db': a connection borrowed 61000 ms ago has not been returned "
                + "(leak threshold 60000 ms); borrowed at dev.lift.pool.PoolTest.borrowAndForget(PoolTest.java:"), message);
        String logged = log.lines().get(0);
        assertTrue(logged.contains("where the connection of pool 'orders-db' was borrowed"), logged);
        assertTrue(logged.contains("at dev.lift.pool.PoolTest.aThingHeldPastTheLeakThresholdIsLoggedOnce"), logged);

        leaked.close();
        assertEquals(List.of("Pool 'orders-db': the connection reported as leaked was returned after 61000 ms"),
                log.records(Level.INFO).stream().map(LogRecord::getMessage).filter(m -> m.contains("leaked")).toList());
    }

    @Test
    void withoutALeakThresholdNothingIsLoggedHoweverLongAThingIsHeld() {
        Pool<Things.Thing> pool = pool().build();
        Pool.Lease<Things.Thing> held = pool.acquire();
        clock.advance(Duration.ofDays(1));
        pool.evict();
        held.close();
        assertEquals(List.of(), log.records());
    }

    @Test
    void healthIsUpThenDegradedAboveTheThresholdThenDownAfterATimeoutUntilTheWindowPasses() {
        Pool<Things.Thing> pool = pool().maxSize(5).degradedAbove(60).acquireTimeout(Duration.ZERO)
                .downAfterTimeout(Duration.ofSeconds(30)).build();
        List<Pool.Lease<Things.Thing>> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(pool.acquire());
        }
        assertEquals(new HealthResult(HealthResult.Status.UP, Map.of("size", 3, "idle", 0, "in-use", 3, "waiting", 0,
                "max-size", 5, "timeouts", 0L)), pool.health(), "3 of 5 is 60%, not above");
        held.add(pool.acquire());
        assertEquals(HealthResult.Status.DEGRADED, pool.health().status(), "4 of 5 is 80%");
        held.add(pool.acquire());
        PoolTimeoutException e = assertThrows(PoolTimeoutException.class, pool::acquire);
        assertEquals("Pool 'orders-db' has no free connection after 0 ms (5 of 5 in use, 0 waiting)", e.getMessage());
        held.forEach(Pool.Lease::close);
        clock.advance(Duration.ofSeconds(29));
        assertEquals(new HealthResult(HealthResult.Status.DOWN, Map.of("size", 5, "idle", 5, "in-use", 0, "waiting", 0,
                "max-size", 5, "timeouts", 1L, "last-timeout-ms-ago", 29_000L)), pool.health());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(HealthResult.Status.UP, pool.health().status());
        pool.close();
        assertEquals(HealthResult.Status.DOWN, pool.health().status());
        assertEquals(true, pool.health().details().get("closed"));
    }

    @Test
    void countersAreRecordedAsTheyHappenAndGaugesOnDemand() {
        Pool<Things.Thing> pool = pool().maxSize(1).acquireTimeout(Duration.ZERO).build();
        Pool.Lease<Things.Thing> lease = pool.acquire();
        assertThrows(PoolTimeoutException.class, pool::acquire);
        pool.recordMetrics();
        lease.invalidate();
        assertEquals(List.of("lift.pool.created{pool=orders-db}=1 Count",
                "lift.pool.timeouts{pool=orders-db}=1 Count",
                "lift.pool.size{pool=orders-db}=1 Count",
                "lift.pool.idle{pool=orders-db}=0 Count",
                "lift.pool.in_use{pool=orders-db}=1 Count",
                "lift.pool.waiting{pool=orders-db}=0 Count",
                "lift.pool.destroyed{pool=orders-db}=1 Count"), metrics);
    }

    @Test
    void closingDestroysIdleThingsNowBorrowedOnesOnReturnAndRefusesNewBorrowers() throws Exception {
        Pool<Things.Thing> pool = pool().maxSize(2).acquireTimeout(Duration.ofSeconds(30)).build();
        Pool.Lease<Things.Thing> held = pool.acquire();
        pool.acquire().close();
        Pool.Lease<Things.Thing> second = pool.acquire();
        AtomicReference<Throwable> waiterGot = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                pool.acquire().close();
            } catch (Throwable t) {
                waiterGot.set(t);
            }
        });
        waiter.start();
        PoolConcurrencyTest.awaitWaiting(pool, 1);
        second.close(); // goes straight to the waiter, who returns it
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(null, waiterGot.get());

        Thread blocked = new Thread(() -> {
            try {
                pool.acquire();
                pool.acquire();
            } catch (Throwable t) {
                waiterGot.set(t);
            }
        });
        blocked.start();
        PoolConcurrencyTest.awaitWaiting(pool, 1);
        pool.close();
        blocked.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals("Pool 'orders-db' is closed", waiterGot.get().getMessage(), "a waiter is woken by close");
        assertTrue(waiterGot.get() instanceof PoolClosedException);
        assertEquals(2, things.alive.get(), "the idle one is destroyed; two are still borrowed");
        held.close();
        assertEquals(1, things.alive.get(), "returned after close: destroyed");
        assertEquals("Pool 'orders-db' is closed", assertThrows(PoolClosedException.class, pool::acquire).getMessage());
        pool.close();
    }

    @Test
    void beforeASnapshotIdleThingsAreDestroyedAndBorrowedOnesOnReturnThenFillRefillsToMinIdle() {
        Pool<Things.Thing> pool = pool().minIdle(2).build();
        assertEquals(2, pool.fill());
        assertEquals(0, pool.fill(), "already at min-idle");
        Pool.Lease<Things.Thing> borrowed = pool.acquire();
        assertEquals(1, pool.destroyIdle());
        borrowed.close();
        assertEquals(0, things.alive.get(), "nothing from before the snapshot survives");
        assertEquals(2, pool.fill());
        assertEquals(new Pool.Stats(2, 2, 0, 0, 10, 4, 2, 0), pool.stats());
        try (Pool.Lease<Things.Thing> lease = pool.acquire()) {
            assertTrue(lease.get().number > 2, "a fresh one: " + lease.get());
        }
    }

    @Test
    void theBuilderRefusesValuesOutOfRangeNamingThem() {
        assertEquals("Pool 'p': maxSize must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> things.pool("p").maxSize(0).build()).getMessage());
        assertEquals("Pool 'p': minIdle must be from 0 to maxSize (2), not 3",
                assertThrows(IllegalArgumentException.class, () -> things.pool("p").maxSize(2).minIdle(3).build()).getMessage());
        assertEquals("Pool 'p': acquireTimeout must not be negative, not PT-1S", assertThrows(IllegalArgumentException.class,
                () -> things.pool("p").acquireTimeout(Duration.ofSeconds(-1)).build()).getMessage());
        assertEquals("Pool 'p': degradedAbove must be a percentage from 0 to 100, not 101", assertThrows(
                IllegalArgumentException.class, () -> things.pool("p").degradedAbove(101).build()).getMessage());
    }

    @Test
    void anInterruptedWaiterGetsAPoolExceptionAndKeepsItsInterruptFlag() throws Exception {
        Pool<Things.Thing> pool = pool().maxSize(1).acquireTimeout(Duration.ofSeconds(60)).build();
        Pool.Lease<Things.Thing> held = pool.acquire();
        AtomicReference<String> got = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                pool.acquire();
            } catch (PoolException e) {
                got.set(e.getMessage() + " / interrupted=" + Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        PoolConcurrencyTest.awaitWaiting(pool, 1);
        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals("Interrupted while waiting for a connection from pool 'orders-db' / interrupted=true", got.get());
        held.close();
        assertEquals(new Pool.Stats(1, 1, 0, 0, 1, 1, 0, 0), pool.stats());
    }
}
