package dev.lift.plugins.apigatewayv2;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.HttpRequest;
import dev.lift.plugins.testsupport.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An HTTP API sends {@code rawPath} already decoded, a function URL sends it percent-encoded; both
 * send {@code rawQueryString} encoded. Each value is decoded exactly once. The events are the real
 * sample event with {@code rawPath}, {@code rawQueryString} and, for a function URL, the domain
 * changed the way AWS sets them for a client's URL.
 */
class ApiGatewayV2PathAndQueryDecodingTest {

    private final ApiGatewayV2Adapter adapter = new ApiGatewayV2Adapter();

    private static ObjectNode httpApi(String rawPath, String rawQuery) {
        ObjectNode e = Fixtures.event("apigw_http_event.json");
        e.put("rawPath", rawPath);
        e.put("rawQueryString", rawQuery);
        e.remove("queryStringParameters");
        e.remove("pathParameters");
        ((ObjectNode) e.get("requestContext").get("http")).put("path", rawPath);
        return e;
    }

    private static ObjectNode functionUrl(String rawPath, String rawQuery) {
        ObjectNode e = httpApi(rawPath, rawQuery);
        ObjectNode context = (ObjectNode) e.get("requestContext");
        context.put("domainName", "abcdefgh.lambda-url.us-east-1.on.aws").put("domainPrefix", "abcdefgh");
        context.remove("authorizer");
        return e;
    }

    /** {@code /files/a%2Fb}: two segments, so it fits {@code /files/{name}} with {@code a/b} and not {@code /files/{dir}/{name}}. */
    @Test
    void aFunctionUrlKeepsAnEncodedSlashInsideItsSegment() {
        HttpRequest r = adapter.decode(functionUrl("/files/a%2Fb", ""));
        assertEquals(List.of("files", "a/b"), r.pathSegments());
        assertEquals("/files/a/b", r.path());
        assertEquals("/files/a%2Fb", r.rawPath());
    }

    /** For {@code /files/a%2Fb} an HTTP API sends {@code "rawPath": "/files/a/b"}: the slash can no longer be told apart. */
    @Test
    void anHttpApiHasDecodedTheSlashBeforeTheFunctionRuns() {
        HttpRequest r = adapter.decode(httpApi("/files/a/b", ""));
        assertEquals(List.of("files", "a", "b"), r.pathSegments());
        assertEquals("/files/a/b", r.path());
    }

    @Test
    void aDoubleEncodedSpaceIsDecodedOnceNeverToASpace() {
        // The client sent /files/a%2520b?q=%2520 to each.
        HttpRequest url = adapter.decode(functionUrl("/files/a%2520b", "q=%2520"));
        assertEquals("/files/a%20b", url.path());
        assertEquals(List.of("files", "a%20b"), url.pathSegments());
        assertEquals("%20", url.queryParam("q").orElseThrow());

        HttpRequest api = adapter.decode(httpApi("/files/a%20b", "q=%2520"));
        assertEquals("/files/a%20b", api.path());
        assertEquals(List.of("files", "a%20b"), api.pathSegments());
        assertEquals("%20", api.queryParam("q").orElseThrow());
        assertEquals("q=%2520", api.rawQueryString());
    }

    @Test
    void aPlusInThePathIsAPlus() {
        assertEquals("/files/a+b+c", adapter.decode(functionUrl("/files/a+b%2Bc", "")).path());
        assertEquals("/files/a+b+c", adapter.decode(httpApi("/files/a+b+c", "")).path());
    }

    @Test
    void anEncodedAmpersandInAQueryValueIsPartOfTheValue() {
        for (ObjectNode e : List.of(functionUrl("/search", "a=1%262&b=x"), httpApi("/search", "a=1%262&b=x"))) {
            HttpRequest r = adapter.decode(e);
            assertEquals(List.of("1&2"), r.queryParams("a"));
            assertEquals("x", r.queryParam("b").orElseThrow());
            assertEquals("a=1%262&b=x", r.rawQueryString());
        }
    }

    @Test
    void theSampleEventHasPlainSegments() {
        assertEquals(List.of("my", "path"), adapter.decode(Fixtures.json("apigw_http_event.json")).pathSegments());
        assertEquals(List.of(), adapter.decode(functionUrl("/", "")).pathSegments());
    }
}
