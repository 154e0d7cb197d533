package dev.lift.spi.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An entry never changes: its bytes are copied in and out, and it compares by content. */
class KeyValueStoreEntryTest {

    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void theValueIsCopiedInAndOut() {
        byte[] bytes = "done".getBytes(StandardCharsets.UTF_8);
        KeyValueStore.Entry entry = new KeyValueStore.Entry(bytes, 7, AT);
        bytes[0] = 'X';
        assertArrayEquals("done".getBytes(StandardCharsets.UTF_8), entry.value());
        entry.value()[0] = 'Y';
        assertArrayEquals("done".getBytes(StandardCharsets.UTF_8), entry.value());
    }

    @Test
    void entriesCompareByBytesVersionAndExpiryAndNeverPrintTheBytes() {
        KeyValueStore.Entry a = new KeyValueStore.Entry(new byte[] {1, 2}, 7, AT);
        assertEquals(a, new KeyValueStore.Entry(new byte[] {1, 2}, 7, AT));
        assertEquals(a.hashCode(), new KeyValueStore.Entry(new byte[] {1, 2}, 7, AT).hashCode());
        assertNotEquals(a, new KeyValueStore.Entry(new byte[] {1, 3}, 7, AT));
        assertNotEquals(a, new KeyValueStore.Entry(new byte[] {1, 2}, 8, AT));
        assertNotEquals(a, new KeyValueStore.Entry(new byte[] {1, 2}, 7, AT.plusMillis(1)));
        assertEquals("Entry[2 bytes, version=7, expiresAt=2025-01-01T00:00:00Z]", a.toString());
    }

    @Test
    void nullPartsAreRefused() {
        assertThrows(NullPointerException.class, () -> new KeyValueStore.Entry(null, 1, AT));
        assertThrows(NullPointerException.class, () -> new KeyValueStore.Entry(new byte[0], 1, null));
    }
}
