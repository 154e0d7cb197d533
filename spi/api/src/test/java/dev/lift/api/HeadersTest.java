package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Request headers as a handler reads them: names in any case, every value in arrival order, read-only. */
class HeadersTest {

    @Test
    void names_match_in_any_case_and_values_keep_their_order() {
        Headers h = Headers.builder().add("Accept", "text/html").add("accept", "application/json")
                .addAll("X-Forwarded-For", List.of("1.1.1.1", "2.2.2.2")).add("X-Null", null).build();

        assertEquals(Optional.of("text/html"), h.first("ACCEPT"));
        assertEquals("text/html", h.get("accept"));
        assertEquals(List.of("text/html", "application/json"), h.all("Accept"));
        assertEquals(List.of("1.1.1.1", "2.2.2.2"), h.all("x-forwarded-for"));
        assertEquals(List.of(), h.all("Absent"));
        assertNull(h.get("Absent"));
        assertEquals(Optional.empty(), h.first("Absent"));
        assertTrue(h.contains("ACCEPT"));
        assertFalse(h.contains("X-Null"));
        assertEquals(2, h.size());
        assertFalse(h.isEmpty());
        assertEquals(Set.of("Accept", "X-Forwarded-For"), Set.copyOf(h.names()));
        assertEquals(List.of("text/html", "application/json"), h.asMap().get("accept"));
        assertEquals("{Accept=[text/html, application/json], X-Forwarded-For=[1.1.1.1, 2.2.2.2]}", h.toString());
    }

    @Test
    void set_replaces_and_of_takes_one_value_each() {
        Headers h = Headers.builder().add("A", "1").add("a", "2").set("A", "3").addAll("B", null).build();
        assertEquals(List.of("3"), h.all("a"));
        assertFalse(h.contains("B"));
        assertEquals("v", Headers.of(Map.of("X-Key", "v")).get("x-key"));
    }

    @Test
    void headers_cannot_be_changed_after_build() {
        Headers.Builder b = Headers.builder().add("A", "1");
        Headers h = b.build();
        b.add("A", "2");
        assertEquals(List.of("1"), h.all("A"));
        assertThrows(UnsupportedOperationException.class, () -> h.all("A").add("x"));
        assertThrows(UnsupportedOperationException.class, () -> h.names().clear());
        assertThrows(UnsupportedOperationException.class, () -> h.asMap().clear());
        assertSame(Headers.empty(), Headers.builder().build());
        assertTrue(Headers.empty().isEmpty());
    }

    @Test
    void a_builder_used_again_after_build_never_changes_what_it_built() {
        Headers.Builder b = Headers.builder().add("Set-Cookie", "a=1").add("Host", "x");
        Headers first = b.build();
        Headers again = b.build();
        b.add("set-cookie", "b=2").set("HOST", "y").add("New", "n");
        Headers second = b.build();
        b.add("Set-Cookie", "c=3");
        Headers third = b.build();

        assertEquals(List.of("a=1"), first.all("set-cookie"));
        assertEquals("x", first.get("host"));
        assertFalse(first.contains("New"));
        assertEquals(first.asMap(), again.asMap());
        assertEquals(List.of("a=1", "b=2"), second.all("SET-COOKIE"));
        assertEquals("y", second.get("Host"));
        assertEquals(Set.of("Set-Cookie", "HOST", "New"), Set.copyOf(second.names()));
        assertEquals(List.of("a=1", "b=2", "c=3"), third.all("set-cookie"));
        assertEquals(List.of("a=1", "b=2"), second.all("set-cookie"));
        assertThrows(UnsupportedOperationException.class, () -> second.all("set-cookie").add("x"));
        assertThrows(UnsupportedOperationException.class, () -> third.all("new").add("x"));
    }
}
