package dev.lift.kernel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRouterTest {

    private static HttpRouter<String> router(String... methodPathPairs) {
        HttpRouter<String> r = new HttpRouter<>();
        for (int i = 0; i < methodPathPairs.length; i += 2) {
            r.add(methodPathPairs[i], methodPathPairs[i + 1], "app", methodPathPairs[i] + " " + methodPathPairs[i + 1]);
        }
        return r;
    }

    @Test
    void staticPathsMatchExactlyIgnoringATrailingSlash() {
        HttpRouter<String> r = router("GET", "/", "GET", "/items", "GET", "/items/new");
        assertEquals("GET /", r.match("GET", "/").target);
        assertEquals("GET /items", r.match("GET", "/items").target);
        assertEquals("GET /items", r.match("GET", "/items/").target);
        assertEquals("GET /items/new", r.match("GET", "/items/new").target);
        assertNull(r.match("GET", "/items/new/x"));
        assertNull(r.match("GET", "/nothing"));
    }

    @Test
    void parametersAreExtractedByName() {
        HttpRouter<String> r = router("GET", "/users/{userId}/orders/{orderId}");
        HttpRouter.Match<String> m = r.match("GET", "/users/42/orders/a-7");
        assertEquals("/users/{userId}/orders/{orderId}", m.template);
        assertEquals(Map.of("userId", "42", "orderId", "a-7"), m.params);
    }

    @Test
    void literalWinsOverParameterAndParameterOverGreedyTail() {
        HttpRouter<String> r = router("GET", "/files/{id}", "GET", "/files/latest", "GET", "/files/{path+}",
                "GET", "/files/{id}/meta");
        assertEquals("GET /files/latest", r.match("GET", "/files/latest").target);
        assertEquals("GET /files/{id}", r.match("GET", "/files/7").target);
        assertEquals("GET /files/{id}/meta", r.match("GET", "/files/7/meta").target);
        HttpRouter.Match<String> greedy = r.match("GET", "/files/a/b/c.txt");
        assertEquals("GET /files/{path+}", greedy.target);
        assertEquals(Map.of("path", "a/b/c.txt"), greedy.params);
    }

    @Test
    void aPathWithoutItsLeadingSlashReachesTheSameRouteAsWithIt() {
        // Found by RouterFuzzTest: "a/b/c" (an HTTP API rawPath in a hand-made event) reached /a/{x}/{y},
        // because static paths were looked up with the leading slash and templates without it.
        HttpRouter<String> r = router("GET", "/a/b/c", "GET", "/a/{x}/{y}", "GET", "/");
        assertEquals("GET /a/b/c", r.match("GET", "a/b/c").target);
        assertEquals("GET /a/b/c", r.match("GET", "a/b/c/").target);
        assertEquals("GET /a/{x}/{y}", r.match("GET", "a/q/c").target);
        assertEquals(Map.of("x", "q", "y", "c"), r.match("GET", "a/q/c").params);
        assertEquals("GET /", r.match("GET", "").target);
    }

    @Test
    void backtracksWhenALiteralBranchDeadEnds() {
        HttpRouter<String> r = router("GET", "/a/b/c", "GET", "/a/{x}/d");
        assertEquals("GET /a/{x}/d", r.match("GET", "/a/b/d").target);
        assertEquals(Map.of("x", "b"), r.match("GET", "/a/b/d").params);
    }

    @Test
    void greedyTailNeedsAtLeastOneSegment() {
        HttpRouter<String> r = router("ANY", "/{proxy+}");
        assertNull(r.match("GET", "/"));
        assertEquals(Map.of("proxy", "x/y"), r.match("DELETE", "/x/y").params);
    }

    @Test
    void differentParameterNamesAtTheSamePositionWorkForDifferentPaths() {
        HttpRouter<String> r = router("GET", "/a/{id}/x", "GET", "/a/{name}/y");
        assertEquals(Map.of("id", "1"), r.match("GET", "/a/1/x").params);
        assertEquals(Map.of("name", "2"), r.match("GET", "/a/2/y").params);
    }

    @Test
    void wrongMethodGivesAllowListWithHeadWhenGetExists() {
        HttpRouter<String> r = router("GET", "/items/{id}", "DELETE", "/items/{id}", "PUT", "/items/{other}");
        HttpRouter.Match<String> m = r.match("POST", "/items/3");
        assertFalse(m.found());
        assertEquals("DELETE, GET, HEAD, PUT", m.allow);
    }

    @Test
    void headIsServedByGet() {
        HttpRouter<String> r = router("GET", "/items");
        HttpRouter.Match<String> m = r.match("HEAD", "/items");
        assertEquals("GET /items", m.target);
        assertTrue(m.headViaGet);
    }

    @Test
    void duplicateRoutesAreRejectedNamingBothOwners() {
        HttpRouter<String> r = new HttpRouter<>();
        r.add("GET", "/items/{id}", "orders-app:ItemHandler", "a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.add("GET", "/items/{id}", "billing-app:OtherHandler", "b"));
        assertEquals("Duplicate route GET /items/{id}: registered by orders-app:ItemHandler and by "
                + "billing-app:OtherHandler", e.getMessage());
    }

    @Test
    void ambiguousRoutesAreRejectedNamingBoth() {
        HttpRouter<String> r = new HttpRouter<>();
        r.add("GET", "/items/{id}", "one", "a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.add("GET", "/items/{name}", "two", "b"));
        assertEquals("Ambiguous routes GET /items/{id} (one) and GET /items/{name} (two) match the same paths",
                e.getMessage());
    }

    @Test
    void malformedTemplatesAreRejected() {
        HttpRouter<String> r = new HttpRouter<>();
        assertThrows(IllegalArgumentException.class, () -> r.add("GET", "/a/{rest+}/b", "x", "t"));
        assertThrows(IllegalArgumentException.class, () -> r.add("GET", "/a/id-{id}", "x", "t"));
        assertThrows(IllegalArgumentException.class, () -> r.add("GET", "/a/{}", "x", "t"));
    }

    @Test
    void aThousandRoutesEachResolveToTheirOwnTarget() {
        HttpRouter<String> r = new HttpRouter<>();
        for (int i = 0; i < 500; i++) {
            r.add("GET", "/static/" + i + "/list", "app", "s" + i);
            r.add("GET", "/tenants/t" + i + "/items/{id}", "app", "p" + i);
        }
        assertEquals(1000, r.routes().size());
        for (int i = 0; i < 500; i++) {
            assertEquals("s" + i, r.match("GET", "/static/" + i + "/list").target);
            HttpRouter.Match<String> m = r.match("GET", "/tenants/t" + i + "/items/x" + i);
            assertEquals("p" + i, m.target);
            assertEquals(Map.of("id", "x" + i), m.params);
        }
        assertNull(r.match("GET", "/tenants/t500/items/1"));
    }
}
