package dev.lift.spi.store;

import dev.lift.api.Api;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A key-value store with conditional writes, an atomic counter and expiry, shared by the plugins
 * that keep state across invocations (idempotency records, rate-limit windows). A store plugin opens
 * it as a resource; users of it look it up lazily, because resources are opened after plugins are
 * initialised:
 *
 * <pre>{@code
 * KeyValueStore store = context.resources().require(KeyValueStore.class);
 * if (store.putIfAbsent("idem:" + key, IN_PROGRESS, Duration.ofMinutes(15))) { ... }
 * }</pre>
 *
 * <p><b>Thread-safe</b>: one store is shared by concurrent invocations, and every operation is
 * atomic on its key. Operations on different keys are independent; there are no transactions.
 *
 * <p><b>Expiry.</b> Every entry has an expiry time, set from a {@code ttl} when it is written. An
 * entry whose expiry time is not after the store's current time is <em>expired</em>, and every
 * operation treats it exactly as if the key were absent: {@link #get} does not return it,
 * {@link #putIfAbsent} and {@link #increment} create the key afresh, {@link #replace} and the
 * conditional {@link #delete(String, long)} fail. When its storage is reclaimed is up to the store.
 *
 * <p><b>Versions</b> are opaque tokens for compare-and-set: compare them only for equality. Every
 * successful write (create, replace, increment) gives the entry a new version, and an entry created
 * after an earlier one of the same key expired or was deleted gets a version that no one can have
 * read from the earlier entry (a store uses, for example, a store-wide sequence or a random start),
 * so a compare-and-set with a version read before the key was re-created fails.
 *
 * <p><b>Arguments</b>, checked by every operation before it touches the store, with an
 * {@link IllegalArgumentException} that says what is wrong:
 * <ul>
 *   <li>a key is not null, not empty and at most {@link #MAX_KEY_BYTES} bytes in UTF-8;</li>
 *   <li>a value is not null and at most {@link #MAX_VALUE_BYTES} bytes (it may be empty); the store
 *       copies it, so the caller may reuse the array;</li>
 *   <li>a ttl is not null, greater than zero and at most {@link #MAX_TTL}.</li>
 * </ul>
 * The limits are those every store accepts (a DynamoDB item is at most 400 KB), so code tested
 * against one store runs against another. Other failures of the store itself (unreachable, throttled,
 * full) are unchecked exceptions that name the store.
 *
 * <p>Nothing returned is ever null; no argument may be null.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public interface KeyValueStore {

    /** The longest key every store accepts, in bytes of UTF-8. */
    int MAX_KEY_BYTES = 1024;

    /** The largest value every store accepts, in bytes. */
    int MAX_VALUE_BYTES = 256 * 1024;

    /** The longest time to live every store accepts. */
    Duration MAX_TTL = Duration.ofDays(365);

    /**
     * A short name for messages and health details, such as {@code memory} or
     * {@code dynamodb:idempotency}. Never null.
     */
    String name();

    /**
     * The live entry under {@code key}.
     *
     * @return the entry, or empty when the key is absent or its entry has expired; never null
     */
    Optional<Entry> get(String key);

    /**
     * Stores {@code value} under {@code key}, expiring after {@code ttl}, only if the key is absent
     * or its entry has expired. Of several concurrent calls for one key, at most one returns true.
     *
     * @return true when the value was stored; false when a live entry was already there (it is left
     *     as it was)
     */
    boolean putIfAbsent(String key, byte[] value, Duration ttl);

    /**
     * Compare-and-set: replaces the value of the live entry under {@code key} whose version is
     * {@code expectedVersion}, and sets its expiry to {@code ttl} from now. The entry gets a new
     * version.
     *
     * @return true when replaced; false when the key is absent, its entry has expired, or its version
     *     differs (nothing is changed)
     */
    boolean replace(String key, long expectedVersion, byte[] value, Duration ttl);

    /**
     * Deletes the live entry under {@code key} if its version is {@code expectedVersion}.
     *
     * @return true when deleted; false when the key is absent, its entry has expired, or its version
     *     differs (nothing is changed)
     */
    boolean delete(String key, long expectedVersion);

    /** Deletes the entry under {@code key}, whatever its version; nothing happens when it is absent. */
    void delete(String key);

    /**
     * Adds {@code delta} (which may be negative or zero) to the counter under {@code key}, atomically.
     * When the key is absent or its entry has expired, the counter is created as {@code delta} and
     * expires after {@code ttl}; otherwise its expiry stays as it was, so a rate limit counts requests
     * in a fixed window that starts with the first one. A counter's value, as {@link #get} returns
     * it, is its decimal text in US-ASCII (such as {@code 42}); a value written with
     * {@link #putIfAbsent} or {@link #replace} in that form can be incremented too.
     *
     * @return the counter's value after the addition
     * @throws IllegalStateException naming the key when its live value is not the decimal text of a
     *     {@code long} (nothing is changed)
     * @throws ArithmeticException when the sum overflows a {@code long} (nothing is changed)
     */
    long increment(String key, long delta, Duration ttl);

    /**
     * An entry as read: its value, its version for {@link #replace} and {@link #delete(String, long)},
     * and when it expires. The value is copied in and out, so an entry never changes.
     *
     * @param value the stored bytes; never null, may be empty
     * @param version the entry's version, an opaque token compared for equality only
     * @param expiresAt when the entry expires; never null
     * @since 0.2
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
    record Entry(byte[] value, long version, Instant expiresAt) {

        /**
         * @throws NullPointerException when {@code value} or {@code expiresAt} is null
         */
        public Entry {
            value = Objects.requireNonNull(value, "value").clone();
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        /** A copy of the stored bytes; never null. */
        @Override
        public byte[] value() {
            return value.clone();
        }

        /** Equal when the values hold the same bytes and version and expiry are equal. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && version == e.version && expiresAt.equals(e.expiresAt)
                    && Arrays.equals(value, e.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(value), version, expiresAt);
        }

        /** The version, expiry and size; not the bytes, which may be secret. */
        @Override
        public String toString() {
            return "Entry[" + value.length + " bytes, version=" + version + ", expiresAt=" + expiresAt + "]";
        }
    }
}
