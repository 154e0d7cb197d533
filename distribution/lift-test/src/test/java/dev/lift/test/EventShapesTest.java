package dev.lift.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every builder writes only fields that AWS's own sample event of that type has, with the same
 * JSON types, and the values a test relies on.
 */
class EventShapesTest {

    private static JsonNode fixture(String name) throws IOException {
        return Json.mapper().readTree(Path.of(System.getProperty("lift.fixtures"), name).toFile());
    }

    /** Paths in {@code built} that the sample lacks or has with another JSON type. */
    private static List<String> strangers(JsonNode built, JsonNode sample, String path) {
        List<String> out = new ArrayList<>();
        if (sample == null || sample.isNull() || built.isNull()) {
            return out;
        }
        if (built.isNumber() != sample.isNumber() || built.isTextual() != sample.isTextual()
                || built.isObject() != sample.isObject() || built.isArray() != sample.isArray()
                || built.isBoolean() != sample.isBoolean()) {
            out.add(path + " is " + built.getNodeType() + " but AWS sends " + sample.getNodeType());
            return out;
        }
        if (built.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = built.properties().iterator();
            boolean freeFormMap = path.endsWith("headers") || path.endsWith("queryStringParameters")
                    || path.endsWith("Keys") || path.endsWith("Image") || path.endsWith("detail")
                    || path.endsWith("MessageAttributes") || path.endsWith("claims")
                    || path.endsWith("pathParameters") || path.endsWith("stageVariables")
                    || path.endsWith("multiValueHeaders") || path.endsWith("multiValueQueryStringParameters");
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (freeFormMap) {
                    continue;
                }
                if (!sample.has(e.getKey())) {
                    out.add(path + "." + e.getKey() + " is not in AWS's sample");
                } else {
                    out.addAll(strangers(e.getValue(), sample.get(e.getKey()), path + "." + e.getKey()));
                }
            }
        } else if (built.isArray() && sample.size() > 0) {
            for (int i = 0; i < built.size(); i++) {
                out.addAll(strangers(built.get(i), sample.get(Math.min(i, sample.size() - 1)), path + "[" + i + "]"));
            }
        }
        return out;
    }

    private static void assertShapeOf(String fixture, TestEvent event) throws IOException {
        List<String> problems = strangers(event.toJsonTree(), fixture(fixture), "$");
        assertTrue(problems.isEmpty(), () -> fixture + ": " + problems);
    }

    @Test
    void everyBuilderWritesTheFieldsAwsSends() throws IOException {
        assertShapeOf("apigw_http_event.json", Events.http("POST", "/my/path").query("a", "1").cookie("c", "1")
                .json("{}").claim("sub", "u1").pathParameter("p", "v").stageVariable("s", "v"));
        assertShapeOf("apigw_rest_event.json", Events.restApi("GET", "/items").query("a", "1").header("X-A", "1"));
        assertShapeOf("elb_event.json", Events.alb("GET", "/").query("a", "1").cookie("c", "1").body("x"));
        assertShapeOf("apigw_websocket_event.json", Events.webSocket("$connect").header("Host", "h").query("t", "1"));
        assertShapeOf("apigw_websocket_event.json", Events.webSocket("sendMessage").body("{}"));
        assertShapeOf("sqs_event.json", Events.sqs("orders").message("{}").message("m-2", "x"));
        assertShapeOf("sns_event.json", Events.sns("topic").message("id-1", "subject", "hello", Map.of("k", "v")));
        assertShapeOf("s3_event.json", Events.s3("bucket").objectCreated("a/b.csv", 10));
        assertShapeOf("eventbridge_event.json", Events.eventBridge("com.example", "Thing Happened").detail("{\"a\":1}"));
        assertShapeOf("scheduled_event.json", Events.scheduled("nightly"));
        assertShapeOf("dynamodb_event.json", Events.dynamoDb("Todos").insert(Map.of("Id", 1), Map.of("Id", 1, "T", "x"))
                .modify(Map.of("Id", 1), Map.of("Id", 1), Map.of("Id", 1, "T", "y")));
        assertShapeOf("kinesis_event.json", Events.kinesis("clicks").record("hello"));
    }

    @Test
    void httpApiEventCarriesHeadersCookiesQueryAndBase64Bodies() {
        JsonNode e = Events.http("post", "/files/a b").header("X-Multi", "1").header("x-multi", "2")
                .query("q", "a b").query("q", "c").cookie("session", "abc")
                .body(new byte[] {0, 1, 2, (byte) 255}, "application/octet-stream").toJsonTree();
        assertEquals("2.0", e.path("version").asText());
        assertEquals("POST", e.path("requestContext").path("http").path("method").asText());
        assertEquals("/files/a b", e.path("rawPath").asText());
        assertEquals("q=a+b&q=c", e.path("rawQueryString").asText());
        assertEquals("a b,c", e.path("queryStringParameters").path("q").asText());
        assertEquals("1,2", e.path("headers").path("x-multi").asText());
        assertEquals("session=abc", e.path("cookies").get(0).asText());
        assertEquals("AAEC/w==", e.path("body").asText());
        assertTrue(e.path("isBase64Encoded").asBoolean());
        assertEquals("01/Jan/2025:00:00:00 +0000", e.path("requestContext").path("time").asText());
    }

    @Test
    void sqsEventHasTheQueueArnAndTheBodyDigest() {
        JsonNode r = Events.sqsFifo("orders").groupMessage("m-1", "g-7", "hello").toJsonTree().path("Records").get(0);
        assertEquals("arn:aws:sqs:us-east-1:123456789012:orders.fifo", r.path("eventSourceARN").asText());
        assertEquals("5d41402abc4b2a76b9719d911017c592", r.path("md5OfBody").asText());
        assertEquals("g-7", r.path("attributes").path("MessageGroupId").asText());
        assertEquals("1735689600000", r.path("attributes").path("SentTimestamp").asText());
    }

    @Test
    void dynamoDbItemsUseAttributeValues() {
        JsonNode d = Events.dynamoDb("Todos").insert(Map.of("Id", 7),
                        Map.of("Id", 7, "Tags", List.of("a"), "Done", true, "Meta", Map.of("x", 1.5)))
                .toJsonTree().path("Records").get(0).path("dynamodb");
        assertEquals("{\"N\":\"7\"}", d.path("Keys").path("Id").toString());
        assertEquals("{\"L\":[{\"S\":\"a\"}]}", d.path("NewImage").path("Tags").toString());
        assertEquals("{\"BOOL\":true}", d.path("NewImage").path("Done").toString());
        assertEquals("{\"M\":{\"x\":{\"N\":\"1.5\"}}}", d.path("NewImage").path("Meta").toString());
        assertEquals(DynamoDbEventBuilder.sequenceNumber(1), d.path("SequenceNumber").asText());
    }

    @Test
    void s3KeysAreUrlEncodedAsS3SendsThem() {
        JsonNode o = Events.s3("b").objectCreated("imports/my file+1.csv", 5).toJsonTree()
                .path("Records").get(0).path("s3").path("object");
        assertEquals("imports/my+file%2B1.csv", o.path("key").asText());
        assertEquals(5, o.path("size").asInt());
    }
}
