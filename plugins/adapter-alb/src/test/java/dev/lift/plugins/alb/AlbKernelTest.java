package dev.lift.plugins.alb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.HttpResponse;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.TestApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ALB events through a real kernel, event bytes in and response bytes out. */
class AlbKernelTest {

    private final LiftKernel kernel = Lift.builder().discover(false).plugin(new AlbAdapter())
            .plugin(new TestApp(r -> r
                    .get("/", (req, ctx) -> HttpResponse.text(req.bodyText()))
                    .get("/search", (req, ctx) -> HttpResponse.text("q=" + req.queryParams("q")
                            + " cookie=" + req.cookie("name").orElse("-")))))
            .build();

    @AfterEach
    void close() {
        kernel.close();
    }

    private JsonNode invoke(ObjectNode event) {
        return Fixtures.parse(Fixtures.utf8(kernel.invoke(Fixtures.bytes(event))));
    }

    @Test
    void theSampleEventIsAnsweredInSingleValueForm() {
        assertEquals("{\"statusCode\":200,\"statusDescription\":\"200 OK\","
                + "\"headers\":{\"Content-Type\":\"text/plain; charset=utf-8\"},"
                + "\"body\":\"Hello from ELB\",\"isBase64Encoded\":false}",
                Fixtures.utf8(kernel.invoke(Fixtures.bytes("elb_event.json"))));
    }

    @Test
    void aMultiValueRequestIsAnsweredInMultiValueForm() {
        ObjectNode e = Fixtures.event("elb_event.json");
        e.put("path", "/search");
        e.remove("headers");
        e.remove("queryStringParameters");
        e.putObject("multiValueHeaders").putArray("cookie").add("name=value");
        e.putObject("multiValueQueryStringParameters").putArray("q").add("a%20b").add("c+d");
        JsonNode response = invoke(e);
        assertEquals(200, response.get("statusCode").asInt());
        assertEquals("q=[a b, c d] cookie=value", response.get("body").asText());
        assertEquals("text/plain; charset=utf-8", response.path("multiValueHeaders").path("Content-Type").path(0).asText());
        assertFalse(response.has("headers"), response.toString());
    }

    @Test
    void aBrokenPercentEscapeReachesTheHandlerAsSent() {
        ObjectNode e = Fixtures.event("elb_event.json");
        e.put("path", "/search");
        e.putObject("queryStringParameters").put("q", "%zz%4");
        JsonNode response = invoke(e);
        assertEquals(200, response.get("statusCode").asInt());
        assertEquals("q=[%zz%4] cookie=value", response.get("body").asText());
    }

    @Test
    void aMalformedQueryIsA400ProblemNamingTheField() {
        ObjectNode e = Fixtures.event("elb_event.json");
        e.put("path", "/search");
        e.putObject("queryStringParameters").put("q", 1);
        JsonNode response = invoke(e);
        assertEquals(400, response.get("statusCode").asInt(), response.toString());
        String body = response.get("body").asText();
        assertTrue(body.contains("queryStringParameters.q must be a string, was a number"), body);
        assertFalse(body.contains("Exception") || body.contains("dev.lift"), body);
    }
}
