package dev.lift.plugins.memorystore;

import dev.lift.plugins.testsupport.FakeClock;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.spi.store.KeyValueStore;
import dev.lift.spi.store.KeyValueStore.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What each operation does, with a clock that moves only when the test moves it. */
class MemoryKeyValueStoreTest {

    private static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final FakeClock clock = new FakeClock(T0);
    private final MemoryKeyValueStore store = new MemoryKeyValueStore("memory", 1000, clock);

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    private Entry entry(String key) {
        return store.get(key).orElseThrow(() -> new AssertionError("no live entry under " + key));
    }

    private static String text(Entry e) {
        return new String(e.value(), UTF_8);
    }

    @Test
    void anAbsentKeyHasNoEntry() {
        assertEquals(Optional.empty(), store.get("missing"));
        assertEquals("memory", store.name());
    }

    @Test
    void putIfAbsentStoresOnceAndLeavesALiveEntryAlone() {
        assertTrue(store.putIfAbsent("k", bytes("first"), MINUTE));
        Entry first = entry("k");
        assertEquals("first", text(first));
        assertEquals(T0.plus(MINUTE), first.expiresAt());

        clock.advance(Duration.ofSeconds(30));
        assertFalse(store.putIfAbsent("k", bytes("second"), Duration.ofHours(1)));
        assertEquals(first, entry("k"), "value, version and expiry are unchanged");
    }

