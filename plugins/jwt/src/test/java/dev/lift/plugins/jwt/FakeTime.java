package dev.lift.plugins.jwt;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** Wall clock and ticker that a test moves forward: the JWKS cache, its refresh limit and claim checks read it. */
final class FakeTime extends Clock implements Ticker {

    private final Instant start = Instant.now();
    private final AtomicLong elapsedNanos = new AtomicLong();

    void advance(Duration d) {
        elapsedNanos.addAndGet(d.toNanos());
    }

    @Override
    public long read() {
        return elapsedNanos.get();
    }

    @Override
    public Instant instant() {
        return start.plusNanos(elapsedNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
