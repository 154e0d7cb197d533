package dev.lift.pool;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A factory of numbered things that counts how many exist at once, as a pool's factory and
 * destroyer see them: the highest count ever seen is what the pool's bound must hold.
 */
final class Things {

    /** One pooled thing; {@code broken} makes the validator refuse it. */
    static final class Thing {
        final int number;
        volatile boolean broken;
        volatile boolean destroyed;
        /** Set while a borrower holds it: lending it twice at once is a bug. */
        final AtomicBoolean lent = new AtomicBoolean();

        Thing(int number) {
            this.number = number;
        }

        @Override
        public String toString() {
            return "thing-" + number;
        }
    }

    final AtomicInteger made = new AtomicInteger();
    final AtomicInteger alive = new AtomicInteger();
    final AtomicInteger mostAlive = new AtomicInteger();
    final AtomicInteger validations = new AtomicInteger();
    final List<Thing> destroyed = new CopyOnWriteArrayList<>();
    volatile RuntimeException failNext;

    Thing create() {
        RuntimeException fail = failNext;
        if (fail != null) {
            failNext = null;
            throw fail;
        }
        int now = alive.incrementAndGet();
        mostAlive.accumulateAndGet(now, Math::max);
        return new Thing(made.incrementAndGet());
    }

    boolean validate(Thing t) {
        validations.incrementAndGet();
        return !t.broken;
    }

    void destroy(Thing t) {
        if (t.destroyed) {
            throw new AssertionError(t + " destroyed twice");
        }
        t.destroyed = true;
        destroyed.add(t);
        alive.decrementAndGet();
    }

    Pool.Builder<Thing> pool(String name) {
        return Pool.builder(name, this::create).validator(this::validate).destroyer(this::destroy);
    }
}
