package dev.lift.plugins.apigatewayv1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.HttpRequest;
import dev.lift.plugins.testsupport.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A REST API sends {@code path} percent-encoded but {@code pathParameters} and query values
 * decoded: each is decoded exactly once. The events are the real sample event with the fields a
 * client's URL would change, set the way API Gateway sets them.
 */
class ApiGatewayV1PathAndQueryDecodingTest {

    private final ApiGatewayV1Adapter adapter = new ApiGatewayV1Adapter();

    /** The sample event as API Gateway sends it for {@code GET <rawPath>} on the resource {@code resource}. */
    private static ObjectNode request(String rawPath, String resource) {
        ObjectNode e = Fixtures.event("apigw_rest_event.json");
        e.put("path", rawPath);
        e.put("resource", resource);
        ((ObjectNode) e.get("requestContext")).put("path", rawPath).put("resourcePath", resource);
        e.remove("queryStringParameters");
        e.remove("multiValueQueryStringParameters");
        return e;
    }

    /** {@code /files/a%2Fb}: two segments, so it fits {@code /files/{name}} with {@code a/b} and not {@code /files/{dir}/{name}}. */
    @Test
    void anEncodedSlashStaysInsideItsSegment() {
        ObjectNode e = request("/files/a%2Fb", "/files/{name}");
        e.putObject("pathParameters").put("name", "a/b");
        HttpRequest r = adapter.decode(e);
        assertEquals(List.of("files", "a/b"), r.pathSegments());
        assertEquals("/files/a/b", r.path());
        assertEquals("/files/a%2Fb", r.rawPath());
        assertEquals(Map.of("name", "a/b"), r.pathParameters());
    }

    @Test
    void aDoubleEncodedSpaceIsDecodedOnceNeverToASpace() {
        // The client sent /files/a%2520b?q=%2520: the path arrives as sent, the query value decoded once.
        ObjectNode e = request("/files/a%2520b", "/files/{name}");
        e.putObject("pathParameters").put("name", "a%20b");
        e.putObject("queryStringParameters").put("q", "%20");
        e.putObject("multiValueQueryStringParameters").putArray("q").add("%20");
        HttpRequest r = adapter.decode(e);
        assertEquals("/files/a%20b", r.path());
        assertEquals(List.of("files", "a%20b"), r.pathSegments());
        assertEquals(Map.of("name", "a%20b"), r.pathParameters());
        assertEquals("%20", r.queryParam("q").orElseThrow());
        assertEquals("q=%2520", r.rawQueryString());
    }

    @Test
    void aPlusInThePathIsAPlus() {
        HttpRequest r = adapter.decode(request("/files/a+b%2Bc", "/files/{name}"));
        assertEquals("/files/a+b+c", r.path());
        assertEquals(List.of("files", "a+b+c"), r.pathSegments());
    }

    @Test
    void decodedQueryValuesAreNotDecodedAgain() {
        // The client sent ?a=1%262&b=%2B: API Gateway hands over a = "1&2" and b = "+".
        ObjectNode e = request("/search", "/search");
        e.putObject("queryStringParameters").put("a", "1&2").put("b", "+");
        ObjectNode multi = e.putObject("multiValueQueryStringParameters");
        multi.putArray("a").add("1&2");
        multi.putArray("b").add("+");
        HttpRequest r = adapter.decode(e);
        assertEquals("1&2", r.queryParam("a").orElseThrow());
        assertEquals("+", r.queryParam("b").orElseThrow());
        assertEquals("a=1%262&b=%2B", r.rawQueryString());
    }

    @Test
    void theSampleEventHasPlainSegments() {
        HttpRequest r = adapter.decode(Fixtures.json("apigw_rest_event_with_body.json"));
        assertEquals("/path/to/resource", r.path());
        assertEquals(List.of("path", "to", "resource"), r.pathSegments());
        assertEquals(List.of(), adapter.decode(request("/", "/")).pathSegments());
    }
}
