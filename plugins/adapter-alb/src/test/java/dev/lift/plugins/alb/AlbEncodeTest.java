package dev.lift.plugins.alb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;

class AlbEncodeTest {

    private final AlbAdapter adapter = new AlbAdapter();

    private HttpRequest singleValueRequest() {
        return adapter.decode(Fixtures.json("elb_event.json"));
    }

    private HttpRequest multiValueRequest() {
        ObjectNode e = (ObjectNode) Fixtures.json("elb_event.json");
        e.remove("headers");
        e.remove("queryStringParameters");
        e.putObject("multiValueHeaders").putArray("host").add("lambda-YYYYYYYY.elb.amazonaws.com");
        e.putObject("multiValueQueryStringParameters");
        return adapter.decode(e);
    }

    private static HttpResponse page() {
        return HttpResponse.ok()
                .header("Content-Type", "text/html")
                .addHeader("Cache-Control", "no-cache")
                .addHeader("Cache-Control", "no-store")
                .addHeader("Set-Cookie", "cookie1=value1")
                .cookie("cookie2=value2")
                .textBody("<html><body>Hello</body></html>");
    }

    @Test
    void answersASingleValueRequestWithHeaders() {
        assertEquals("{\"statusCode\":200,\"statusDescription\":\"200 OK\","
                + "\"headers\":{\"Cache-Control\":\"no-cache, no-store\",\"Content-Type\":\"text/html\","
                + "\"Set-Cookie\":\"cookie2=value2\"},"
                + "\"body\":\"<html><body>Hello</body></html>\",\"isBase64Encoded\":false}",
                Fixtures.encode(adapter, singleValueRequest(), page()));
    }

    @Test
    void answersAMultiValueRequestWithMultiValueHeaders() {
        assertEquals("{\"statusCode\":200,\"statusDescription\":\"200 OK\","
                + "\"multiValueHeaders\":{\"Cache-Control\":[\"no-cache\",\"no-store\"],\"Content-Type\":[\"text/html\"],"
                + "\"Set-Cookie\":[\"cookie1=value1\",\"cookie2=value2\"]},"
                + "\"body\":\"<html><body>Hello</body></html>\",\"isBase64Encoded\":false}",
                Fixtures.encode(adapter, multiValueRequest(), page()));
    }

    @Test
    void cookiesWithoutASetCookieHeaderTakeTheirSortedPlace() {
        HttpResponse res = HttpResponse.status(302).header("Location", "/login").header("X-Trace", "t")
                .cookie("a=1").cookie("b=2");
        assertEquals("{\"statusCode\":302,\"statusDescription\":\"302 Found\","
                + "\"multiValueHeaders\":{\"Location\":[\"/login\"],\"Set-Cookie\":[\"a=1\",\"b=2\"],\"X-Trace\":[\"t\"]},"
                + "\"body\":\"\",\"isBase64Encoded\":false}", Fixtures.encode(adapter, multiValueRequest(), res));
        assertEquals("{\"statusCode\":302,\"statusDescription\":\"302 Found\","
                + "\"headers\":{\"Location\":\"/login\",\"Set-Cookie\":\"b=2\",\"X-Trace\":\"t\"},"
                + "\"body\":\"\",\"isBase64Encoded\":false}", Fixtures.encode(adapter, singleValueRequest(), res));
        HttpResponse early = HttpResponse.status(200).header("Accept-Ranges", "none").cookie("z=26");
        assertEquals("{\"statusCode\":200,\"statusDescription\":\"200 OK\","
                + "\"headers\":{\"Accept-Ranges\":\"none\",\"Set-Cookie\":\"z=26\"},"
                + "\"body\":\"\",\"isBase64Encoded\":false}", Fixtures.encode(adapter, singleValueRequest(), early));
    }

