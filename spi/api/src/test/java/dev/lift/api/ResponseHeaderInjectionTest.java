package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A header value with CR/LF would be written as a folded or forged header line: it is refused when set. */
class ResponseHeaderInjectionTest {

    private static final String INJECTED = "ok\r\nX-Injected: 1";

    @Test
    void headerValuesWithCrLfAreRefusedNamingTheHeaderButNotTheValue() {
        for (var set : List.<java.util.function.Consumer<HttpResponse>>of(
                r -> r.header("X-Trace", INJECTED),
                r -> r.addHeader("X-Trace", INJECTED),
                r -> r.header("X-Trace", "a\nb"),
                r -> r.header("X-Trace", "a\u0000b"),
                r -> r.header("X-Trace", "a\u001bb"))) {
            HttpResponse response = HttpResponse.ok();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> set.accept(response));
            assertTrue(e.getMessage().contains("'X-Trace'"), e.getMessage());
            assertFalse(e.getMessage().contains("X-Injected"), e.getMessage());
            assertTrue(response.header("X-Trace").isEmpty(), "nothing was set");
        }
    }

    @Test
    void cookiesWithCrLfAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpResponse.ok().cookie("id", "1" + INJECTED));
        assertTrue(e.getMessage().contains("'Set-Cookie'"), e.getMessage());
        assertFalse(e.getMessage().contains("X-Injected"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.ok().cookie("id=1\nSet-Cookie: admin=1"));
    }

    @Test
    void headerNamesMustBeTokens() {
        for (String name : List.of("X Trace", "X-Trace:", "X\r\nInjected", "", "Ünicode")) {
            assertThrows(IllegalArgumentException.class, () -> HttpResponse.ok().header(name, "1"), name);
        }
    }

    @Test
    void liftExceptionHeadersAreCheckedToo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LiftException.notFound("x").withHeader("Location", "/a" + INJECTED));
        assertTrue(e.getMessage().contains("'Location'"), e.getMessage());
        assertFalse(e.getMessage().contains("X-Injected"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LiftException(400, "bad_request", "Bad Request", null,
                false, Map.of("X-A", INJECTED), List.of(), null));
    }

    @Test
    void ordinaryValuesAndTabsStillPass() {
        HttpResponse r = HttpResponse.ok().header("X-Trace", "a\tb").addHeader("Cache-Control", "no-store, private")
                .cookie("id", "abc");
        assertEquals("a\tb", r.header("X-Trace").orElseThrow());
        assertEquals("no-store, private", r.header("Cache-Control").orElseThrow());
        assertEquals(1, r.cookies().size());
        assertEquals("/a", LiftException.notFound("x").withHeader("Location", "/a").headers().get("Location"));
    }
}
