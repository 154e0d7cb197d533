package dev.lift.plugins.dynamodbclient;

import dev.lift.api.Api;
import dev.lift.api.PluginContext;
import dev.lift.api.Settings;
import dev.lift.api.SpiVersion;
import dev.lift.spi.HealthResult;
import dev.lift.spi.ResourceProvider;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * Opens one {@link TypedTable}: subclass it with a public no-argument constructor and list the
 * subclass in {@code META-INF/services/dev.lift.spi.ResourceProvider}:
 *
 * <pre>{@code
 * public final class TodoTable extends DynamoDbTableProvider<Todo> {
 *     public TodoTable() {
 *         super("todos", RecordTableSchema.of(Todo.class, "tenant", "id"));   // or TableSchema.fromBean(...)
 *     }
 * }
 * // in a handler:
 * TypedTable<Todo> todos = ctx.resources().require(new TypeRef<TypedTable<Todo>>() {}, "todos");
 * }</pre>
 *
 * <p>The DynamoDB table behind name {@code todos} is {@code lift.dynamodb.table.todos} (env
 * {@code LIFT_DYNAMODB_TABLE_TODOS}), by default {@code todos}. With
 * {@code lift.dynamodb.create-tables=true} a missing table is created at boot (local runs).
 * Health: the table's {@code DescribeTable} status.
 *
 * @param <T> the item type
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public abstract class DynamoDbTableProvider<T> implements ResourceProvider<TypedTable<T>> {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final String name;
    private final TableSchema<T> schema;
    private volatile System.Logger log;

    /**
     * @param name the name handlers look the table up by: lower case letters, digits and dashes
     * @param schema how items map to attributes (build it once: it is costly for annotated classes)
     */
    protected DynamoDbTableProvider(String name, TableSchema<T> schema) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A table's name is 1 to 63 of a-z, 0-9 and -, starting with a letter or "
                    + "digit: " + name);
        }
        this.name = name;
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /** A provider for tests and embedding, where no ServiceLoader needs a class of its own. */
    public static <T> DynamoDbTableProvider<T> of(String name, TableSchema<T> schema) {
        return new DynamoDbTableProvider<>(name, schema) {
        };
    }

    /** {@code dynamodb-table-NAME}. */
    @Override
    public String id() {
        return "dynamodb-table-" + name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** After the clients it opens on. */
    @Override
    public int order() {
        return DynamoDbProvider.ORDER + 1;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<TypedTable<T>> type() {
        return (Class) TypedTable.class;
    }

    /** {@code TypedTable<Item>}, so that {@code new TypeRef<TypedTable<Item>>() {}} finds it. */
    @Override
    public Type genericType() {
        return new TableType(schema.itemType().rawClass());
    }

    @Override
    public TypedTable<T> open(PluginContext context) {
        log = context.logger();
        Settings s = context.settings(DynamoDbProvider.ID);
        String tableName = Tables.tableName(s, "table." + name, s.get("table." + name, name));
        String claim = s.get("tenant-claim", "tenant_id").trim();
        int attempts = s.getInt("batch-attempts", 8, 1, 20);
        DynamoDb dynamo = Tables.dynamo(context, id());
        TypedTable<T> table = new TypedTable<>(dynamo, name, tableName, schema, claim, attempts);
        if (s.getBoolean("create-tables", false)) {
            try {
                table.table().createTable(); // on-demand billing
            } catch (ResourceInUseException exists) {
                return table;
            }
            dynamo.client().waiter().waitUntilTableExists(r -> r.tableName(tableName));
        }
        return table;
    }

    /** Reads the table's description: the Enhanced Client's and SDK's request path, warmed. */
    @Override
    public void prewarm(TypedTable<T> table) {
        HealthResult r = Tables.check(table.client(), table.tableName());
        if (r.status() == HealthResult.Status.DOWN) {
            log.log(System.Logger.Level.WARNING, "DynamoDB table '" + table.tableName() + "' did not answer while warming up ("
                    + r.details().get("error") + "); health reports it");
        }
    }

    @Override
    public HealthResult check(TypedTable<T> table) {
        return Tables.check(table.client(), table.tableName());
    }

    @Override
    public void close(TypedTable<T> table) {
        // The clients belong to the dynamodb plugin, which closes them after this.
    }

    /** {@code TypedTable<item>}, equal to the JDK's own parameterized types of the same shape. */
    private static final class TableType implements ParameterizedType {
        private final Type[] args;

        TableType(Class<?> item) {
            args = new Type[] {item};
        }

        @Override
        public Type[] getActualTypeArguments() {
            return args.clone();
        }

        @Override
        public Type getRawType() {
            return TypedTable.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ParameterizedType && ((ParameterizedType) o).getOwnerType() == null
                    && TypedTable.class.equals(((ParameterizedType) o).getRawType())
                    && Arrays.equals(args, ((ParameterizedType) o).getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(args) ^ TypedTable.class.hashCode(); // as the JDK's: owner null hashes to 0
        }

        @Override
        public String toString() {
            return TypedTable.class.getName() + "<" + args[0].getTypeName() + ">";
        }
    }
}
