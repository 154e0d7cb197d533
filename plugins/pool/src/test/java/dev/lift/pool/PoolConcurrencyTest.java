package dev.lift.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Many threads of our own borrowing from a small pool at once: the bound holds for the things
 * themselves (counted in the factory), nothing is lent twice at once, nothing leaks, and every
 * failed acquire is a clean {@link PoolTimeoutException}.
 */
class PoolConcurrencyTest {

    private static final int THREADS = 32;
    private static final int ROUNDS = 300;
    private static final int MAX = 4;

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void thirtyTwoThreadsBorrowReturnInvalidateAndTimeOutWithoutOverAllocationOrLeaks() throws Exception {
        Things things = new Things();
        Pool<Things.Thing> pool = things.pool("busy").maxSize(MAX).minIdle(1).acquireTimeout(Duration.ofMillis(5)).build();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger timedOut = new AtomicInteger();
        AtomicInteger borrowed = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            threads.add(start("borrower-" + i, () -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int round = 0; round < ROUNDS; round++) {
                    Pool.Lease<Things.Thing> lease;
                    try {
                        lease = pool.acquire();
                    } catch (PoolTimeoutException e) {
                        timedOut.incrementAndGet();
                        if (!e.getMessage().matches("Pool 'busy' has no free connection after 5 ms \\(\\d of 4 in use, \\d+ waiting\\)")) {
                            problems.add("unexpected message: " + e.getMessage());
                        }
                        continue;
                    } catch (RuntimeException e) {
                        problems.add("acquire threw " + e);
                        continue;
                    }
                    borrowed.incrementAndGet();
                    Things.Thing t = lease.get();
                    if (!t.lent.compareAndSet(false, true)) {
                        problems.add(t + " was lent to two borrowers at once");
                    }
                    if (t.destroyed) {
                        problems.add(t + " was lent after it was destroyed");
                    }
                    LockSupport.parkNanos(random.nextInt(200_000)); // hold it a little, so borrowers queue
                    t.lent.set(false);
                    int dice = random.nextInt(20);
                    if (dice == 0) {
                        lease.invalidate();
                    } else {
                        if (dice == 1) {
                            t.broken = true; // found broken by the validator on its next borrow
                        }
                        lease.close();
                    }
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(120));
            assertFalse(t.isAlive(), t.getName() + " did not finish");
        }

        assertEquals(List.of(), List.copyOf(problems));
        assertTrue(things.mostAlive.get() <= MAX, "at most " + MAX + " things may exist at once; there were "
                + things.mostAlive.get());
        Pool.Stats s = pool.stats();
        assertEquals(THREADS * ROUNDS, borrowed.get() + timedOut.get());
        assertEquals(timedOut.get(), s.timeouts(), "every timeout is counted once");
        assertEquals(0, s.inUse(), "everything borrowed was returned");
        assertEquals(0, s.waiting());
        assertEquals(things.made.get(), s.created());
        assertEquals(things.destroyed.size(), s.destroyed());
        assertEquals(s.created() - s.destroyed(), s.size(), "created - destroyed == size");
        assertEquals(things.alive.get(), s.size(), "the pool's size is what the factory has alive");
        assertEquals(s.size(), s.idle());
        assertTrue(things.destroyed.stream().allMatch(t -> !t.lent.get()), "nothing destroyed while lent");

        pool.close();
        assertEquals(0, things.alive.get(), "closing destroys every idle thing");
    }

    @Test
    void whenEverythingIsHeldEveryWaiterTimesOutWithTheStateOfThePool() throws Exception {
        Things things = new Things();
        Pool<Things.Thing> pool = things.pool("orders-db").maxSize(MAX).acquireTimeout(Duration.ofMillis(250)).build();
        List<Pool.Lease<Things.Thing>> held = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            held.add(pool.acquire());
        }
        ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> other = new ConcurrentLinkedQueue<>();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            waiters.add(start("waiter-" + i, () -> {
                try (Pool.Lease<Things.Thing> lease = pool.acquire()) {
                    other.add(new AssertionError("got " + lease.get() + " although all were held"));
                } catch (PoolTimeoutException e) {
                    messages.add(e.getMessage().replaceAll("\\d+ waiting", "N waiting"));
                } catch (Throwable t) {
                    other.add(t);
                }
            }));
        }
        for (Thread t : waiters) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(t.isAlive());
        }
        assertEquals(List.of(), List.copyOf(other));
        assertEquals(8, messages.size());
        assertTrue(messages.stream().allMatch(
                "Pool 'orders-db' has no free connection after 250 ms (4 of 4 in use, N waiting)"::equals), messages.toString());
        assertEquals(8, pool.stats().timeouts());
        assertEquals(MAX, things.made.get(), "waiting created nothing beyond the bound");
        held.forEach(Pool.Lease::close);
        assertEquals(new Pool.Stats(MAX, MAX, 0, 0, MAX, MAX, 0, 8), pool.stats());
    }

    @Test
    void aReturnedThingGoesToTheLongestWaiter() throws Exception {
        Things things = new Things();
        Pool<Things.Thing> pool = things.pool("fifo").maxSize(1).acquireTimeout(Duration.ofSeconds(30)).build();
        Pool.Lease<Things.Thing> held = pool.acquire();
        ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "waiter-" + i;
            waiters.add(start(name, () -> {
                Pool.Lease<Things.Thing> lease = pool.acquire();
                order.add(name);
                lease.close();
            }));
            awaitWaiting(pool, i + 1); // each is in line before the next arrives
        }
        held.close();
        for (Thread t : waiters) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(t.isAlive());
        }
        assertEquals(List.of("waiter-0", "waiter-1", "waiter-2"), List.copyOf(order));
        assertEquals(1, things.made.get());
    }

    /** Waits (bounded) until {@code n} callers wait for the pool. */
    static void awaitWaiting(Pool<?> pool, int n) throws InterruptedException {
        for (int i = 0; i < 6000 && pool.stats().waiting() < n; i++) {
            Thread.sleep(10);
        }
        assertEquals(n, pool.stats().waiting());
    }
}