    @Test
    void anEntryExpiresExactlyAtItsExpiryTime() {
        store.putIfAbsent("k", bytes("v"), MINUTE);
        clock.advance(MINUTE.minusMillis(1));
        assertEquals("v", text(entry("k")));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Optional.empty(), store.get("k"));
    }

    @Test
    void anExpiredEntryCountsAsAbsentForPutIfAbsentAndTheNewOneHasANewVersion() {
        store.putIfAbsent("k", bytes("old"), MINUTE);
        long oldVersion = entry("k").version();
        clock.advance(MINUTE);
        assertTrue(store.putIfAbsent("k", bytes("new"), Duration.ofSeconds(10)));
        Entry now = entry("k");
        assertEquals("new", text(now));
        assertEquals(T0.plus(MINUTE).plusSeconds(10), now.expiresAt());
        assertNotEquals(oldVersion, now.version());
    }

    @Test
    void replaceSucceedsOnlyWithTheCurrentVersionAndRenewsValueVersionAndExpiry() {
        store.putIfAbsent("k", bytes("v1"), MINUTE);
        Entry v1 = entry("k");
        clock.advance(Duration.ofSeconds(20));

        assertFalse(store.replace("k", v1.version() + 1, bytes("wrong"), MINUTE));
        assertEquals(v1, entry("k"));

        assertTrue(store.replace("k", v1.version(), bytes("v2"), Duration.ofMinutes(5)));
        Entry v2 = entry("k");
        assertEquals("v2", text(v2));
        assertNotEquals(v1.version(), v2.version());
        assertEquals(T0.plusSeconds(20).plus(Duration.ofMinutes(5)), v2.expiresAt());

        assertFalse(store.replace("k", v1.version(), bytes("stale"), MINUTE), "a version is good for one write");
        assertEquals(v2, entry("k"));
    }

    @Test
    void replaceFailsOnAnAbsentOrExpiredKeyAndCreatesNothing() {
        assertFalse(store.replace("absent", 1, bytes("v"), MINUTE));
        assertEquals(Optional.empty(), store.get("absent"));

        store.putIfAbsent("k", bytes("v"), MINUTE);
        long version = entry("k").version();
        clock.advance(MINUTE);
        assertFalse(store.replace("k", version, bytes("late"), MINUTE));
        assertEquals(Optional.empty(), store.get("k"));
        assertEquals(0, store.size(), "the expired entry it met is reclaimed");
    }

    @Test
    void aVersionReadBeforeTheKeyWasRecreatedNeverMatchesTheNewEntry() {
        store.putIfAbsent("k", bytes("mine"), MINUTE);
        long mine = entry("k").version();
        clock.advance(MINUTE);
        assertTrue(store.putIfAbsent("k", bytes("theirs"), MINUTE));
        assertFalse(store.replace("k", mine, bytes("mine again"), MINUTE));
        assertFalse(store.delete("k", mine));
        assertEquals("theirs", text(entry("k")));

        store.delete("k");
        assertTrue(store.putIfAbsent("k", bytes("third"), MINUTE));
        assertFalse(store.replace("k", mine, bytes("x"), MINUTE));
    }

    @Test
    void conditionalDeleteRemovesOnlyTheEntryWithThatVersion() {
        store.putIfAbsent("k", bytes("v"), MINUTE);
        long version = entry("k").version();
        assertFalse(store.delete("k", version + 1));
        assertEquals("v", text(entry("k")));
        assertTrue(store.delete("k", version));
        assertEquals(Optional.empty(), store.get("k"));
        assertFalse(store.delete("k", version), "already gone");
        assertEquals(0, store.size());
    }

    @Test
    void conditionalDeleteOfAnExpiredEntryFailsButReclaimsIt() {
        store.putIfAbsent("k", bytes("v"), MINUTE);
        long version = entry("k").version();
        clock.advance(MINUTE);
        assertFalse(store.delete("k", version));
        assertEquals(0, store.size());
    }

    @Test
    void unconditionalDeleteRemovesWhateverIsThereAndIgnoresAnAbsentKey() {
        store.putIfAbsent("k", bytes("v"), MINUTE);
        store.delete("k");
        assertEquals(Optional.empty(), store.get("k"));
        store.delete("k");
        store.delete("never-there");
        assertEquals(0, store.size());
        assertTrue(store.putIfAbsent("k", bytes("again"), MINUTE), "a deleted key is absent");
    }

    @Test
    void incrementCreatesACounterAndKeepsItsFirstExpiryForAFixedWindow() {
        assertEquals(1, store.increment("rate:alice", 1, MINUTE));
        clock.advance(Duration.ofSeconds(40));
        assertEquals(3, store.increment("rate:alice", 2, Duration.ofHours(1)));
        Entry counter = entry("rate:alice");
        assertArrayEquals("3".getBytes(US_ASCII), counter.value());
        assertEquals(T0.plus(MINUTE), counter.expiresAt(), "a later ttl does not move the window");

        clock.advance(Duration.ofSeconds(20));
        assertEquals(Optional.empty(), store.get("rate:alice"));
        assertEquals(5, store.increment("rate:alice", 5, MINUTE), "a new window starts from delta");
        assertEquals(T0.plus(MINUTE).plus(MINUTE), entry("rate:alice").expiresAt());
    }

    @Test
    void incrementTakesNegativeAndZeroDeltasAndChangesTheVersion() {
        store.increment("c", 10, MINUTE);
        long before = entry("c").version();
        assertEquals(7, store.increment("c", -3, MINUTE));
        assertEquals(7, store.increment("c", 0, MINUTE));
        assertNotEquals(before, entry("c").version());
        assertEquals(0, store.increment("fresh", 0, MINUTE));
        assertArrayEquals("0".getBytes(US_ASCII), entry("fresh").value());
        assertEquals(-4, store.increment("negative", -4, MINUTE));
        assertArrayEquals("-4".getBytes(US_ASCII), entry("negative").value());
    }

    @Test
    void aValueWrittenAsDecimalTextCanBeIncrementedAndACounterReplaced() {
        store.putIfAbsent("c", "41".getBytes(US_ASCII), MINUTE);
        assertEquals(42, store.increment("c", 1, MINUTE));
        Entry counter = entry("c");
        assertTrue(store.replace("c", counter.version(), "100".getBytes(US_ASCII), MINUTE));
        assertEquals(101, store.increment("c", 1, MINUTE));
    }

    @Test
    void incrementingAValueThatIsNotACounterFailsNamingTheKeyAndChangesNothing() {
        store.putIfAbsent("doc", bytes("{\"status\":\"done\"}"), MINUTE);
        Entry before = entry("doc");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.increment("doc", 1, MINUTE));
        assertEquals("Cannot increment key 'doc' in key-value store 'memory': its value (17 bytes) is not the decimal "
                + "text of a whole number", e.getMessage());
        assertEquals(before, entry("doc"));
    }

    @Test
    void anOverflowingIncrementFailsAndChangesNothing() {
        store.increment("c", Long.MAX_VALUE, MINUTE);
        Entry before = entry("c");
        assertThrows(ArithmeticException.class, () -> store.increment("c", 1, MINUTE));
        assertEquals(before, entry("c"));
    }

    @Test
    void valuesAreCopiedOnTheWayInAndOut() {
        byte[] value = bytes("abc");
        store.putIfAbsent("k", value, MINUTE);
        value[0] = 'X';
        assertEquals("abc", text(entry("k")));
        entry("k").value()[0] = 'Y';
        assertEquals("abc", text(entry("k")));

        byte[] replacement = bytes("def");
        store.replace("k", entry("k").version(), replacement, MINUTE);
        replacement[0] = 'Z';
        assertEquals("def", text(entry("k")));
    }

    @Test
    void anEmptyValueIsAValue() {
        assertTrue(store.putIfAbsent("k", new byte[0], MINUTE));
        assertArrayEquals(new byte[0], entry("k").value());
    }

    @Test
    void versionsIncreaseWithEveryWrite() {
        store.putIfAbsent("a", bytes("1"), MINUTE);
        long a1 = entry("a").version();
        store.putIfAbsent("b", bytes("1"), MINUTE);
        long b1 = entry("b").version();
        store.replace("a", a1, bytes("2"), MINUTE);
        long a2 = entry("a").version();
        store.increment("a", 1, MINUTE);
        long a3 = entry("a").version();
        assertTrue(0 < a1 && a1 < b1 && b1 < a2 && a2 < a3, a1 + ", " + b1 + ", " + a2 + ", " + a3);
    }

    private static void refused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void keysAreCheckedByEveryOperation() {
        String noKey = "A key must not be null or empty";
        for (String key : new String[] {null, ""}) {
            refused(noKey, () -> store.get(key));
            refused(noKey, () -> store.putIfAbsent(key, bytes("v"), MINUTE));
            refused(noKey, () -> store.replace(key, 1, bytes("v"), MINUTE));
            refused(noKey, () -> store.delete(key, 1));
            refused(noKey, () -> store.delete(key));
            refused(noKey, () -> store.increment(key, 1, MINUTE));
        }
        String longest = "k".repeat(KeyValueStore.MAX_KEY_BYTES);
        assertTrue(store.putIfAbsent(longest, bytes("v"), MINUTE));
        refused("A key must be at most 1024 bytes in UTF-8; this one has 1025",
                () -> store.get("k".repeat(KeyValueStore.MAX_KEY_BYTES + 1)));
        // 513 characters, but 1026 bytes: the limit counts bytes.
        refused("A key must be at most 1024 bytes in UTF-8; this one has 1026", () -> store.putIfAbsent("é".repeat(513),
                bytes("v"), MINUTE));
        assertEquals(1, store.size());
    }

    @Test
    void valuesAndTtlsAreChecked() {
        refused("A value must not be null (it may be empty)", () -> store.putIfAbsent("k", null, MINUTE));
        refused("A value must not be null (it may be empty)", () -> store.replace("k", 1, null, MINUTE));
        refused("A value must be at most 262144 bytes; this one has 262145",
                () -> store.putIfAbsent("k", new byte[KeyValueStore.MAX_VALUE_BYTES + 1], MINUTE));
        assertTrue(store.putIfAbsent("big", new byte[KeyValueStore.MAX_VALUE_BYTES], MINUTE));

        refused("A ttl must be greater than zero and at most 365 days; got null", () -> store.putIfAbsent("k", bytes("v"), null));
        refused("A ttl must be greater than zero and at most 365 days; got PT0S",
                () -> store.putIfAbsent("k", bytes("v"), Duration.ZERO));
        refused("A ttl must be greater than zero and at most 365 days; got PT-1S",
                () -> store.replace("k", 1, bytes("v"), Duration.ofSeconds(-1)));
        refused("A ttl must be greater than zero and at most 365 days; got PT8784H",
                () -> store.increment("k", 1, Duration.ofDays(366)));
        assertTrue(store.putIfAbsent("year", bytes("v"), KeyValueStore.MAX_TTL));
        assertEquals(Optional.empty(), store.get("k"), "a refused call writes nothing");
    }

    @Test
    void aFullStoreReclaimsExpiredEntriesForANewKey() {
        MemoryKeyValueStore small = new MemoryKeyValueStore("memory", 3, clock);
        small.putIfAbsent("short-1", bytes("v"), Duration.ofSeconds(10));
        small.putIfAbsent("short-2", bytes("v"), Duration.ofSeconds(10));
        small.putIfAbsent("long", bytes("v"), Duration.ofHours(1));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(3, small.size(), "nothing has read the expired entries yet");

        assertTrue(small.putIfAbsent("new-1", bytes("v"), MINUTE));
        assertEquals(2, small.size(), "both expired entries went, the new one came");
        assertEquals(3, small.increment("new-2", 3, MINUTE));
        assertEquals(3, small.size());
    }

    @Test
    void aStoreFullOfLiveEntriesRefusesNewKeysNamingItselfButKeepsServingExistingOnes() {
        MemoryKeyValueStore small = new MemoryKeyValueStore("memory", 2, clock);
        small.putIfAbsent("a", bytes("v"), MINUTE);
        small.increment("b", 1, MINUTE);

        String full = "Key-value store 'memory' is full: its 2 entries have not expired, so no new key can be added; "
                + "raise lift.store-memory.max-entries (env LIFT_STORE_MEMORY_MAX_ENTRIES) or store entries with shorter ttls";
        assertEquals(full, assertThrows(IllegalStateException.class,
                () -> small.putIfAbsent("c", bytes("v"), MINUTE)).getMessage());
        assertEquals(full, assertThrows(IllegalStateException.class, () -> small.increment("c", 1, MINUTE)).getMessage());
        assertEquals(Optional.empty(), small.get("c"));
        assertEquals(2, small.size());

        assertFalse(small.putIfAbsent("a", bytes("other"), MINUTE), "an existing key needs no room");
        assertEquals(2, small.increment("b", 1, MINUTE));
        assertTrue(small.replace("a", small.get("a").orElseThrow().version(), bytes("w"), MINUTE));

        small.delete("a");
        assertTrue(small.putIfAbsent("c", bytes("v"), MINUTE), "a delete makes room");
    }

    @Test
    void anExpiredEntryIsRewrittenInPlaceWithoutNeedingRoom() {
        MemoryKeyValueStore one = new MemoryKeyValueStore("memory", 1, clock);
        one.putIfAbsent("k", bytes("v"), MINUTE);
        clock.advance(MINUTE);
        assertTrue(one.putIfAbsent("k", bytes("w"), MINUTE));
        clock.advance(MINUTE);
        assertEquals(1, one.increment("k", 1, MINUTE));
        assertEquals(1, one.size());
    }

    @Test
    void aStoreNeedsANameAPositiveBoundAndAClock() {
        assertEquals("maxEntries must be at least 1: 0",
                assertThrows(IllegalArgumentException.class, () -> new MemoryKeyValueStore("memory", 0, clock)).getMessage());
        assertThrows(NullPointerException.class, () -> new MemoryKeyValueStore(null, 1, clock));
        assertThrows(NullPointerException.class, () -> new MemoryKeyValueStore("memory", 1, null));
    }
}
