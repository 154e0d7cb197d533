package dev.lift.plugins.memorystore;

import dev.lift.api.SpiVersion;
import dev.lift.api.Api;
import dev.lift.api.PluginContext;
import dev.lift.api.Settings;
import dev.lift.spi.HealthResult;
import dev.lift.spi.ResourceProvider;
import dev.lift.spi.store.KeyValueStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens a {@link KeyValueStore} named {@code memory} in the function's own memory
 * ({@link MemoryKeyValueStore}). Its entries belong to one execution environment: they are lost on a
 * cold start and not shared with other instances of the function, so it serves tests, local runs
 * and per-instance limits. Plugins and handlers find it with
 * {@code context.resources().require(KeyValueStore.class)}.
 *
 * <p>Settings (namespace {@code store-memory}):
 * <pre>
 * lift.store-memory.max-entries=100000   # entries held at once, 1 to 2147483647; default 100000
 * lift.store-memory.enabled=false        # leave this store out, e.g. when a shared store (DynamoDB) is installed
 * </pre>
 * When a new key would exceed {@code max-entries}, expired entries are reclaimed; if none is, the
 * write fails with an {@link IllegalStateException} naming the store and this setting.
 *
 * <p>The health check is UP and reports {@code entries} (held now, expired ones not yet reclaimed
 * included) and {@code max-entries}.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class MemoryStoreProvider implements ResourceProvider<KeyValueStore> {

    /** The plugin id, which is also the settings namespace. */
    public static final String ID = "store-memory";

    /** The store's name, as {@link KeyValueStore#name()} gives it. */
    public static final String STORE_NAME = "memory";

    /** Entries held at once when {@code max-entries} is not set. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    static final String MAX_ENTRIES_SETTING = "lift." + ID + ".max-entries (env " + Settings.envName(ID, "max-entries") + ")";

    /** For {@link java.util.ServiceLoader}. */
    public MemoryStoreProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** Takes part unless {@code enabled} is {@code false}. */
    @Override
    public boolean init(PluginContext context) {
        return context.settings().getBoolean("enabled", true);
    }

    @Override
    public Class<KeyValueStore> type() {
        return KeyValueStore.class;
    }

    /**
     * Reads {@code max-entries} and opens an empty store.
     *
     * @throws dev.lift.api.SettingException naming the setting when {@code max-entries} is not a whole
     *     number from 1 to 2147483647
     */
    @Override
    public KeyValueStore open(PluginContext context) {
        int maxEntries = context.settings().getInt("max-entries", DEFAULT_MAX_ENTRIES, 1, Integer.MAX_VALUE);
        context.logger().log(System.Logger.Level.DEBUG, () -> "Key-value store '" + STORE_NAME + "' holds at most "
                + maxEntries + " entries");
        return new MemoryKeyValueStore(STORE_NAME, maxEntries, Clock.systemUTC());
    }

    /** UP, with the number of entries held and the bound. */
    @Override
    public HealthResult check(KeyValueStore resource) {
        if (!(resource instanceof MemoryKeyValueStore)) {
            return HealthResult.up();
        }
        MemoryKeyValueStore store = (MemoryKeyValueStore) resource;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("entries", store.size());
        details.put("max-entries", store.maxEntries());
        return new HealthResult(HealthResult.Status.UP, details);
    }
}
