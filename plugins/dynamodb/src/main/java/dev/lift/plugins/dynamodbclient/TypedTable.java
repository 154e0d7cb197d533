package dev.lift.plugins.dynamodbclient;

import dev.lift.api.Api;
import dev.lift.api.InvocationContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A typed DynamoDB table for handlers: items of a user's bean, immutable class or record
 * ({@link RecordTableSchema}), opened by a {@link DynamoDbTableProvider} and looked up by name and
 * type: {@code ctx.resources().require(new TypeRef<TypedTable<Todo>>() {}, "todos")}.
 *
 * <p>It adds what handlers need beside the Enhanced Client without hiding it: {@link #table()} is
 * the Enhanced Client's own {@link DynamoDbTable}, for every call it offers. The additions are
 * conditional writes that answer {@code false} instead of throwing, transactions that do the same
 * when a condition fails, batch writes that retry unprocessed items, and {@link #forTenant} views
 * that confine every key, query and write to one tenant. Thread-safe.
 *
 * @param <T> the item type
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class TypedTable<T> {

    /** DynamoDB's limit of items in one BatchWriteItem call. */
    static final int BATCH_SIZE = 25;

    private final DynamoDb dynamo;
    private final String name;
    private final String tableName;
    private final TableSchema<T> schema;
    private final String tenantClaim;
    private final int batchAttempts;
    private volatile Bound<T> bound;

    /** The Enhanced Client's table, bound to one generation of clients. */
    private record Bound<T>(DynamoDbEnhancedClient enhanced, DynamoDbTable<T> table) {
    }

    TypedTable(DynamoDb dynamo, String name, String tableName, TableSchema<T> schema, String tenantClaim,
               int batchAttempts) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.name = Objects.requireNonNull(name, "name");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.tenantClaim = Objects.requireNonNull(tenantClaim, "tenantClaim");
        this.batchAttempts = batchAttempts;
    }

    /** The name the table is looked up by. */
    public String name() {
        return name;
    }

    /** The DynamoDB table's own name ({@code lift.dynamodb.table.NAME}, by default the name). */
    public String tableName() {
        return tableName;
    }

    /** How items map to attributes. */
    public TableSchema<T> schema() {
        return schema;
    }

    /** The Enhanced Client's table, for everything this class does not wrap. Ask for it on each use. */
    public DynamoDbTable<T> table() {
        DynamoDbEnhancedClient enhanced = dynamo.enhanced();
        Bound<T> b = bound;
        if (b == null || b.enhanced() != enhanced) {
            b = new Bound<>(enhanced, enhanced.table(tableName, schema));
            bound = b;
        }
        return b.table();
    }

    /** The Enhanced Client, for batches and transactions across tables. */
    public DynamoDbEnhancedClient enhanced() {
        return dynamo.enhanced();
    }

    /** The low-level client. */
    public DynamoDbClient client() {
        return dynamo.client();
    }

    /**
     * Writes {@code item} only if no item with its key exists.
     *
     * @return true when written; false when an item with that key was there (it is left unchanged)
     */
    public boolean putIfAbsent(T item) {
        return put(item, Conditions.absent(schema));
    }

    /**
     * Writes {@code item} only if {@code condition} holds for the item now stored under its key.
     *
     * @return true when written; false when the condition failed (nothing is changed)
     */
    public boolean put(T item, Expression condition) {
        try {
            table().putItem(PutItemEnhancedRequest.builder(schema.itemType().rawClass()).item(item)
                    .conditionExpression(condition).build());
            return true;
        } catch (ConditionalCheckFailedException failed) {
            return false;
        }
    }

    /**
     * Runs one transaction built on the Enhanced Client's request builder, all or nothing.
     *
     * <pre>{@code
     * boolean done = orders.transact(tx -> tx
     *         .addPutItem(orders.table(), order)
     *         .addUpdateItem(stock.table(), lessStock));
     * }</pre>
     *
     * @return true when committed; false when it was cancelled because a condition failed (nothing
     *     is changed)
     * @throws TransactionCanceledException when it was cancelled for another reason (a conflict
     *     with another transaction, throttling)
     */
    public boolean transact(Consumer<TransactWriteItemsEnhancedRequest.Builder> writes) {
        TransactWriteItemsEnhancedRequest.Builder b = TransactWriteItemsEnhancedRequest.builder();
        writes.accept(b);
        try {
            enhanced().transactWriteItems(b.build());
            return true;
        } catch (TransactionCanceledException cancelled) {
            if (cancelled.hasCancellationReasons() && cancelled.cancellationReasons().stream()
                    .map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals)) {
                return false;
            }
            throw cancelled;
        }
    }

    /**
     * Puts and deletes in batches of 25, retrying the items DynamoDB leaves unprocessed (under
     * throttling) with exponential back-off, at most {@code lift.dynamodb.batch-attempts} times.
     * Not atomic: use {@link #transact} for all-or-nothing.
     *
     * @throws IllegalStateException naming the table and how many items stayed unprocessed
     */
    public void batchWrite(Collection<? extends T> puts, Collection<Key> deletes) {
        List<Object> all = new ArrayList<>(puts);
        all.addAll(deletes);
        for (int from = 0; from < all.size(); from += BATCH_SIZE) {
            List<Object> chunk = all.subList(from, Math.min(all.size(), from + BATCH_SIZE));
            writeWithRetry(chunk);
        }
    }

    /** {@link #batchWrite} with puts only. */
    public void batchPut(Collection<? extends T> items) {
        batchWrite(items, List.of());
    }

    @SuppressWarnings("unchecked")
    private void writeWithRetry(List<Object> chunk) {
        List<T> puts = new ArrayList<>();
        List<Key> deletes = new ArrayList<>();
        for (Object o : chunk) {
            if (o instanceof Key) {
                deletes.add((Key) o);
            } else {
                puts.add((T) o);
            }
        }
        long backoff = 20;
        for (int attempt = 1; ; attempt++) {
            DynamoDbTable<T> t = table();
            WriteBatch.Builder<T> batch = WriteBatch.builder(schema.itemType().rawClass()).mappedTableResource(t);
            puts.forEach(batch::addPutItem);
            deletes.forEach(batch::addDeleteItem);
            BatchWriteResult result = enhanced().batchWriteItem(BatchWriteItemEnhancedRequest.builder()
                    .writeBatches(batch.build()).build());
            puts = new ArrayList<>(result.unprocessedPutItemsForTable(t));
            deletes = new ArrayList<>(result.unprocessedDeleteItemsForTable(t));
            if (puts.isEmpty() && deletes.isEmpty()) {
                return;
            }
            if (attempt >= batchAttempts) {
                throw new IllegalStateException("Batch write to table '" + tableName + "': " + (puts.size() + deletes.size())
                        + " items were still unprocessed after " + attempt + " attempts (throttled); write them again later");
            }
            sleep(Duration.ofMillis(backoff));
            backoff = Math.min(backoff * 2, 1_000);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying unprocessed batch items", e);
        }
    }

    /**
     * This table as the caller's tenant sees it: the tenant is the value of claim
     * {@code lift.dynamodb.tenant-claim} (default {@code tenant_id}) among the verified claims Lift's
     * JWT plugin set ({@code lift.auth.claims}) or, without it, those API Gateway's JWT authorizer
     * verified.
     *
     * @throws dev.lift.api.LiftException 401 when the request carries no verified claims, 403 when
     *     they name no tenant
     */
    public TenantTable<T> forTenant(InvocationContext context) {
        return new TenantTable<>(this, Tenants.of(context, tenantClaim));
    }

    /** This table as the given tenant sees it, for code that knows the tenant some other way (records). */
    public TenantTable<T> forTenant(String tenant) {
        return new TenantTable<>(this, Tenants.check(tenant));
    }

    @Override
    public String toString() {
        return "TypedTable[" + name + " -> " + tableName + ", " + schema.itemType().rawClass().getSimpleName() + "]";
    }
}
