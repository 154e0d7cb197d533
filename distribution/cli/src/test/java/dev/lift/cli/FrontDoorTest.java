package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Json;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code serve --format}: each front door's event reaches the application through the real adapter
 * that the source would reach, over real HTTP, and its response is read back as that source reads it.
 */
class FrontDoorTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private LiftKernel kernel;
    private HttpClient client;

    @BeforeEach
    void boot() {
        kernel = Lift.builder().environment(Cli.BOTH_APPS).build();
        client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @AfterEach
    void shutdown() {
        kernel.shutdown();
    }

    private LocalServer serve(FrontDoor door) throws Exception {
        return new LocalServer(kernel, "127.0.0.1", 0, 4, new PrintStream(logBytes, true, StandardCharsets.UTF_8))
                .format(door).start();
    }

    private HttpResponse<String> get(LocalServer server, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + pathAndQuery)).timeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void restDeliversPayload10ThroughTheRestAdapterWithMultiValuesAndDecodedQuery() throws Exception {
        try (LocalServer server = serve(FrontDoor.REST)) {
            HttpResponse<String> r = get(server, "/request?a=1&a=2&q=x%3Dy&sp=a+b", "X-Multi", "one", "X-Multi", "two");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = json(r.body());
            assertEquals("GET", body.path("method").asText());
            assertEquals("/request", body.path("path").asText());
            assertEquals(json("{\"a\":[\"1\",\"2\"],\"q\":[\"x=y\"],\"sp\":[\"a b\"]}"), body.path("query"));
            assertEquals(json("[\"one\",\"two\"]"), body.path("multi"));
            assertEquals("127.0.0.1", body.path("sourceIp").asText());
            // REST's request id header, not the HTTP API's; the content type once though both maps carry it.
            assertTrue(r.headers().firstValue("x-amzn-RequestId").isPresent(), r.headers().toString());
            assertFalse(r.headers().firstValue("Apigw-Requestid").isPresent(), r.headers().toString());
            assertEquals(List.of("application/json"), r.headers().allValues("content-type"));
        }
    }

    @Test
    void restAndAlbMultiSetEveryCookieAndAlbWithoutMultiValueHeadersOnlyTheLast() throws Exception {
        for (FrontDoor door : List.of(FrontDoor.REST, FrontDoor.ALB_MULTI, FrontDoor.HTTP_API)) {
            try (LocalServer server = serve(door)) {
                HttpResponse<String> r = get(server, "/cookies", "Cookie", "x=1; y=2");
                assertEquals(200, r.statusCode(), door + " " + r.body());
                assertEquals(List.of("a=1; Path=/", "b=2; HttpOnly"), r.headers().allValues("set-cookie"), door.option());
                assertEquals(json("{\"x\":\"1\",\"y\":\"2\"}"), json(r.body()), door.option());
            }
        }
        try (LocalServer server = serve(FrontDoor.ALB)) {
            HttpResponse<String> r = get(server, "/cookies");
            assertEquals(List.of("b=2; HttpOnly"), r.headers().allValues("set-cookie"));
        }
    }

    @Test
    void albPassesTheQueryStillEncodedAndTheAdapterDecodesItOnceAndFindsTheClientInXForwardedFor() throws Exception {
        for (FrontDoor door : List.of(FrontDoor.ALB, FrontDoor.ALB_MULTI)) {
            try (LocalServer server = serve(door)) {
                HttpResponse<String> r = get(server, "/request?q=x%3Dy&p=%2520", "X-Multi", "one", "X-Multi", "two");
                assertEquals(200, r.statusCode(), r.body());
                JsonNode body = json(r.body());
                assertEquals(json("{\"q\":[\"x=y\"],\"p\":[\"%20\"]}"), body.path("query"), door.option());
                assertEquals("127.0.0.1", body.path("sourceIp").asText(), door.option());
                // Off: ALB keeps the last value of a repeated header; on: all of them.
                assertEquals(door == FrontDoor.ALB ? json("[\"two\"]") : json("[\"one\",\"two\"]"), body.path("multi"));
                assertFalse(r.headers().firstValue("Apigw-Requestid").isPresent());
            }
        }
    }

    @Test
    void binaryBodiesTravelBase64EncodedBothWaysThroughEveryFrontDoor() throws Exception {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        for (FrontDoor door : FrontDoor.values()) {
            try (LocalServer server = serve(door)) {
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(server.uri() + "/echo"))
                        .timeout(TIMEOUT).header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode(), door.option());
                assertArrayEquals(bytes, r.body(), door.option());
            }
        }
    }

    @Test
    void theEventsHaveTheFieldsOfTheRealSampleEvents() throws Exception {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("localhost:1"));
        headers.put("User-agent", List.of("test"));
        FrontDoor.Request request = new FrontDoor.Request("GET", "/my/path", "parameter1=value1", headers, "HTTP/1.1",
                "127.0.0.1", "localhost:1", 1, "Hello".getBytes(StandardCharsets.UTF_8), "req-1");

        JsonNode restSample = json(java.nio.file.Files.readString(Path.of(Cli.fixture("apigw_rest_event.json"))));
        ObjectNode rest = FrontDoor.REST.event(request);
        // The sample is an HTTP API capture in the 1.0 format ("version"); a REST API sends none.
        assertEquals(minus(names(restSample), "version"), names(rest));
        assertEquals(minus(names(restSample.path("requestContext")), "authorizer"), names(rest.path("requestContext")));
        assertEquals(names(restSample.path("requestContext").path("identity")),
                names(rest.path("requestContext").path("identity")));
        assertEquals("/{proxy+}", rest.path("requestContext").path("resourcePath").asText());
        assertEquals("my/path", rest.path("pathParameters").path("proxy").asText());

        JsonNode albSample = json(java.nio.file.Files.readString(Path.of(Cli.fixture("elb_event.json"))));
        assertEquals(names(albSample), names(FrontDoor.ALB.event(request)));
        Set<String> multi = minus(minus(names(albSample), "headers"), "queryStringParameters");
        multi.add("multiValueHeaders");
        multi.add("multiValueQueryStringParameters");
        assertEquals(multi, names(FrontDoor.ALB_MULTI.event(request)));
        assertEquals(names(albSample.path("requestContext")), names(FrontDoor.ALB.event(request).path("requestContext")));
    }

    @Test
    void aBadFormatIsRefusedNamingTheOptionAndItsValues() {
        Cli cli = Cli.run("serve", "--format", "soap", "--port", "0");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().startsWith("--format must be one of http-api, rest, alb, alb-multi, was 'soap'"), cli.err());
    }

    private static Set<String> names(JsonNode node) {
        Set<String> out = new TreeSet<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static Set<String> minus(Set<String> names, String name) {
        Set<String> out = new TreeSet<>(names);
        out.remove(name);
        return out;
    }
}
