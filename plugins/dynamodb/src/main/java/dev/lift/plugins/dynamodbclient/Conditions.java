package dev.lift.plugins.dynamodbclient;

import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/** Condition expressions the tables use. */
final class Conditions {

    private Conditions() {
    }

    /** No item with this key exists. */
    static Expression absent(TableSchema<?> schema) {
        return Expression.builder().expression("attribute_not_exists(#lift_pk)")
                .putExpressionName("#lift_pk", schema.tableMetadata().primaryPartitionKey()).build();
    }
}
