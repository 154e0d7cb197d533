package dev.lift.plugins.dynamodbclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.spi.store.KeyValueStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The KeyValueStore contract, against DynamoDB Local, on a clock the test moves. */
class DynamoDbKeyValueStoreTest {

    static final class MovableClock extends Clock {
        // Starts at the real time: DynamoDB Local's TTL sweeper deletes items whose ttl attribute is in
        // the real past, so a clock behind it would see entries vanish (as in real DynamoDB, only later).
        volatile Instant now = Instant.ofEpochSecond(System.currentTimeMillis() / 1000);

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private static final byte[] A = "a".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = "b".getBytes(StandardCharsets.UTF_8);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static DynamoDbLocal local;
    private static String table;
    private final MovableClock clock = new MovableClock();
    private DynamoDbKeyValueStore store;

    @BeforeAll
    static void table() {
        local = DynamoDbLocal.shared();
        table = DynamoDbLocal.uniqueTable("kv");
        DynamoDbKeyValueStore.createTable(local.client(), table);
    }

    private DynamoDbKeyValueStore store() {
        if (store == null) {
            store = new DynamoDbKeyValueStore(table, local::client, clock);
        }
        return store;
    }

    private static String key(String name) {
        return name + "-" + System.nanoTime();
    }

    @Test
    void putIfAbsentStoresOnceAndGetReadsItBack() {
        String k = key("put");
        assertTrue(store().putIfAbsent(k, A, MINUTE));
        assertFalse(store().putIfAbsent(k, B, MINUTE));
        KeyValueStore.Entry e = store().get(k).orElseThrow();
        assertArrayEquals(A, e.value());
        assertEquals(clock.now.plus(MINUTE), e.expiresAt());
        assertEquals("dynamodb:" + table, store().name());
    }

    @Test
    void anExpiredEntryIsAbsentToEveryOperation() {
        String k = key("exp");
        assertTrue(store().putIfAbsent(k, A, MINUTE));
        long version = store().get(k).orElseThrow().version();
        clock.now = clock.now.plus(MINUTE); // expiry is not after now: expired
        assertTrue(store().get(k).isEmpty());
        assertFalse(store().replace(k, version, B, MINUTE));
        assertFalse(store().delete(k, version));
        assertTrue(store().putIfAbsent(k, B, MINUTE));
        assertArrayEquals(B, store().get(k).orElseThrow().value());
        assertNotEquals(version, store().get(k).orElseThrow().version());
    }

    @Test
    void replaceAndConditionalDeleteNeedTheCurrentVersion() {
        String k = key("cas");
        store().putIfAbsent(k, A, MINUTE);
        long v1 = store().get(k).orElseThrow().version();
        assertFalse(store().replace(k, v1 + 1, B, MINUTE));
        assertTrue(store().replace(k, v1, B, Duration.ofHours(1)));
        KeyValueStore.Entry e = store().get(k).orElseThrow();
        assertArrayEquals(B, e.value());
        assertEquals(clock.now.plus(Duration.ofHours(1)), e.expiresAt());
        assertFalse(store().replace(k, v1, A, MINUTE), "the old version no longer matches");
        assertFalse(store().delete(k, v1));
        assertTrue(store().delete(k, e.version()));
        assertTrue(store().get(k).isEmpty());
        store().delete(k); // absent: nothing happens
    }

    @Test
    void theTtlAttributeIsSetInEpochSecondsForDynamoDbsOwnExpiry() {
        String k = key("ttl");
        store().putIfAbsent(k, A, Duration.ofMillis(1500));
        Map<String, AttributeValue> item = local.client().getItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS(k)))).item();
        assertEquals(Long.toString(clock.now.getEpochSecond() + 2), item.get("ttl").n());
    }

    @Test
    void incrementCreatesCountsAndKeepsTheWindowsExpiry() {
        String k = key("cnt");
        assertEquals(1, store().increment(k, 1, MINUTE));
        clock.now = clock.now.plusSeconds(30);
        assertEquals(6, store().increment(k, 5, MINUTE));
        assertEquals(4, store().increment(k, -2, MINUTE));
        KeyValueStore.Entry e = store().get(k).orElseThrow();
        assertArrayEquals("4".getBytes(StandardCharsets.US_ASCII), e.value());
        assertEquals(clock.now.minusSeconds(30).plus(MINUTE), e.expiresAt(), "the expiry of the first increment");
        clock.now = clock.now.plusSeconds(30);
        assertEquals(1, store().increment(k, 1, MINUTE), "an expired counter starts again");
    }

    @Test
    void aDecimalValueCanBeIncrementedAndAnyOtherIsRefusedUnchanged() {
        String k = key("dec");
        store().putIfAbsent(k, "41".getBytes(StandardCharsets.US_ASCII), MINUTE);
        assertEquals(42, store().increment(k, 1, MINUTE));
        String text = key("txt");
        store().putIfAbsent(text, A, MINUTE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store().increment(text, 1, MINUTE));
        assertTrue(e.getMessage().contains(text), e.getMessage());
        assertArrayEquals(A, store().get(text).orElseThrow().value());
    }

    @Test
    void anOverflowIsRefusedAndNothingChanges() {
        String k = key("max");
        store().putIfAbsent(k, Long.toString(Long.MAX_VALUE - 1).getBytes(StandardCharsets.US_ASCII), MINUTE);
        assertEquals(Long.MAX_VALUE, store().increment(k, 1, MINUTE));
        assertThrows(ArithmeticException.class, () -> store().increment(k, 1, MINUTE));
        assertArrayEquals(Long.toString(Long.MAX_VALUE).getBytes(StandardCharsets.US_ASCII),
                store().get(k).orElseThrow().value());
    }

    @Test
    void badArgumentsAreRefusedBeforeDynamoDbIsAsked() {
        assertThrows(IllegalArgumentException.class, () -> store().get(""));
        assertThrows(IllegalArgumentException.class, () -> store().get("k".repeat(1025)));
        assertThrows(IllegalArgumentException.class, () -> store().putIfAbsent("k", new byte[256 * 1024 + 1], MINUTE));
        assertThrows(IllegalArgumentException.class, () -> store().putIfAbsent("k", A, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> store().increment("k", 1, Duration.ofDays(366)));
    }

    @Test
    void ofConcurrentPutsOneWinsAndConcurrentIncrementsAllCount() throws Exception {
        String k = key("race");
        String c = key("sum");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> puts = new ArrayList<>();
            List<Future<Long>> increments = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                puts.add(pool.submit(() -> {
                    start.await();
                    return store().putIfAbsent(k, A, MINUTE);
                }));
                increments.add(pool.submit(() -> {
                    start.await();
                    long last = 0;
                    for (int j = 0; j < 5; j++) {
                        last = store().increment(c, 1, MINUTE);
                    }
                    return last;
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> f : puts) {
                won += f.get(2, TimeUnit.MINUTES) ? 1 : 0;
            }
            for (Future<Long> f : increments) {
                f.get(2, TimeUnit.MINUTES);
            }
            assertEquals(1, won);
            assertArrayEquals(Long.toString(threads * 5L).getBytes(StandardCharsets.US_ASCII),
                    store().get(c).orElseThrow().value());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anUnreachableDynamoDbIsAnIllegalStateExceptionNamingTheStore() {
        DynamoDbKeyValueStore missing = new DynamoDbKeyValueStore("no-such-table", local::client, clock);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> missing.get("k"));
        assertTrue(e.getMessage().startsWith("Key-value store 'dynamodb:no-such-table' failed: ResourceNotFoundException"),
                e.getMessage());
    }
}
