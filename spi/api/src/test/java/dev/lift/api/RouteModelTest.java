package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Route metadata as middleware reads it, route descriptors as `lift routes` prints them, and record batches. */
class RouteModelTest {

    @Test
    void attributes_are_immutable_and_a_route_with_scopes_is_authenticated() {
        Set<String> scopes = new HashSet<>(Set.of("orders:read"));
        RouteAttributes a = RouteAttributes.empty().with(RouteAttributes.SCOPES, scopes)
                .with(RouteAttributes.SUMMARY, "List orders");
        scopes.add("later");

        assertEquals(Set.of("orders:read"), a.scopes());
        assertTrue(a.authenticated());
        assertTrue(a.has(RouteAttributes.SUMMARY));
        assertFalse(a.has(RouteAttributes.RATE_LIMIT_CLASS));
        assertEquals(Optional.of("List orders"), a.get(RouteAttributes.SUMMARY));
        assertEquals(Optional.empty(), a.get(RouteAttributes.RATE_LIMIT_CLASS));
        assertEquals(List.of(RouteAttributes.SCOPES, RouteAttributes.SUMMARY), List.copyOf(a.keys()));
        assertEquals("{scopes=[orders:read], summary=List orders}", a.toString());
        assertFalse(RouteAttributes.empty().authenticated());
        assertTrue(RouteAttributes.empty().with(RouteAttributes.AUTHENTICATED, true).authenticated());
        assertEquals(Set.of(), RouteAttributes.empty().scopes());
        assertEquals("{}", RouteAttributes.empty().toString());
        assertThrows(NullPointerException.class, () -> RouteAttributes.empty().with(RouteAttributes.SUMMARY, null));
    }

    @Test
    void a_routes_own_attributes_override_its_groups() {
        RouteAttributes group = RouteAttributes.empty().with(RouteAttributes.RATE_LIMIT_CLASS, "standard")
                .with(RouteAttributes.AUTHENTICATED, true);
        RouteAttributes route = RouteAttributes.empty().with(RouteAttributes.RATE_LIMIT_CLASS, "bulk");

        RouteAttributes merged = group.withAll(route);
        assertEquals(Optional.of("bulk"), merged.get(RouteAttributes.RATE_LIMIT_CLASS));
        assertTrue(merged.authenticated());
        assertSame(group, group.withAll(RouteAttributes.empty()));
        assertSame(route, RouteAttributes.empty().withAll(route));
        assertEquals(group, RouteAttributes.empty().with(RouteAttributes.RATE_LIMIT_CLASS, "standard")
                .with(RouteAttributes.AUTHENTICATED, true));
        assertEquals(group.hashCode(), RouteAttributes.empty().with(RouteAttributes.RATE_LIMIT_CLASS, "standard")
                .with(RouteAttributes.AUTHENTICATED, true).hashCode());
        assertNotEquals(group, merged);
        assertEquals("rate-limit-class", RouteAttributes.RATE_LIMIT_CLASS.toString());
        assertThrows(NullPointerException.class, () -> RouteAttributes.Key.of(null, String.class));
    }

    @Test
    void route_descriptors_print_as_lift_routes_shows_them() {
        RouteDescriptor get = new RouteDescriptor(EventKind.HTTP, "GET", "/orders/{id}", Set.of("GET", "DELETE"),
                RouteAttributes.empty(), "shop", "OrdersApi::get", List.of("jwt"));
        RouteDescriptor queue = new RouteDescriptor(EventKind.RECORD, null, "sqs queue=orders", Set.of(),
                RouteAttributes.empty(), "shop", "Workers::order", List.of());

        assertEquals("GET /orders/{id}", get.toString());
        assertEquals("RECORD sqs queue=orders", queue.toString());
        assertTrue(get.matched());
        assertEquals(List.of("request-id", "jwt"), get.withMiddleware(List.of("request-id", "jwt")).middleware());
        assertEquals("GET /orders/{id}", get.withMiddleware(List.of()).toString());
        RouteDescriptor none = RouteDescriptor.unmatched(RouteDescriptor.Unmatched.NO_ROUTE);
        assertFalse(none.matched());
        assertEquals("(unmatched no_route)", none.toString());
        assertEquals("(unmatched stopping)", RouteDescriptor.unmatched(RouteDescriptor.Unmatched.STOPPING).toString());
        RouteDescriptor undecodable = new RouteDescriptor(EventKind.BATCH, null, null, Set.of(), RouteAttributes.empty(),
                "lift", "undecodable", List.of());
        assertEquals("(unmatched BATCH undecodable)", undecodable.toString());
        assertThrows(NullPointerException.class, () -> new RouteDescriptor(null, null, null, Set.of(),
                RouteAttributes.empty(), "o", "h", List.of()));
    }

