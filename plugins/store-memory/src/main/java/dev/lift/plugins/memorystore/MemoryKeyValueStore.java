package dev.lift.plugins.memorystore;

import dev.lift.api.Api;
import dev.lift.spi.store.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A {@link KeyValueStore} in this JVM's memory: a {@link ConcurrentHashMap} whose writes are atomic
 * {@code compute} calls on one key. Its entries live as long as the execution environment, are
 * lost on a cold start and are not shared between concurrent Lambda instances, so it suits tests,
 * local runs and limits per instance; idempotency across instances needs a shared store.
 *
 * <p>Expiry is checked on every read and write with the given {@link Clock}; expired entries are
 * reclaimed when an operation meets them, and all at once when a new key would exceed
 * {@code maxEntries}. If the store is still full after that, the write fails with an
 * {@link IllegalStateException} naming the store. The bound is exact under concurrency.
 *
 * <p>Versions come from one sequence per store, so they increase with every write to any key and
 * are never reused.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class MemoryKeyValueStore implements KeyValueStore {

    private final String name;
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<String, Stored> entries = new ConcurrentHashMap<>();
    // Mappings in `entries`, expired or not; changed only where a mapping is added or removed, under
    // that key's lock (inside compute) or by a conditional remove, so it never drifts from the map.
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong versions = new AtomicLong();

    /**
     * @param name the store's name in messages and health details, such as {@code memory}
     * @param maxEntries the most entries held at once, at least 1
     * @param clock the time source for expiry; {@link Clock#systemUTC()} outside tests
     */
    public MemoryKeyValueStore(String name, int maxEntries, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A stored entry; identity equality, so a conditional remove removes exactly what was read. */
    private static final class Stored {
        final byte[] value; // owned: copied on the way in and out
        final long version;
        final Instant expiresAt;

        Stored(byte[] value, long version, Instant expiresAt) {
            this.value = value;
            this.version = version;
            this.expiresAt = expiresAt;
        }

        boolean expiredAt(Instant now) {
            return !expiresAt.isAfter(now);
        }
    }

    /** Thrown inside {@code compute} when a new key finds no room; caught here, never seen outside. */
    private static final class NoRoom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoRoom() {
            super(null, null, false, false);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The most entries held at once. */
    public int maxEntries() {
        return maxEntries;
    }

    /** The entries held now, including expired ones not yet reclaimed. */
    public int size() {
        return size.get();
    }

    @Override
    public Optional<Entry> get(String key) {
        checkKey(key);
        Stored s = entries.get(key);
        if (s == null) {
            return Optional.empty();
        }
        if (s.expiredAt(clock.instant())) {
            if (entries.remove(key, s)) {
                size.decrementAndGet();
            }
            return Optional.empty();
        }
        return Optional.of(new Entry(s.value, s.version, s.expiresAt));
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        checkKey(key);
        byte[] copy = checkValue(value).clone();
        checkTtl(ttl);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        boolean[] stored = new boolean[1];
        withRoom(() -> entries.compute(key, (k, prev) -> {
            if (prev != null && !prev.expiredAt(now)) {
                stored[0] = false;
                return prev;
            }
            if (prev == null) {
                reserve();
            }
            stored[0] = true;
            return new Stored(copy, versions.incrementAndGet(), expiresAt);
        }));
        return stored[0];
    }

    @Override
    public boolean replace(String key, long expectedVersion, byte[] value, Duration ttl) {
        checkKey(key);
        byte[] copy = checkValue(value).clone();
        checkTtl(ttl);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        boolean[] replaced = new boolean[1];
        entries.computeIfPresent(key, (k, prev) -> {
            if (prev.expiredAt(now)) {
                size.decrementAndGet();
                return null;
            }
            if (prev.version != expectedVersion) {
                return prev;
            }
            replaced[0] = true;
            return new Stored(copy, versions.incrementAndGet(), expiresAt);
        });
        return replaced[0];
    }

    @Override
    public boolean delete(String key, long expectedVersion) {
        checkKey(key);
        Instant now = clock.instant();
        boolean[] deleted = new boolean[1];
        entries.computeIfPresent(key, (k, prev) -> {
            boolean expired = prev.expiredAt(now);
            if (!expired && prev.version != expectedVersion) {
                return prev;
            }
            deleted[0] = !expired;
            size.decrementAndGet();
            return null;
        });
        return deleted[0];
    }

    @Override
    public void delete(String key) {
        checkKey(key);
        if (entries.remove(key) != null) {
            size.decrementAndGet();
        }
    }

    @Override
    public long increment(String key, long delta, Duration ttl) {
        checkKey(key);
        checkTtl(ttl);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        long[] result = new long[1];
        withRoom(() -> entries.compute(key, (k, prev) -> {
            if (prev == null || prev.expiredAt(now)) {
                if (prev == null) {
                    reserve();
                }
                result[0] = delta;
                return new Stored(counterText(delta), versions.incrementAndGet(), expiresAt);
            }
            long next = Math.addExact(counterValue(k, prev.value), delta);
            result[0] = next;
            return new Stored(counterText(next), versions.incrementAndGet(), prev.expiresAt);
        }));
        return result[0];
    }

    private static byte[] counterText(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }

    private long counterValue(String key, byte[] value) {
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Cannot increment key '" + key + "' in key-value store '" + name
                    + "': its value (" + value.length + " bytes) is not the decimal text of a whole number");
        }
    }

    /** Takes a place for a new mapping; called inside {@code compute} just before the mapping is added. */
    private void reserve() {
        if (size.incrementAndGet() > maxEntries) {
            size.decrementAndGet();
            throw new NoRoom();
        }
    }

    /** Runs a write that may add a key; when the store is full, reclaims expired entries and tries once more. */
    private void withRoom(Supplier<?> write) {
        try {
            write.get();
        } catch (NoRoom full) {
            sweep();
            try {
                write.get();
            } catch (NoRoom stillFull) {
                throw new IllegalStateException("Key-value store '" + name + "' is full: its " + maxEntries
                        + " entries have not expired, so no new key can be added; raise "
                        + MemoryStoreProvider.MAX_ENTRIES_SETTING + " or store entries with shorter ttls");
            }
        }
    }

    /** Removes every expired entry; conditional removes leave an entry rewritten meanwhile alone. */
    private void sweep() {
        Instant now = clock.instant();
        for (Map.Entry<String, Stored> e : entries.entrySet()) {
            if (e.getValue().expiredAt(now) && entries.remove(e.getKey(), e.getValue())) {
                size.decrementAndGet();
            }
        }
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("A key must not be null or empty");
        }
        // Three bytes per char at most, so short keys need no encoding to be measured.
        if (key.length() * 3L > MAX_KEY_BYTES) {
            int bytes = key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_KEY_BYTES) {
                throw new IllegalArgumentException("A key must be at most " + MAX_KEY_BYTES + " bytes in UTF-8; this one has "
                        + bytes);
            }
        }
    }

    private static byte[] checkValue(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("A value must not be null (it may be empty)");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("A value must be at most " + MAX_VALUE_BYTES + " bytes; this one has "
                    + value.length);
        }
        return value;
    }

    private static Duration checkTtl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("A ttl must be greater than zero and at most " + MAX_TTL.toDays()
                    + " days; got " + ttl);
        }
        return ttl;
    }

    @Override
    public String toString() {
        return "MemoryKeyValueStore[" + name + ", " + size() + " of " + maxEntries + " entries]";
    }
}
