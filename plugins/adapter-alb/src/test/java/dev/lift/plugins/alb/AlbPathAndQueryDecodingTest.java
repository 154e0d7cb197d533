package dev.lift.plugins.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.HttpRequest;
import dev.lift.plugins.testsupport.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ALB sends {@code path} and the query names and values as the client sent them, percent-encoded:
 * each is decoded exactly once. The events are the real sample event with {@code path} and the
 * query set the way ALB sets them for a client's URL.
 */
class AlbPathAndQueryDecodingTest {

    private final AlbAdapter adapter = new AlbAdapter();

    private static ObjectNode request(String path) {
        ObjectNode e = Fixtures.event("elb_event.json");
        e.put("path", path);
        return e;
    }

    /** {@code /files/a%2Fb}: two segments, so it fits {@code /files/{name}} with {@code a/b} and not {@code /files/{dir}/{name}}. */
    @Test
    void anEncodedSlashStaysInsideItsSegment() {
        HttpRequest r = adapter.decode(request("/files/a%2Fb"));
        assertEquals(List.of("files", "a/b"), r.pathSegments());
        assertEquals("/files/a/b", r.path());
        assertEquals("/files/a%2Fb", r.rawPath());
    }

    @Test
    void aDoubleEncodedSpaceIsDecodedOnceNeverToASpace() {
        ObjectNode e = request("/files/a%2520b");
        e.putObject("queryStringParameters").put("q", "%2520");
        HttpRequest r = adapter.decode(e);
        assertEquals("/files/a%20b", r.path());
        assertEquals(List.of("files", "a%20b"), r.pathSegments());
        assertEquals("%20", r.queryParam("q").orElseThrow());
        assertEquals("q=%2520", r.rawQueryString());
    }

    @Test
    void aPlusInThePathIsAPlus() {
        HttpRequest r = adapter.decode(request("/files/a+b%2Bc"));
        assertEquals("/files/a+b+c", r.path());
        assertEquals(List.of("files", "a+b+c"), r.pathSegments());
    }

    @Test
    void anEncodedAmpersandInAQueryValueIsPartOfTheValue() {
        ObjectNode single = request("/search");
        single.putObject("queryStringParameters").put("a", "1%262");
        assertEquals(List.of("1&2"), adapter.decode(single).queryParams("a"));

        ObjectNode multi = request("/search");
        multi.remove("queryStringParameters");
        multi.putObject("multiValueQueryStringParameters").putArray("a").add("1%262").add("3");
        HttpRequest r = adapter.decode(multi);
        assertEquals(List.of("1&2", "3"), r.queryParams("a"));
        assertEquals("a=1%262&a=3", r.rawQueryString());
    }

    @Test
    void theSampleEventIsTheRootPath() {
        HttpRequest r = adapter.decode(Fixtures.json("elb_event.json"));
        assertEquals(List.of(), r.pathSegments());
        assertEquals("/", r.path());
    }
}
