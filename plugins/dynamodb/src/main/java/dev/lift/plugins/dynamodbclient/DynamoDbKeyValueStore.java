package dev.lift.plugins.dynamodbclient;

import dev.lift.api.Api;
import dev.lift.spi.store.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A {@link KeyValueStore} in one DynamoDB table, shared by every instance of the function (and by
 * every function given the same table): idempotency records and in-flight markers are conditional
 * puts, rate-limit windows are atomic {@code ADD}-style updates, so the guarantees hold across
 * concurrent Lambda environments.
 *
 * <p>The table has a string partition key {@code pk} and nothing else required. Each item holds
 * {@code value} (binary) or {@code counter} (number), {@code version} (a random 63-bit number,
 * new on every write, so a version read before a key was re-created never matches),
 * {@code expires_at_ms} (exact expiry, compared on every operation) and {@code ttl} (epoch seconds,
 * for DynamoDB's own TTL deletion: enable TTL on attribute {@code ttl} to have expired items
 * reclaimed). Reads are strongly consistent.
 *
 * <p>Failures of DynamoDB (unreachable, throttled, missing table) are {@link IllegalStateException}s
 * naming the store, with the SDK exception as cause.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class DynamoDbKeyValueStore implements KeyValueStore {

    /** The partition key attribute. */
    public static final String KEY = "pk";
    /** The TTL attribute (epoch seconds) to enable DynamoDB's expiry on. */
    public static final String TTL = "ttl";

    private static final String VALUE = "value";
    private static final String COUNTER = "counter";
    private static final String VERSION = "version";
    private static final String EXPIRES = "expires_at_ms";

    private static final Map<String, String> NAMES = Map.of("#pk", KEY, "#val", VALUE, "#cnt", COUNTER,
            "#ver", VERSION, "#exp", EXPIRES, "#ttl", TTL);
    private static final String ABSENT_OR_EXPIRED = "attribute_not_exists(#pk) OR #exp <= :now";
    private static final String LIVE_WITH_VERSION = "#ver = :ev AND #exp > :now";
    private static final int ATTEMPTS = 8;

    private final String table;
    private final String name;
    private final Supplier<DynamoDbClient> client;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param table the table's name
     * @param client the client to call, asked on every call (it changes after a snapshot restore)
     * @param clock the time source for expiry; {@link Clock#systemUTC()} outside tests
     */
    public DynamoDbKeyValueStore(String table, Supplier<DynamoDbClient> client, Clock clock) {
        this.table = Objects.requireNonNull(table, "table");
        this.name = "dynamodb:" + table;
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates a table fit for this store (on-demand billing, TTL on {@code ttl}) unless it exists;
     * waits until it is active. For local runs and tests: production tables belong in the template.
     */
    public static void createTable(DynamoDbClient client, String table) {
        try {
            client.createTable(r -> r.tableName(table)
                    .keySchema(KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build())
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(KEY)
                            .attributeType(ScalarAttributeType.S).build())
                    .billingMode(BillingMode.PAY_PER_REQUEST));
        } catch (ResourceInUseException exists) {
            return;
        }
        client.waiter().waitUntilTableExists(r -> r.tableName(table));
        client.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(t -> t.attributeName(TTL).enabled(true)));
    }

    /** The table's name. */
    public String table() {
        return table;
    }

    /** The client this store calls now. */
    DynamoDbClient client() {
        return client.get();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<Entry> get(String key) {
        checkKey(key);
        Map<String, AttributeValue> item = call(() -> client.get().getItem(r -> r.tableName(table).key(key(key))
                .consistentRead(true)).item());
        long now = clock.millis();
        if (item == null || item.isEmpty() || expired(item, now)) {
            return Optional.empty();
        }
        return Optional.of(new Entry(bytes(item), number(item, VERSION), Instant.ofEpochMilli(number(item, EXPIRES))));
    }

    @Override
    public boolean putIfAbsent(String key, byte[] value, Duration ttl) {
        checkKey(key);
        checkValue(value);
        checkTtl(ttl);
        long now = clock.millis();
        Map<String, AttributeValue> item = item(key, now, ttl);
        item.put(VALUE, AttributeValue.fromB(SdkBytes.fromByteArray(value)));
        return conditional(() -> client.get().putItem(r -> r.tableName(table).item(item)
                .conditionExpression(ABSENT_OR_EXPIRED)
                .expressionAttributeNames(names("#pk", "#exp"))
                .expressionAttributeValues(Map.of(":now", n(now)))));
    }

    @Override
    public boolean replace(String key, long expectedVersion, byte[] value, Duration ttl) {
        checkKey(key);
        checkValue(value);
        checkTtl(ttl);
        long now = clock.millis();
        Map<String, AttributeValue> item = item(key, now, ttl);
        item.put(VALUE, AttributeValue.fromB(SdkBytes.fromByteArray(value)));
        return conditional(() -> client.get().putItem(r -> r.tableName(table).item(item)
                .conditionExpression(LIVE_WITH_VERSION)
                .expressionAttributeNames(names("#ver", "#exp"))
                .expressionAttributeValues(Map.of(":now", n(now), ":ev", n(expectedVersion)))));
    }

    @Override
    public boolean delete(String key, long expectedVersion) {
        checkKey(key);
        long now = clock.millis();
        return conditional(() -> client.get().deleteItem(r -> r.tableName(table).key(key(key))
                .conditionExpression(LIVE_WITH_VERSION)
                .expressionAttributeNames(names("#ver", "#exp"))
                .expressionAttributeValues(Map.of(":now", n(now), ":ev", n(expectedVersion)))));
    }

    @Override
    public void delete(String key) {
        checkKey(key);
        call(() -> client.get().deleteItem(r -> r.tableName(table).key(key(key))));
    }

    /**
     * One {@code UpdateItem} adds to a live counter; a missing or expired key is created by a
     * conditional put; a live value that is decimal text is turned into a counter by a
     * compare-and-set on its version. Races between these steps are retried a few times.
     */
    @Override
    public long increment(String key, long delta, Duration ttl) {
        checkKey(key);
        checkTtl(ttl);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long now = clock.millis();
            Map<String, AttributeValue> values = new HashMap<>();
            values.put(":d", n(delta));
            values.put(":now", n(now));
            values.put(":v", n(nextVersion()));
            String guard = "";
            if (delta > 0) {
                guard = " AND #cnt <= :bound";
                values.put(":bound", n(Long.MAX_VALUE - delta));
            } else if (delta < 0) {
                guard = " AND #cnt >= :bound";
                values.put(":bound", n(Long.MIN_VALUE - delta));
            }
            String condition = "attribute_exists(#cnt) AND #exp > :now" + guard;
            Map<String, AttributeValue> old;
            try {
                Map<String, AttributeValue> updated = call(() -> client.get().updateItem(r -> r.tableName(table)
                        .key(key(key))
                        .updateExpression("SET #cnt = #cnt + :d, #ver = :v")
                        .conditionExpression(condition)
                        .expressionAttributeNames(names("#cnt", "#ver", "#exp"))
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.UPDATED_NEW)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                        .attributes());
                return number(updated, COUNTER);
            } catch (ConditionalCheckFailedException failed) {
                old = failed.hasItem() ? failed.item() : Map.of();
            }
            if (old.isEmpty() || expired(old, now)) {
                Map<String, AttributeValue> item = item(key, now, ttl);
                item.put(COUNTER, n(delta));
                if (conditional(() -> client.get().putItem(r -> r.tableName(table).item(item)
                        .conditionExpression(ABSENT_OR_EXPIRED)
                        .expressionAttributeNames(names("#pk", "#exp"))
                        .expressionAttributeValues(Map.of(":now", n(now)))))) {
                    return delta;
                }
            } else if (old.containsKey(COUNTER)) {
                Math.addExact(number(old, COUNTER), delta); // throws when the guard failed for overflow; else a race
            } else {
                long current = decimal(key, bytes(old));
                long next = Math.addExact(current, delta);
                long oldVersion = number(old, VERSION);
                if (conditional(() -> client.get().updateItem(r -> r.tableName(table).key(key(key))
                        .updateExpression("SET #cnt = :next, #ver = :v REMOVE #val")
                        .conditionExpression(LIVE_WITH_VERSION)
                        .expressionAttributeNames(names("#cnt", "#ver", "#val", "#exp"))
                        .expressionAttributeValues(Map.of(":next", n(next), ":v", n(nextVersion()), ":now", n(now),
                                ":ev", n(oldVersion)))))) {
                    return next;
                }
            }
        }
        throw new IllegalStateException("Key-value store '" + name + "': the counter under key '" + key + "' changed "
                + ATTEMPTS + " times while it was being incremented; try again");
    }

    // ---- items ----

    private Map<String, AttributeValue> item(String key, long now, Duration ttl) {
        long expires = now + ttl.toMillis();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, AttributeValue.fromS(key));
        item.put(VERSION, n(nextVersion()));
        item.put(EXPIRES, n(expires));
        item.put(TTL, n(Math.floorDiv(expires + 999, 1000)));
        return item;
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of(KEY, AttributeValue.fromS(key));
    }

    private static Map<String, String> names(String... used) {
        Map<String, String> m = new HashMap<>();
        for (String u : used) {
            m.put(u, NAMES.get(u));
        }
        return m;
    }

    private long nextVersion() {
        return random.nextLong() & Long.MAX_VALUE;
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    private static boolean expired(Map<String, AttributeValue> item, long now) {
        AttributeValue exp = item.get(EXPIRES);
        return exp == null || exp.n() == null || Long.parseLong(exp.n()) <= now;
    }

    private static long number(Map<String, AttributeValue> item, String attribute) {
        AttributeValue v = item.get(attribute);
        if (v == null || v.n() == null) {
            throw new IllegalStateException("An item of the key-value store has no number in attribute '" + attribute
                    + "': the table is used by something else, or was written by hand");
        }
        return Long.parseLong(v.n());
    }

    private static byte[] bytes(Map<String, AttributeValue> item) {
        AttributeValue counter = item.get(COUNTER);
        if (counter != null && counter.n() != null) {
            return counter.n().getBytes(StandardCharsets.US_ASCII);
        }
        AttributeValue value = item.get(VALUE);
        return value == null || value.b() == null ? new byte[0] : value.b().asByteArray();
    }

    private long decimal(String key, byte[] value) {
        try {
            return Long.parseLong(new String(value, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Cannot increment key '" + key + "' in key-value store '" + name
                    + "': its value (" + value.length + " bytes) is not the decimal text of a whole number");
        }
    }

    // ---- calls ----

    /** Runs a conditional write: true when it was made, false when its condition failed. */
    private boolean conditional(Runnable write) {
        try {
            call(() -> {
                write.run();
                return null;
            });
            return true;
        } catch (ConditionalCheckFailedException failed) {
            return false;
        }
    }

    private <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw new IllegalStateException("Key-value store '" + name + "' failed: " + Failures.describe(e), e);
        }
    }

    // ---- arguments, as KeyValueStore specifies them ----

    private static void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("A key must not be null or empty");
        }
        if (key.length() * 3L > MAX_KEY_BYTES) {
            int bytes = key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_KEY_BYTES) {
                throw new IllegalArgumentException("A key must be at most " + MAX_KEY_BYTES + " bytes in UTF-8; this one has "
                        + bytes);
            }
        }
    }

    private static void checkValue(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("A value must not be null (it may be empty)");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("A value must be at most " + MAX_VALUE_BYTES + " bytes; this one has "
                    + value.length);
        }
    }

    private static void checkTtl(Duration ttl) {
        if (ttl == null || ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("A ttl must be greater than zero and at most " + MAX_TTL.toDays()
                    + " days; got " + ttl);
        }
    }

    @Override
    public String toString() {
        return "DynamoDbKeyValueStore[" + table + "]";
    }
}