    @Test
    void an_ordered_batch_never_runs_concurrently() {
        RecordBatch<String> standard = new RecordBatch<>("adapter-sqs", String.class, List.of("a", "b"), s -> "id-" + s,
                true, false, true);
        RecordBatch<String> fifo = new RecordBatch<>("adapter-sqs", String.class, List.of("a"), s -> s, true, true, true);
        RecordBatch<String> stream = new RecordBatch<>("adapter-kinesis", String.class, List.of("a"), s -> s, true, true);

        assertTrue(standard.concurrent());
        assertFalse(fifo.concurrent());
        assertFalse(stream.concurrent());
        assertTrue(stream.ordered());
        assertTrue(stream.partialFailures());
        assertEquals("id-b", standard.itemIdentifier("b"));
        assertEquals(EventKind.BATCH, standard.kind());
        assertEquals("adapter-sqs", standard.source());
        assertEquals(String.class, standard.recordType());
        assertEquals(List.of("a", "b"), standard.records());
        assertEquals("adapter-sqs batch of 2 String", standard.toString());
        assertThrows(UnsupportedOperationException.class, () -> standard.records().add("c"));
    }

    static final class Table<T> { }

    @Test
    void type_refs_keep_the_generic_type_and_compare_by_it() {
        TypeRef<Table<String>> ref = new TypeRef<>() { };
        assertEquals("dev.lift.api.RouteModelTest$Table<java.lang.String>", ref.toString());
        assertEquals(Table.class, ref.rawType());
        assertEquals(ref, new TypeRef<Table<String>>() { });
        assertEquals(ref.hashCode(), new TypeRef<Table<String>>() { }.hashCode());
        assertNotEquals(ref, new TypeRef<Table<Integer>>() { });
        assertEquals(String.class, TypeRef.of(String.class).type());
        assertEquals(String.class, TypeRef.of(String.class).rawType());
        assertEquals(Object.class, TypeRef.rawType(Table.class.getTypeParameters()[0]));
        @SuppressWarnings("rawtypes")
        class Raw extends TypeRef { }
        assertEquals("TypeRef needs a type argument: new TypeRef<Table<Todo>>() {}",
                assertThrows(IllegalStateException.class, Raw::new).getMessage());
        assertEquals(Map.class, new TypeRef<Map<String, List<Integer>>>() { }.rawType());
    }

    /** equals/hashCode are written out for cold start; they must mean what a record's would: every component. */
    @Test
    void descriptors_and_keys_are_equal_exactly_when_every_component_is() {
        RouteAttributes attrs = RouteAttributes.empty().with(RouteAttributes.SUMMARY, "s");
        RouteDescriptor a = new RouteDescriptor(EventKind.HTTP, "GET", "/a/{id}", Set.of("GET"), attrs, "app", "h",
                List.of("cors"));
        RouteDescriptor same = new RouteDescriptor(EventKind.HTTP, "GET", "/a/{id}", Set.of("GET"),
                RouteAttributes.empty().with(RouteAttributes.SUMMARY, "s"), "app", "h", List.of("cors"));
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertEquals(Map.of(a, 1).get(same), 1);
        List<RouteDescriptor> different = List.of(
                new RouteDescriptor(EventKind.RECORD, "GET", "/a/{id}", Set.of("GET"), attrs, "app", "h", List.of("cors")),
                new RouteDescriptor(EventKind.HTTP, "PUT", "/a/{id}", Set.of("GET"), attrs, "app", "h", List.of("cors")),
                new RouteDescriptor(EventKind.HTTP, "GET", "/b/{id}", Set.of("GET"), attrs, "app", "h", List.of("cors")),
                new RouteDescriptor(EventKind.HTTP, "GET", "/a/{id}", Set.of("PUT"), attrs, "app", "h", List.of("cors")),
                new RouteDescriptor(EventKind.HTTP, "GET", "/a/{id}", Set.of("GET"), RouteAttributes.empty(), "app", "h",
                        List.of("cors")),
                new RouteDescriptor(EventKind.HTTP, "GET", "/a/{id}", Set.of("GET"), attrs, "other", "h", List.of("cors")),
                new RouteDescriptor(EventKind.HTTP, "GET", "/a/{id}", Set.of("GET"), attrs, "app", "g", List.of("cors")),
                a.withMiddleware(List.of()),
                RouteDescriptor.unmatched(RouteDescriptor.Unmatched.NO_ROUTE));
        for (RouteDescriptor d : different) {
            assertNotEquals(a, d, d::toString);
            assertNotEquals(d, a, d::toString);
        }
        assertEquals(RouteDescriptor.unmatched(RouteDescriptor.Unmatched.NO_ROUTE),
                RouteDescriptor.unmatched(RouteDescriptor.Unmatched.NO_ROUTE));
        assertNotEquals(a, "GET /a/{id}");

        assertEquals(RouteAttributes.Key.of("x", String.class), RouteAttributes.Key.of("x", String.class));
        assertEquals(RouteAttributes.Key.of("x", String.class).hashCode(), RouteAttributes.Key.of("x", String.class).hashCode());
        assertNotEquals(RouteAttributes.Key.of("x", String.class), RouteAttributes.Key.of("y", String.class));
        assertNotEquals(RouteAttributes.Key.of("x", String.class), RouteAttributes.Key.of("x", Integer.class));
        assertNotEquals(RouteAttributes.Key.of("x", String.class), "x");
    }
}
