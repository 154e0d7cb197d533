package dev.lift.plugins.memorystore;

import dev.lift.plugins.testsupport.TestPluginContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.PluginContext;
import dev.lift.api.SettingException;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftBootException;
import dev.lift.kernel.LiftKernel;
import dev.lift.spi.HealthResult;
import dev.lift.spi.ResourceProvider;
import dev.lift.spi.store.KeyValueStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The provider: found by ServiceLoader, bounded by {@code max-entries}, healthy with its size. */
class MemoryStoreProviderTest {

    /** A context whose settings come from a map of keys without the {@code lift.store-memory.} prefix. */
    private static PluginContext context(Map<String, String> values) {
        return new TestPluginContext(MemoryStoreProvider.ID, values);
    }

    @Test
    void isFoundByServiceLoaderAsAResourceProviderOfKeyValueStore() {
        @SuppressWarnings("rawtypes")
        List<ResourceProvider> found = ServiceLoader.load(ResourceProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        assertTrue(found.stream().anyMatch(p -> p instanceof MemoryStoreProvider), found.toString());
        MemoryStoreProvider p = new MemoryStoreProvider();
        assertEquals("store-memory", p.id());
        assertEquals(KeyValueStore.class, p.type());
    }

    @Test
    void opensAStoreNamedMemoryBoundedByDefaultToAHundredThousandEntries() {
        KeyValueStore store = new MemoryStoreProvider().open(context(Map.of()));
        MemoryKeyValueStore memory = assertInstanceOf(MemoryKeyValueStore.class, store);
        assertEquals("memory", store.name());
        assertEquals(100_000, memory.maxEntries());
        assertEquals(2, assertInstanceOf(MemoryKeyValueStore.class,
                new MemoryStoreProvider().open(context(Map.of("max-entries", " 2 ")))).maxEntries());
    }

    @Test
    void aBadMaxEntriesFailsNamingTheSettingTheValueAndWhatIsAllowed() {
        for (String bad : new String[] {"0", "-5", "lots", "2147483648"}) {
            SettingException e = assertThrows(SettingException.class,
                    () -> new MemoryStoreProvider().open(context(Map.of("max-entries", bad))));
            assertEquals("Invalid setting lift.store-memory.max-entries (env LIFT_STORE_MEMORY_MAX_ENTRIES): '" + bad
                    + "' is not allowed; expected a whole number from 1 to 2147483647", e.getMessage());
        }
    }

    @Test
    void aBadMaxEntriesFailsTheKernelsBootWithThatMessage() {
        LiftBootException e = assertThrows(LiftBootException.class, () -> Lift.builder().discover(false)
                .plugin(new MemoryStoreProvider()).setting("lift.store-memory.max-entries", "none").build());
        assertTrue(e.getMessage().contains("Invalid setting lift.store-memory.max-entries (env LIFT_STORE_MEMORY_MAX_ENTRIES): "
                + "'none' is not allowed; expected a whole number from 1 to 2147483647"), e.getMessage());
    }

    @Test
    void healthIsUpAndReportsTheEntriesHeldAndTheBound() {
        MemoryStoreProvider provider = new MemoryStoreProvider();
        KeyValueStore store = provider.open(context(Map.of("max-entries", "50")));
        store.putIfAbsent("a", new byte[] {1}, Duration.ofMinutes(1));
        store.increment("b", 1, Duration.ofMinutes(1));
        assertEquals(new HealthResult(HealthResult.Status.UP, Map.of("entries", 2, "max-entries", 50)), provider.check(store));
    }

    @Test
    void aKernelOpensTheStoreAndReportsItsHealth() {
        try (LiftKernel kernel = Lift.builder().discover(false).plugin(new MemoryStoreProvider())
                .setting("lift.store-memory.max-entries", "10").build()) {
            assertEquals(new HealthResult(HealthResult.Status.UP, Map.of("entries", 0, "max-entries", 10)),
                    kernel.health().get("resource:store-memory"));
        }
    }
}
