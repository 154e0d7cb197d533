package dev.lift.plugins.dynamodbclient;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/** Keys from plain values. */
final class SortKeys {

    private SortKeys() {
    }

    static Key key(String partition, Object sortValue) {
        Key.Builder b = Key.builder().partitionValue(partition);
        if (sortValue instanceof String) {
            b.sortValue((String) sortValue);
        } else if (sortValue instanceof Number) {
            b.sortValue((Number) sortValue);
        } else if (sortValue instanceof byte[]) {
            b.sortValue(SdkBytes.fromByteArray((byte[]) sortValue));
        } else {
            throw new IllegalArgumentException("A sort key value is a String, a Number or a byte[], not "
                    + (sortValue == null ? "null" : "a " + sortValue.getClass().getSimpleName()));
        }
        return b.build();
    }
}
