package dev.lift.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DynamoDB attribute values as a stream handler reads them: typed getters, immutable, compared by value. */
class AttributeValueTest {

    @Test
    void each_type_answers_its_own_getter_and_null_for_the_others() {
        AttributeValue s = AttributeValue.ofS("New item!");
        AttributeValue n = AttributeValue.ofN("101");

        assertEquals(AttributeValue.Type.S, s.type());
        assertEquals("New item!", s.s());
        assertNull(s.n());
        assertNull(s.b());
        assertNull(s.ss());
        assertNull(s.ns());
        assertNull(s.bs());
        assertNull(s.m());
        assertNull(s.l());
        assertNull(s.bool());
        assertFalse(s.isNull());
        assertEquals("101", n.n());
        assertNull(n.s());
        assertEquals(List.of("a", "b"), AttributeValue.ofSs(List.of("a", "b")).ss());
        assertEquals(List.of("1", "2"), AttributeValue.ofNs(List.of("1", "2")).ns());
        assertTrue(AttributeValue.ofNull().isNull());
        assertSame(AttributeValue.ofNull(), AttributeValue.ofNull());
        assertEquals(Boolean.TRUE, AttributeValue.ofBool(true).bool());
        assertEquals(Boolean.FALSE, AttributeValue.ofBool(false).bool());
        Map<String, AttributeValue> m = AttributeValue.ofM(Map.of("k", s)).m();
        assertEquals(s, m.get("k"));
        assertEquals(List.of(s, n), AttributeValue.ofL(List.of(s, n)).l());
    }

    @Test
    void binary_values_are_copied_in_and_out() {
        byte[] raw = {1, 2, 3};
        AttributeValue b = AttributeValue.ofB(raw);
        raw[0] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, b.b());
        b.b()[0] = 8;
        assertArrayEquals(new byte[] {1, 2, 3}, b.b());

        List<byte[]> list = new ArrayList<>(List.of(new byte[] {4}, new byte[] {5, 6}));
        AttributeValue bs = AttributeValue.ofBs(list);
        list.get(0)[0] = 0;
        bs.bs().get(0)[0] = 0;
        assertArrayEquals(new byte[] {4}, bs.bs().get(0));
        assertThrows(UnsupportedOperationException.class, () -> bs.bs().add(new byte[0]));
        assertThrows(NullPointerException.class, () -> AttributeValue.ofBs(java.util.Arrays.asList((byte[]) null)));
    }

    @Test
    void collections_cannot_be_changed_through_the_value() {
        assertThrows(UnsupportedOperationException.class, () -> AttributeValue.ofSs(List.of("a")).ss().add("b"));
        assertThrows(UnsupportedOperationException.class,
                () -> AttributeValue.ofM(Map.of("k", AttributeValue.ofN("1"))).m().clear());
        assertThrows(UnsupportedOperationException.class, () -> AttributeValue.ofL(List.of()).l().add(AttributeValue.ofNull()));
        assertThrows(NullPointerException.class, () -> AttributeValue.ofS(null));
    }

    @Test
    void values_compare_by_type_and_content_binary_included() {
        assertEquals(AttributeValue.ofS("1"), AttributeValue.ofS("1"));
        assertNotEquals(AttributeValue.ofS("1"), AttributeValue.ofN("1"));
        assertEquals(AttributeValue.ofB(new byte[] {1, 2}), AttributeValue.ofB(new byte[] {1, 2}));
        assertEquals(AttributeValue.ofB(new byte[] {1, 2}).hashCode(), AttributeValue.ofB(new byte[] {1, 2}).hashCode());
        assertNotEquals(AttributeValue.ofB(new byte[] {1, 2}), AttributeValue.ofB(new byte[] {1, 3}));
        AttributeValue bs = AttributeValue.ofBs(List.of(new byte[] {1}, new byte[] {2}));
        assertEquals(bs, AttributeValue.ofBs(List.of(new byte[] {1}, new byte[] {2})));
        assertEquals(bs.hashCode(), AttributeValue.ofBs(List.of(new byte[] {1}, new byte[] {2})).hashCode());
        assertNotEquals(bs, AttributeValue.ofBs(List.of(new byte[] {1})));
        assertNotEquals(bs, AttributeValue.ofBs(List.of(new byte[] {1}, new byte[] {3})));
        assertNotEquals(AttributeValue.ofS("x"), "x");
        assertEquals(AttributeValue.ofN("7").hashCode(), AttributeValue.ofN("7").hashCode());
    }

    @Test
    void to_string_shows_dynamodb_json_without_binary_content() {
        assertEquals("{\"S\":\"hi\"}", AttributeValue.ofS("hi").toString());
        assertEquals("{\"N\":\"3\"}", AttributeValue.ofN("3").toString());
        assertEquals("{\"B\":<2 bytes>}", AttributeValue.ofB(new byte[] {1, 2}).toString());
        assertEquals("{\"BS\":<1 values>}", AttributeValue.ofBs(List.of(new byte[] {1})).toString());
        assertEquals("{\"NULL\":true}", AttributeValue.ofNull().toString());
        assertEquals("{\"BOOL\":true}", AttributeValue.ofBool(true).toString());
        assertEquals("{\"SS\":[a]}", AttributeValue.ofSs(List.of("a")).toString());
    }
}
