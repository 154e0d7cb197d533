package dev.lift.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The comparison is fair only if both sides answer the same thing. */
class HttpV2BenchmarkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpV2Benchmark benchmark = new HttpV2Benchmark();

    @BeforeEach
    void setUp() {
        benchmark.setUp();
    }

    @AfterEach
    void tearDown() {
        benchmark.tearDown();
    }

    @Test
    void baseline_answers_200_with_the_echoed_body_as_text() throws Exception {
        JsonNode response = JSON.readTree(benchmark.baseline());

        assertEquals(200, response.path("statusCode").asInt());
        assertEquals("text/plain; charset=utf-8", header(response, "content-type"));
        assertEquals("Hello from Lambda!!", response.path("body").asText());
    }

    @Test
    void lift_answers_exactly_what_the_baseline_answers() throws Exception {
        JsonNode baseline = JSON.readTree(benchmark.baseline());
        JsonNode lift = JSON.readTree(benchmark.lift());

        assertEquals(baseline.path("statusCode").asInt(), lift.path("statusCode").asInt(), lift::toString);
        assertEquals(header(baseline, "content-type"), header(lift, "content-type"), lift::toString);
        assertEquals(baseline.path("body").asText(), lift.path("body").asText(), lift::toString);
        assertFalse(lift.path("isBase64Encoded").asBoolean(), lift::toString);
    }

    @Test
    void every_invocation_answers_the_same_bytes() {
        // The benchmark repeats one operation; it must not depend on state left by the previous one.
        assertEquals(new String(benchmark.lift()), new String(benchmark.lift()));
    }

    /** A response header by name, ignoring case as HTTP does. */
    private static String header(JsonNode response, String name) {
        for (Map.Entry<String, JsonNode> h : response.path("headers").properties()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue().asText();
            }
        }
        return fail("no " + name + " header in " + response);
    }
}
