package dev.lift.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each dispatch benchmark compares like with like only if Lift and the bare handler answer the same thing. */
class DispatchBenchmarkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(EventSource.class)
    void lift_answers_what_the_bare_handler_answers(EventSource source) throws Exception {
        DispatchBenchmark benchmark = new DispatchBenchmark();
        benchmark.source = source;
        benchmark.setUp();
        try {
            JsonNode bare = JSON.readTree(benchmark.baseline());
            JsonNode lift = JSON.readTree(benchmark.lift());
            switch (source) {
                case APIGW_V1, APIGW_V2, ALB -> {
                    assertEquals(200, lift.path("statusCode").asInt(), lift::toString);
                    assertEquals(bare.path("statusCode").asInt(), lift.path("statusCode").asInt(), lift::toString);
                    assertEquals(bare.path("body").asText(), lift.path("body").asText(), lift::toString);
                    assertTrue(lift.path("body").asText().startsWith("Hello from"), lift::toString);
                    assertEquals(contentType(bare), contentType(lift), lift::toString);
                }
                case SQS, DYNAMODB, KINESIS -> {
                    assertEquals(JSON.readTree("{\"batchItemFailures\":[]}"), lift, lift::toString);
                    assertEquals(JSON.readTree("{\"batchItemFailures\":[]}"), bare, bare::toString);
                }
                default -> assertEquals(bare, lift, lift::toString);
            }
        } finally {
            benchmark.tearDown();
        }
    }

    @org.junit.jupiter.api.Test
    void the_sqs_sample_is_widened_to_ten_distinct_messages() throws Exception {
        JsonNode event = JSON.readTree(EventSource.SQS.event());
        assertEquals(EventSource.SQS_RECORDS, event.path("Records").size());
        assertEquals(10, event.path("Records").findValuesAsText("messageId").stream().distinct().count());
    }

    /** The content type, whether the response carries single or multi-value headers. */
    private static String contentType(JsonNode response) {
        for (String field : new String[] {"headers", "multiValueHeaders"}) {
            for (Map.Entry<String, JsonNode> h : response.path(field).properties()) {
                if (h.getKey().equalsIgnoreCase("content-type")) {
                    return h.getValue().isArray() ? h.getValue().get(0).asText() : h.getValue().asText();
                }
            }
        }
        return null;
    }
}
