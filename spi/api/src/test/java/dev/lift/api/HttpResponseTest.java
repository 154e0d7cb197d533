package dev.lift.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a handler's response turns into: status, headers, cookies, body bytes and whether it goes out as base64. */
class HttpResponseTest {

    @Test
    void the_factories_set_status_content_type_and_body() {
        assertEquals(200, HttpResponse.ok().statusCode());
        assertEquals(204, HttpResponse.noContent().statusCode());
        assertEquals(0, HttpResponse.noContent().bodyBytes().length);
        assertEquals(418, HttpResponse.status(418).statusCode());
        HttpResponse text = HttpResponse.text("héllo");
        assertEquals("text/plain; charset=utf-8", text.header("content-type").orElseThrow());
        assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), text.bodyBytes());
        assertEquals("héllo", text.bodyText());
        HttpResponse json = HttpResponse.json(Map.of("id", 7));
        assertEquals("application/json", json.header("Content-Type").orElseThrow());
        assertEquals(Optional.of(Map.of("id", 7)), json.jsonValue());
        assertEquals("{\"id\":7}", json.bodyText());
        HttpResponse png = HttpResponse.bytes(new byte[] {(byte) 0x89, 'P'}, "image/png");
        assertTrue(png.isBinary());
        assertEquals(Optional.empty(), png.jsonValue());
        assertEquals("HttpResponse[200]", png.toString());
        assertEquals(0, HttpResponse.bytes(null, null).bodyBytes().length);
        assertEquals(0, HttpResponse.text(null).bodyBytes().length);
    }

    @Test
    void a_status_outside_100_to_599_is_refused() {
        assertEquals("HTTP status must be 100 to 599, was 600",
                assertThrows(IllegalArgumentException.class, () -> HttpResponse.status(600)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.ok().withStatus(99));
        assertEquals(201, HttpResponse.ok().withStatus(201).statusCode());
    }

    @Test
    void headers_are_case_insensitive_set_replaces_add_appends() {
        HttpResponse r = HttpResponse.ok().header("X-Id", "1").addHeader("x-id", "2").addHeader("Vary", "Origin");
        assertEquals(List.of("1", "2"), r.headers().get("X-ID"));
        r.header("x-ID", "3");
        assertEquals(List.of("3"), r.headers().get("X-Id"));
        r.removeHeader("VARY");
        assertEquals(Optional.empty(), r.header("Vary"));
        r.addHeader("X-Null", null);
        assertFalse(r.headers().containsKey("X-Null"));
        assertThrows(UnsupportedOperationException.class, () -> r.headers().clear());
    }

    @Test
    void a_header_that_would_split_the_response_is_refused() {
        assertEquals("The value of response header 'X-A' contains a control character (CR, LF or other) at index 1; "
                        + "header values must not contain them",
                assertThrows(IllegalArgumentException.class, () -> HttpResponse.ok().header("X-A", "a\r\nSet-Cookie: x"))
                        .getMessage());
        assertEquals("Response header name 'X A' is not a valid HTTP token: use letters, digits and !#$%&'*+-.^_`|~ only",
                assertThrows(IllegalArgumentException.class, () -> HttpResponse.ok().addHeader("X A", "v")).getMessage());
        assertEquals("A response header name must not be empty",
                assertThrows(IllegalArgumentException.class, () -> HttpResponse.ok().header("", "v")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.ok().cookie("a=b\nX: y"));
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.ok().header("X", "\u007f"));
        HttpResponse.ok().header("X-Tab", "a\tb"); // a tab is allowed in a value
    }

    @Test
    void cookies_keep_their_order_and_the_short_form_is_secure() {
        HttpResponse r = HttpResponse.ok().cookie("a=1; Path=/").cookie("session", "s-1");
        assertEquals(List.of("a=1; Path=/", "session=s-1; Path=/; Secure; HttpOnly; SameSite=Lax"), r.cookies());
        assertThrows(UnsupportedOperationException.class, () -> r.cookies().add("x=1"));
    }

    @Test
    void a_later_body_replaces_an_earlier_one_and_keeps_an_explicit_content_type() {
        HttpResponse r = HttpResponse.ok().header("Content-Type", "application/problem+json").jsonBody(Map.of("a", 1));
        assertEquals("application/problem+json", r.header("Content-Type").orElseThrow());
        r.textBody("plain");
        assertEquals(Optional.empty(), r.jsonValue());
        assertEquals("plain", r.bodyText());
        r.body("x".getBytes(StandardCharsets.UTF_8), "application/octet-stream");
        assertEquals("application/octet-stream", r.header("Content-Type").orElseThrow());
        assertTrue(r.isBinary());
        assertFalse(HttpResponse.bytes(new byte[0], "image/png").isBinary(), "an empty body is never binary");
    }

    @Test
    void write_json_uses_the_given_mapper_and_names_a_type_it_cannot_write() {
        HttpResponse r = HttpResponse.json(List.of(1, 2)).writeJson(new ObjectMapper());
        assertEquals("[1,2]", r.bodyText());
        Object unwritable = new Object();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HttpResponse.json(unwritable).writeJson(new ObjectMapper()));
        assertTrue(e.getMessage().startsWith("Lift cannot write a response body of type java.lang.Object as JSON: "),
                e.getMessage());
    }

    @Test
    void textual_content_types_are_sent_as_text_others_as_base64() {
        for (String t : List.of("text/html", "application/json; charset=utf-8", "application/problem+json",
                "application/xml", "image/svg+xml", "application/javascript", "application/x-www-form-urlencoded",
                "application/graphql", " TEXT/CSV ")) {
            assertTrue(HttpResponse.isTextual(t), t);
        }
        for (String t : List.of("image/png", "application/octet-stream", "application/pdf")) {
            assertFalse(HttpResponse.isTextual(t), t);
        }
        assertTrue(HttpResponse.isTextual(null));
    }
}
