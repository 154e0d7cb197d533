package dev.lift.plugins.memorystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * Eight threads at once, released together by a start gate. Counts are exact; time is never
 * asserted, and a hung thread fails the test instead of hanging the build.
 */
class MemoryKeyValueStoreConcurrencyTest {

    private static final int THREADS = 8;
    private static final Duration TTL = Duration.ofMinutes(10);

    private final MemoryKeyValueStore store = new MemoryKeyValueStore("memory", 100_000, Clock.systemUTC());

    /** Runs {@code work(threadIndex)} on {@link #THREADS} threads started together; fails on any throwable or hang. */
    private static void race(IntConsumer work) throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    gate.await();
                    work.accept(index);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "store-race-" + i);
            t.start();
            threads.add(t);
        }
        gate.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            assertFalse(t.isAlive(), t.getName() + " did not finish within 60 s");
        }
        assertTrue(failures.isEmpty(), () -> "a thread failed: " + failures.peek());
    }

    @Test
    void eightThreadsTimesTenThousandIncrementsCountEightyThousand() throws InterruptedException {
        race(i -> {
            for (int n = 0; n < 10_000; n++) {
                store.increment("counter", 1, TTL);
            }
        });
        assertEquals(80_000, store.increment("counter", 0, TTL));
        assertEquals("80000", new String(store.get("counter").orElseThrow().value(), StandardCharsets.US_ASCII));
    }

    @Test
    void ofEightThreadsRacingPutIfAbsentOnOneKeyExactlyOneWins() throws InterruptedException {
        int keys = 2_000; // one race per key, so the threads meet on the same key many times
        AtomicIntegerArray winners = new AtomicIntegerArray(keys);
        AtomicIntegerArray winner = new AtomicIntegerArray(keys);
        race(i -> {
            byte[] mine = {(byte) i};
            for (int k = 0; k < keys; k++) {
                if (store.putIfAbsent("idem:" + k, mine, TTL)) {
                    winners.incrementAndGet(k);
                    winner.set(k, i);
                }
            }
        });
        for (int k = 0; k < keys; k++) {
            assertEquals(1, winners.get(k), "winners for key " + k);
            assertEquals(winner.get(k), store.get("idem:" + k).orElseThrow().value()[0], "the stored value is the winner's");
        }
        assertEquals(keys, store.size());
    }

    @Test
    void optimisticReplaceLoopsOnEightThreadsLoseNoUpdate() throws InterruptedException {
        store.putIfAbsent("balance", "0".getBytes(StandardCharsets.US_ASCII), TTL);
        int perThread = 2_000;
        AtomicLong conflicts = new AtomicLong();
        race(i -> {
            for (int n = 0; n < perThread; n++) {
                while (true) {
                    var current = store.get("balance").orElseThrow();
                    long value = Long.parseLong(new String(current.value(), StandardCharsets.US_ASCII));
                    byte[] next = Long.toString(value + 1).getBytes(StandardCharsets.US_ASCII);
                    if (store.replace("balance", current.version(), next, TTL)) {
                        break;
                    }
                    conflicts.incrementAndGet();
                }
            }
        });
        assertEquals(String.valueOf(THREADS * perThread),
                new String(store.get("balance").orElseThrow().value(), StandardCharsets.US_ASCII),
                "lost updates (after " + conflicts.get() + " conflicts)");
    }

    @Test
    void conditionalDeletesOfOneVersionSucceedOnce() throws InterruptedException {
        int keys = 2_000;
        long[] versions = new long[keys];
        for (int k = 0; k < keys; k++) {
            store.putIfAbsent("d:" + k, new byte[] {1}, TTL);
            versions[k] = store.get("d:" + k).orElseThrow().version();
        }
        AtomicIntegerArray deleted = new AtomicIntegerArray(keys);
        race(i -> {
            for (int k = 0; k < keys; k++) {
                if (store.delete("d:" + k, versions[k])) {
                    deleted.incrementAndGet(k);
                }
            }
        });
        for (int k = 0; k < keys; k++) {
            assertEquals(1, deleted.get(k), "deletes for key " + k);
        }
        assertEquals(0, store.size());
    }

    @Test
    void theBoundHoldsExactlyWhenThreadsAddNewKeysAtOnce() throws InterruptedException {
        int max = 1_000;
        MemoryKeyValueStore small = new MemoryKeyValueStore("memory", max, Clock.systemUTC());
        AtomicLong stored = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        race(i -> {
            for (int n = 0; n < 500; n++) {
                try {
                    if (small.putIfAbsent(i + ":" + n, new byte[] {1}, TTL)) {
                        stored.incrementAndGet();
                    }
                } catch (IllegalStateException full) {
                    refused.incrementAndGet();
                }
            }
        });
        assertEquals(max, stored.get());
        assertEquals(THREADS * 500 - max, refused.get());
        assertEquals(max, small.size());
    }
}
