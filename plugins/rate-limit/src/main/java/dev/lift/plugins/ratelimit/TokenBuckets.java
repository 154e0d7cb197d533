package dev.lift.plugins.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One token bucket per key, in this execution environment's memory: it holds {@code limit} tokens,
 * refills continuously at {@code limit} per {@code period}, and a request takes one. The buckets live
 * in a Caffeine cache bounded by {@code maxKeys}; a bucket unused for a whole period is full again,
 * so it is dropped then (expire after access) and costs nothing to recreate. When more than
 * {@code maxKeys} clients are active at once, the least recently seen lose their bucket and start full.
 */
final class TokenBuckets implements Limiter {

    private final long limit;
    private final long periodNanos;
    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    TokenBuckets(long limit, Duration period, long maxKeys, Clock clock) {
        this.limit = limit;
        this.periodNanos = period.toNanos();
        this.clock = clock;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(period)
                .ticker(() -> nanos(clock.instant()))
                // Maintenance runs on the calling thread: no pool thread, nothing shared with the common pool.
                .executor(Runnable::run)
                .build();
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Override
    public Decision acquire(String key) {
        long now = nanos(clock.instant());
        Bucket bucket = buckets.get(key, k -> new Bucket(limit, now));
        return bucket.take(now);
    }

    /** The number of buckets held (an estimate, as Caffeine counts). */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(long tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized Decision take(long now) {
            if (now > updated) {
                tokens = Math.min(limit, tokens + (double) (now - updated) * limit / periodNanos);
                updated = now;
            }
            boolean allowed = tokens >= 1;
            if (allowed) {
                tokens -= 1;
            }
            long remaining = (long) Math.floor(tokens);
            long reset = seconds((limit - tokens) * periodNanos / limit);
            long retryAfter = allowed ? 0 : Math.max(1, seconds((1 - tokens) * periodNanos / limit));
            return new Decision(allowed, limit, remaining, reset, retryAfter);
        }
    }

    private static long seconds(double nanos) {
        return (long) Math.ceil(nanos / 1_000_000_000d);
    }
}
