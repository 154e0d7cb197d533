package dev.lift.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class UrlEncodingTest {

    @Test
    void pathSegmentsAreSplitBeforeTheyAreDecoded() {
        assertEquals(List.of("files", "a/b"), UrlEncoding.decodePathSegments("/files/a%2Fb"));
        assertEquals(List.of("files", "a/b"), UrlEncoding.decodePathSegments("/files/a%2fb/"));
        assertEquals(List.of("files", "a%20b"), UrlEncoding.decodePathSegments("/files/a%2520b"));
        assertEquals(List.of("a+b", "\u20ac", "50%"), UrlEncoding.decodePathSegments("/a+b/%E2%82%AC/50%"));
        assertEquals(List.of("a", "", "b"), UrlEncoding.decodePathSegments("/a//b"));
        assertEquals(List.of(), UrlEncoding.decodePathSegments("/"));
        assertEquals(List.of(), UrlEncoding.decodePathSegments(""));
        assertEquals(List.of("/"), UrlEncoding.decodePathSegments("/%2F"));
    }

    @Test
    void aQueryValueIsDecodedOnce() {
        assertEquals(List.of("1&2"), UrlEncoding.parseQuery("a=1%262").get("a"));
        assertEquals(List.of("%20"), UrlEncoding.parseQuery("q=%2520").get("q"));
    }
}
