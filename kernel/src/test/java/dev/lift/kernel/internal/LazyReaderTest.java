package dev.lift.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent first uses of a typed-body reader build it once; the others wait for it. */
class LazyReaderTest {

    public record Order(String item) {
    }

    @Test
    void concurrentFirstUsesBuildTheReaderOnce() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ObjectMapper mapper = new ObjectMapper() {
            @Override
            public ObjectReader readerFor(Class<?> type) {
                builds.incrementAndGet();
                try {
                    release.await(30, TimeUnit.SECONDS); // a slow build, during which the others arrive
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.readerFor(type);
            }
        };
        RouteRegistry.LazyReader reader = new RouteRegistry.LazyReader(mapper, Order.class);
        List<ObjectReader> got = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread t = new Thread(() -> got.add(reader.get()), "first-use-" + i);
            threads.add(t);
            t.start();
        }
        // Until every thread is either building or waiting for the build (or, wrongly, building too).
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (builds.get() < threads.size()
                && threads.stream().filter(t -> t.getState() == Thread.State.BLOCKED).count() < threads.size() - 1) {
            if (System.nanoTime() > end) {
                throw new AssertionError("threads never met at the reader");
            }
            Thread.sleep(2);
        }
        release.countDown();
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }

        assertEquals(1, builds.get());
        assertEquals(threads.size(), got.size());
        got.forEach(r -> assertSame(got.get(0), r));
    }
}
