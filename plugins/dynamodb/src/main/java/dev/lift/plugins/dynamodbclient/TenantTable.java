package dev.lift.plugins.dynamodbclient;

import dev.lift.api.Api;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * A {@link TypedTable} as one tenant sees it. The table's partition key is the tenant (a string
 * attribute) and its sort key identifies the item within the tenant. Whatever a handler passes,
 * this view puts its own tenant in the partition key: of every key it reads or deletes, of every
 * item it writes, and of every query; a scan is a query of the tenant's partition. So a handler
 * asking for another tenant's key reads its own tenant's item of that sort key (usually none), and
 * an item naming another tenant is written into the caller's own partition.
 *
 * <p>Made per invocation by {@link TypedTable#forTenant}; cheap, and thread-safe.
 *
 * @param <T> the item type
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class TenantTable<T> {

    private final TypedTable<T> table;
    private final String tenant;
    private final String partitionKey;

    TenantTable(TypedTable<T> table, String tenant) {
        this.table = table;
        this.tenant = tenant;
        TableSchema<T> schema = table.schema();
        this.partitionKey = schema.tableMetadata().primaryPartitionKey();
        if (schema.tableMetadata().primarySortKey().isEmpty()) {
            throw new IllegalStateException("Table '" + table.name() + "' has no sort key, so a tenant could hold one item "
                    + "only: a tenant-scoped table needs the tenant as partition key and a sort key for the item");
        }
        if (schema.tableMetadata().scalarAttributeType(partitionKey).orElse(null) != ScalarAttributeType.S) {
            throw new IllegalStateException("Table '" + table.name() + "': the partition key '" + partitionKey
                    + "' holds the tenant and must be a string attribute");
        }
    }

    /** The tenant every call is confined to. */
    public String tenant() {
        return tenant;
    }

    /** The item of this tenant with the sort key of {@code key}; the key's partition value is ignored. */
    public Optional<T> get(Key key) {
        return Optional.ofNullable(table.table().getItem(own(key)));
    }

    /** The item of this tenant with this sort key value (a String, Number or byte[]). */
    public Optional<T> get(Object sortValue) {
        return get(SortKeys.key(tenant, sortValue));
    }

    /** Writes {@code item} into this tenant's partition, whatever tenant it names. */
    public void put(T item) {
        table.table().putItem(own(item));
    }

    /**
     * Writes {@code item} into this tenant's partition only if no item of this tenant has its sort key.
     *
     * @return true when written; false when one was there (unchanged)
     */
    public boolean putIfAbsent(T item) {
        return put(item, Conditions.absent(table.schema()));
    }

    /**
     * Writes {@code item} into this tenant's partition only if {@code condition} holds for the item
     * stored there under its key.
     *
     * @return true when written; false when the condition failed (nothing is changed)
     */
    public boolean put(T item, Expression condition) {
        try {
            table.table().putItem(PutItemEnhancedRequest.builder(table.schema().itemType().rawClass()).item(own(item))
                    .conditionExpression(condition).build());
            return true;
        } catch (ConditionalCheckFailedException failed) {
            return false;
        }
    }

    /** Deletes this tenant's item with the sort key of {@code key}; returns it, or empty when there was none. */
    public Optional<T> delete(Key key) {
        return Optional.ofNullable(table.table().deleteItem(own(key)));
    }

    /** This tenant's items whose sort key meets {@code condition}, in sort-key order, all pages read. */
    public List<T> query(SortCondition condition) {
        return query(condition, null, Integer.MAX_VALUE);
    }

    /**
     * This tenant's items whose sort key meets {@code condition} and that pass {@code filter}
     * (may be null), at most {@code limit} of them, in sort-key order.
     */
    public List<T> query(SortCondition condition, Expression filter, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder().queryConditional(condition.on(tenant))
                .consistentRead(true);
        if (filter != null) {
            request.filterExpression(filter);
        }
        List<T> items = new ArrayList<>();
        for (T item : table.table().query(request.build()).items()) {
            items.add(item);
            if (items.size() >= limit) {
                break;
            }
        }
        return items;
    }

    /** Every item of this tenant: a query of its partition, never a scan of the table. */
    public List<T> scan() {
        return query(SortCondition.any());
    }

    private Key own(Key key) {
        AttributeValue sort = key.sortKeyValue().orElseThrow(() -> new IllegalArgumentException(
                "A key of tenant-scoped table '" + table.name() + "' needs a sort key value"));
        return Key.builder().partitionValue(tenant).sortValue(sort).build();
    }

    private T own(T item) {
        TableSchema<T> schema = table.schema();
        Map<String, AttributeValue> attributes = new HashMap<>(schema.itemToMap(item, true));
        attributes.put(partitionKey, AttributeValue.fromS(tenant));
        return schema.mapToItem(attributes);
    }

    @Override
    public String toString() {
        return "TenantTable[" + table.name() + "]"; // not the tenant: it may identify a customer
    }
}
