package dev.lift.plugins.crac;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS's published sample events, one per standard source, that the priming pass sends through
 * the pipeline before a checkpoint. Read when a checkpoint comes, never during a plain init.
 */
final class PrimingSamples {

    static final List<String> NAMES = List.of("apigw_http_event", "apigw_rest_event", "elb_event",
            "apigw_websocket_event", "sqs_event", "sns_event", "s3_event", "eventbridge_event", "scheduled_event",
            "dynamodb_event", "kinesis_event");

    private PrimingSamples() {
    }

    static List<JsonNode> load() throws IOException {
        List<JsonNode> samples = new ArrayList<>(NAMES.size());
        for (String name : NAMES) {
            try (InputStream in = PrimingSamples.class.getResourceAsStream("samples/" + name + ".json")) {
                if (in == null) {
                    throw new IOException("sample event " + name + ".json is missing from the snapshot-crac jar");
                }
                samples.add(Json.mapper().readTree(in));
            }
        }
        return samples;
    }
}
