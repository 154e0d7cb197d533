package dev.lift.test;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Api;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * A partial batch response, {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}}, as an SQS,
 * Kinesis or DynamoDB Streams adapter wrote it.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class BatchResult {

    private final List<String> failed = new ArrayList<>();

    BatchResult(JsonNode response) {
        if (!response.path("batchItemFailures").isArray()) {
            throw new AssertionFailedError("The response is not a partial batch response (no batchItemFailures): "
                    + response);
        }
        response.path("batchItemFailures").forEach(f -> failed.add(f.path("itemIdentifier").asText()));
    }

    /** The identifiers of the failed records, in the order reported. */
    public List<String> failedItemIdentifiers() {
        return List.copyOf(failed);
    }

    /** Asserts that no record failed. */
    public BatchResult assertAllSucceeded() {
        if (!failed.isEmpty()) {
            throw new AssertionFailedError("Expected every record to succeed, but these failed: " + failed, List.of(), failed);
        }
        return this;
    }

    /** Asserts exactly these failures, in this order. */
    public BatchResult assertFailed(String... itemIdentifiers) {
        List<String> expected = Arrays.asList(itemIdentifiers);
        if (!expected.equals(failed)) {
            throw new AssertionFailedError("Expected failed records " + expected + " but were " + failed, expected, failed);
        }
        return this;
    }

    @Override
    public String toString() {
        return "failed " + failed;
    }
}
