package dev.lift.plugins.testsupport;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.spi.EventAdapter;
import dev.lift.api.Json;
import dev.lift.api.LiftEvent;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real AWS sample events shared by every module's tests, from the directory named by the
 * system property {@code lift.fixtures} (set by the parent pom's Surefire configuration), and the
 * small conversions the adapter tests need.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** The file of a sample event, for example {@code "sqs_event.json"}. */
    public static Path path(String name) {
        String dir = System.getProperty("lift.fixtures");
        if (dir == null) {
            throw new IllegalStateException("The system property lift.fixtures is not set; run the tests through Maven");
        }
        return Path.of(dir, name);
    }

    /** A sample event's bytes, as Lambda would pass them. */
    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample event, parsed. */
    public static JsonNode json(String name) {
        return parse(utf8(bytes(name)));
    }

    /** A sample event, parsed into an object a test may change. */
    public static ObjectNode event(String name) {
        return (ObjectNode) json(name);
    }

    /** JSON text, parsed. */
    public static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event's bytes. */
    public static byte[] bytes(JsonNode event) {
        try {
            return Json.mapper().writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** What the adapter writes for this result, as the kernel would call it. */
    public static String encode(EventAdapter adapter, LiftEvent event, Object result) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(w)) {
            adapter.encode(event, result, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** The real HTTP API sample event, pointed at another method and path, with exactly these headers and no query or cookies. */
    public static byte[] httpApi(String method, String rawPath, java.util.Map<String, String> headers) {
        ObjectNode e = event("apigw_http_event.json");
        e.put("rawPath", rawPath);
        e.put("rawQueryString", "");
        e.remove("queryStringParameters");
        e.remove("pathParameters");
        e.remove("cookies");
        ObjectNode h = e.putObject("headers");
        headers.forEach(h::put);
        ObjectNode http = (ObjectNode) e.path("requestContext").path("http");
        http.put("method", method);
        http.put("path", rawPath);
        if (method.equals("GET")) {
            e.remove("body");
        }
        return bytes(e);
    }

    /** The real SQS sample event with one record per body, message ids m1, m2, ... */
    public static byte[] sqs(String... bodies) {
        ObjectNode e = event("sqs_event.json");
        com.fasterxml.jackson.databind.node.ArrayNode records = (com.fasterxml.jackson.databind.node.ArrayNode) e.get("Records");
        ObjectNode template = (ObjectNode) records.get(0);
        records.removeAll();
        for (int i = 0; i < bodies.length; i++) {
            ObjectNode r = template.deepCopy();
            r.put("messageId", "m" + (i + 1));
            r.put("body", bodies[i]);
            records.add(r);
        }
        return bytes(e);
    }
}
