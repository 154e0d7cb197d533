package dev.lift.plugins.dynamodbclient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.Key;

/** A tenant view's key from a sort value: the three types DynamoDB keys can have, and a clear refusal of others. */
class SortKeysTest {

    @Test
    void stringsNumbersAndBytesBecomeTheSortKeyOfTheTenantsPartition() {
        Key s = SortKeys.key("acme", "t1");
        assertEquals("acme", s.partitionKeyValue().s());
        assertEquals("t1", s.sortKeyValue().orElseThrow().s());
        assertEquals("42", SortKeys.key("acme", 42).sortKeyValue().orElseThrow().n());
        assertArrayEquals(new byte[] {1, 2}, SortKeys.key("acme", new byte[] {1, 2}).sortKeyValue().orElseThrow().b().asByteArray());
    }

    @Test
    void anyOtherValueIsRefusedNamingWhatWasGiven() {
        assertEquals("A sort key value is a String, a Number or a byte[], not a Boolean",
                assertThrows(IllegalArgumentException.class, () -> SortKeys.key("acme", true)).getMessage());
        assertEquals("A sort key value is a String, a Number or a byte[], not null",
                assertThrows(IllegalArgumentException.class, () -> SortKeys.key("acme", null)).getMessage());
    }
}
