package dev.lift.plugins.dynamodbclient;

import dev.lift.api.Api;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A condition on the sort key of a {@link TenantTable} query. The partition of the query is always
 * the tenant's, so a condition can narrow what a tenant sees but never widen it. Values are
 * strings, numbers or bytes, as the sort key is.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class SortCondition {

    private enum Op { ANY, EQUAL, BEGINS_WITH, BETWEEN, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL }

    private final Op op;
    private final AttributeValue a;
    private final AttributeValue b;

    private SortCondition(Op op, Object a, Object b) {
        this.op = op;
        this.a = a == null ? null : value(a);
        this.b = b == null ? null : value(b);
    }

    /** Every item of the tenant. */
    public static SortCondition any() {
        return new SortCondition(Op.ANY, null, null);
    }

    public static SortCondition equalTo(Object value) {
        return new SortCondition(Op.EQUAL, Objects.requireNonNull(value, "value"), null);
    }

    public static SortCondition beginsWith(String prefix) {
        return new SortCondition(Op.BEGINS_WITH, Objects.requireNonNull(prefix, "prefix"), null);
    }

    /** From {@code from} to {@code to}, both included. */
    public static SortCondition between(Object from, Object to) {
        return new SortCondition(Op.BETWEEN, Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to"));
    }

    public static SortCondition lessThan(Object value) {
        return new SortCondition(Op.LESS, Objects.requireNonNull(value, "value"), null);
    }

    public static SortCondition lessThanOrEqualTo(Object value) {
        return new SortCondition(Op.LESS_OR_EQUAL, Objects.requireNonNull(value, "value"), null);
    }

    public static SortCondition greaterThan(Object value) {
        return new SortCondition(Op.GREATER, Objects.requireNonNull(value, "value"), null);
    }

    public static SortCondition greaterThanOrEqualTo(Object value) {
        return new SortCondition(Op.GREATER_OR_EQUAL, Objects.requireNonNull(value, "value"), null);
    }

    /** The Enhanced Client's conditional, on the tenant's partition. */
    QueryConditional on(String tenant) {
        switch (op) {
            case ANY:
                return QueryConditional.keyEqualTo(Key.builder().partitionValue(tenant).build());
            case EQUAL:
                return QueryConditional.keyEqualTo(key(tenant, a));
            case BEGINS_WITH:
                return QueryConditional.sortBeginsWith(key(tenant, a));
            case BETWEEN:
                return QueryConditional.sortBetween(key(tenant, a), key(tenant, b));
            case LESS:
                return QueryConditional.sortLessThan(key(tenant, a));
            case LESS_OR_EQUAL:
                return QueryConditional.sortLessThanOrEqualTo(key(tenant, a));
            case GREATER:
                return QueryConditional.sortGreaterThan(key(tenant, a));
            default:
                return QueryConditional.sortGreaterThanOrEqualTo(key(tenant, a));
        }
    }

    private static Key key(String tenant, AttributeValue sort) {
        return Key.builder().partitionValue(tenant).sortValue(sort).build();
    }

    private static AttributeValue value(Object v) {
        if (v instanceof String) {
            return AttributeValue.fromS((String) v);
        }
        if (v instanceof Number) {
            return AttributeValue.fromN(v.toString());
        }
        if (v instanceof byte[]) {
            return AttributeValue.fromB(SdkBytes.fromByteArray((byte[]) v));
        }
        throw new IllegalArgumentException("A sort key value is a String, a Number or a byte[], not a "
                + v.getClass().getSimpleName());
    }

    @Override
    public String toString() {
        return "SortCondition[" + op + "]";
    }
}
