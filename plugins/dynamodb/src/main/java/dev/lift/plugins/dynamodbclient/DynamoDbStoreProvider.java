package dev.lift.plugins.dynamodbclient;

import dev.lift.api.Api;
import dev.lift.api.PluginContext;
import dev.lift.api.Settings;
import dev.lift.api.SpiVersion;
import dev.lift.spi.HealthResult;
import dev.lift.spi.ResourceProvider;
import dev.lift.spi.store.KeyValueStore;
import java.time.Clock;
import java.util.regex.Pattern;

/**
 * Opens the shared {@link KeyValueStore} on a DynamoDB table ({@link DynamoDbKeyValueStore}), for
 * the idempotency and rate-limit plugins, when {@code lift.dynamodb.store-table} names one; declines
 * otherwise. It uses the clients of the {@code dynamodb} plugin, which must be installed too (it is
 * in the same jar).
 *
 * <pre>
 * lift.dynamodb.store-table=lift-store   # env LIFT_DYNAMODB_STORE_TABLE; 3 to 255 of a-z A-Z 0-9 _ - .
 * lift.dynamodb.create-tables=true       # create it (TTL on) when missing: local runs only
 * </pre>
 *
 * <p>Health: UP when {@code DescribeTable} says the table is ACTIVE, DEGRADED while it is being
 * created or updated, DOWN when DynamoDB does not answer or the table is missing.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class DynamoDbStoreProvider implements ResourceProvider<KeyValueStore> {

    /** The plugin id; its settings live in the {@code dynamodb} namespace. */
    public static final String ID = "dynamodb-store";

    static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

    private volatile String table;
    private volatile boolean create;
    private volatile System.Logger log;

    /** For {@link java.util.ServiceLoader}. */
    public DynamoDbStoreProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public int order() {
        return DynamoDbProvider.ORDER + 1;
    }

    @Override
    public Class<KeyValueStore> type() {
        return KeyValueStore.class;
    }

    /** Takes part only when {@code lift.dynamodb.store-table} is set. */
    @Override
    public boolean init(PluginContext context) {
        Settings s = context.settings(DynamoDbProvider.ID);
        table = Tables.tableName(s, "store-table", s.get("store-table").orElse(null));
        create = s.getBoolean("create-tables", false);
        log = context.logger();
        return table != null;
    }

    @Override
    public KeyValueStore open(PluginContext context) {
        DynamoDb dynamo = Tables.dynamo(context, ID);
        if (create) {
            DynamoDbKeyValueStore.createTable(dynamo.client(), table);
        }
        return new DynamoDbKeyValueStore(table, dynamo::client, Clock.systemUTC());
    }

    /** One strongly consistent read of a key no one writes: the store's own calls, warmed. */
    @Override
    public void prewarm(KeyValueStore store) {
        try {
            store.get("lift:prewarm");
        } catch (RuntimeException e) {
            log.log(System.Logger.Level.WARNING, "Key-value store '" + store.name() + "' did not answer while warming up ("
                    + Failures.describe(e.getCause() == null ? e : e.getCause()) + "); health reports it");
        }
    }

    @Override
    public HealthResult check(KeyValueStore store) {
        return Tables.check(((DynamoDbKeyValueStore) store).client(), table);
    }

    @Override
    public void close(KeyValueStore store) {
        // The clients belong to the dynamodb plugin, which closes them after this.
    }
}