    @Test
    void withoutARequestTheSingleValueFormIsUsed() {
        HttpResponse problem = HttpResponse.status(400).header("Content-Type", "application/problem+json")
                .textBody("{\"status\":400}");
        assertEquals("{\"statusCode\":400,\"statusDescription\":\"400 Bad Request\","
                + "\"headers\":{\"Content-Type\":\"application/problem+json\"},"
                + "\"body\":\"{\\\"status\\\":400}\",\"isBase64Encoded\":false}", Fixtures.encode(adapter, null, problem));
    }

    @Test
    void statusDescriptionsUseTheStandardReasonPhrases() {
        assertEquals("201 Created", description(201));
        assertEquals("204 No Content", description(204));
        assertEquals("304 Not Modified", description(304));
        assertEquals("404 Not Found", description(404));
        assertEquals("413 Content Too Large", description(413));
        assertEquals("422 Unprocessable Content", description(422));
        assertEquals("429 Too Many Requests", description(429));
        assertEquals("503 Service Unavailable", description(503));
        assertEquals("499 Client Error", description(499));
        assertEquals("599 Server Error", description(599));
    }

    private String description(int status) {
        return Fixtures.parse(Fixtures.encode(adapter, null, HttpResponse.status(status)))
                .get("statusDescription").asText();
    }

    @Test
    void binaryBodiesTravelAsBase64() {
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, (byte) 0x80};
        String json = Fixtures.encode(adapter, singleValueRequest(), HttpResponse.bytes(gif, "image/gif"));
        assertEquals("{\"statusCode\":200,\"statusDescription\":\"200 OK\",\"headers\":{\"Content-Type\":\"image/gif\"},"
                + "\"body\":\"" + Base64.getEncoder().encodeToString(gif) + "\",\"isBase64Encoded\":true}", json);
        assertArrayEquals(gif, Base64.getDecoder().decode(Fixtures.parse(json).get("body").asText()));
    }

    /**
     * The sample response shows {@code headers} and {@code multiValueHeaders} together; ALB wants
     * the form the request used, so Lift writes one of them. Their values match the sample's.
     */
    @Test
    void matchesTheSampleResponseFieldByField() {
        JsonNode sample = Fixtures.json("responses/alb_response.json");
        HttpResponse res = HttpResponse.status(sample.get("statusCode").asInt())
                .header("Content-Type", sample.at("/headers/Content-Type").asText());
        sample.at("/multiValueHeaders/Set-Cookie").forEach(c -> res.cookie(c.asText()));
        res.textBody(sample.get("body").asText());

        JsonNode multi = Fixtures.parse(Fixtures.encode(adapter, multiValueRequest(), res));
        assertEquals(sample.get("statusCode"), multi.get("statusCode"));
        assertEquals(sample.get("statusDescription"), multi.get("statusDescription"));
        assertEquals(sample.at("/multiValueHeaders/Set-Cookie"), multi.at("/multiValueHeaders/Set-Cookie"));
        assertEquals(sample.at("/headers/Content-Type"), multi.at("/multiValueHeaders/Content-Type/0"));
        assertEquals(sample.get("body"), multi.get("body"));
        assertEquals(sample.get("isBase64Encoded"), multi.get("isBase64Encoded"));
        assertFalse(multi.has("headers"));

        JsonNode single = Fixtures.parse(Fixtures.encode(adapter, singleValueRequest(), res));
        assertEquals(sample.at("/headers/Content-Type"), single.at("/headers/Content-Type"));
        assertEquals(sample.at("/multiValueHeaders/Set-Cookie/1"), single.at("/headers/Set-Cookie"));
        assertEquals(sample.get("statusDescription"), single.get("statusDescription"));
        assertEquals(sample.get("body"), single.get("body"));
        assertFalse(single.has("multiValueHeaders"));
        assertEquals(List.of("statusCode", "statusDescription", "headers", "body", "isBase64Encoded"),
                fieldNames(single));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anythingButAnHttpResponseIsABugReportedClearly() {
        IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> Fixtures.encode(adapter, singleValueRequest(), 42));
        assertEquals("adapter-alb encodes HttpResponse results only, but was given a java.lang.Integer;"
                + " the kernel must turn handler results into an HttpResponse before encoding", ex.getMessage());
    }
}
