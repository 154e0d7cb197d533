package dev.lift.plugins.ratelimit;

import dev.lift.spi.store.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Fixed windows counted in the shared {@link KeyValueStore} with its atomic
 * {@link KeyValueStore#increment}: windows are aligned to multiples of {@code period} since the
 * epoch, and the counter of a key and window expires after a period. A store shared by every
 * instance of the function (DynamoDB) makes the limit hold across instances; the memory store makes
 * it per instance, like the token buckets.
 */
final class StoreWindows implements Limiter {

    private final String name;
    private final long limit;
    private final Duration period;
    private final Clock clock;
    private final Supplier<KeyValueStore> store;

    StoreWindows(String name, long limit, Duration period, Clock clock, Supplier<KeyValueStore> store) {
        this.name = name;
        this.limit = limit;
        this.period = period;
        this.clock = clock;
        this.store = store;
    }

    @Override
    public Decision acquire(String key) {
        long now = clock.millis();
        long periodMillis = period.toMillis();
        long window = Math.floorDiv(now, periodMillis);
        long count = store.get().increment("rate-limit:" + name + ":" + window + ":" + bounded(key), 1, period);
        long reset = Math.max(1, ((window + 1) * periodMillis - now + 999) / 1000);
        boolean allowed = count <= limit;
        return new Decision(allowed, limit, Math.max(0, limit - count), reset, allowed ? 0 : reset);
    }

    /** Client keys can be long (a header's value): those over 200 characters become their SHA-256. */
    private static String bounded(String key) {
        if (key.length() <= 200) {
            return key;
        }
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256, which every Java platform must have", e);
        }
    }
}
