package dev.lift.plugins.dynamodbclient;

import dev.lift.api.PluginContext;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import dev.lift.spi.HealthResult;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** What the table and store providers share: finding the clients, naming tables, checking them. */
final class Tables {

    private Tables() {
    }

    static DynamoDb dynamo(PluginContext context, String who) {
        return context.resources().find(DynamoDb.class).orElseThrow(() -> new IllegalStateException("Plugin " + who
                + " needs the DynamoDB clients of plugin '" + DynamoDbProvider.ID + "' (DynamoDbProvider, in the same "
                + "jar lift-dynamodb), and it is not open: list it in META-INF/services or add it to the kernel"));
    }

    /** A table name as DynamoDB allows it, or null when {@code value} is null. */
    static String tableName(Settings s, String key, String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (!DynamoDbStoreProvider.TABLE_NAME.matcher(v).matches()) {
            throw new SettingException(s.describe(key), value, "a DynamoDB table name: 3 to 255 of a-z, A-Z, 0-9, _, - and .");
        }
        return v;
    }

    /** UP when the table is ACTIVE, DEGRADED while it changes, DOWN when it is missing or DynamoDB does not answer. */
    static HealthResult check(DynamoDbClient client, String table) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("table", table);
        try {
            TableDescription t = client.describeTable(r -> r.tableName(table)
                    .overrideConfiguration(o -> o.apiCallTimeout(HealthCalls.TIMEOUT))).table();
            details.put("status", String.valueOf(t.tableStatusAsString()));
            if (t.tableStatus() == TableStatus.ACTIVE) {
                return new HealthResult(HealthResult.Status.UP, details);
            }
            return HealthResult.degraded(details);
        } catch (RuntimeException e) {
            details.put("error", Failures.describe(e));
            return HealthResult.down(details);
        }
    }
}
