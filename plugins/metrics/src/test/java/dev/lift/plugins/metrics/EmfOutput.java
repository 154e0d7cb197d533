package dev.lift.plugins.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What the plugin wrote: each line parsed with Jackson and checked against the Embedded Metric
 * Format specification (root {@code _aws} with a numeric {@code Timestamp} and one
 * {@code CloudWatchMetrics} directive; {@code Namespace}; dimension sets of at most 30 keys, each a
 * string member of the root; at most 100 metric definitions with a CloudWatch unit, each a number or
 * an array of at most 100 numbers at the root).
 */
final class EmfOutput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    void reset() {
        bytes.reset();
    }

    /** Every line, parsed and validated. */
    List<JsonNode> objects() {
        String t = text();
        List<JsonNode> out = new ArrayList<>();
        if (t.isEmpty()) {
            return out;
        }
        assertTrue(t.endsWith("\n"), "complete lines: " + t);
        for (String line : t.substring(0, t.length() - 1).split("\n", -1)) {
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
            validate(n);
            out.add(n);
        }
        return out;
    }

    static void validate(JsonNode n) {
        assertTrue(n.isObject(), n.toString());
        JsonNode aws = n.get("_aws");
        assertTrue(aws != null && aws.isObject(), "_aws: " + n);
        assertTrue(aws.get("Timestamp").isIntegralNumber(), "Timestamp: " + n);
        long ts = aws.get("Timestamp").asLong();
        assertTrue(Math.abs(System.currentTimeMillis() - ts) < 3_600_000, "a timestamp in epoch ms: " + ts);
        JsonNode directives = aws.get("CloudWatchMetrics");
        assertEquals(1, directives.size(), n.toString());
        JsonNode d = directives.get(0);
        String ns = d.get("Namespace").asText();
        assertTrue(!ns.isEmpty() && ns.length() <= 255, ns);
        for (JsonNode set : d.get("Dimensions")) {
            assertTrue(set.isArray() && set.size() <= 30, "dimension set: " + set);
            for (JsonNode key : set) {
                JsonNode value = n.get(key.asText());
                assertTrue(value != null && value.isTextual() && !value.asText().isEmpty() && value.asText().length() <= 1024,
                        "dimension " + key + " is a string member: " + n);
            }
        }
        JsonNode metrics = d.get("Metrics");
        assertTrue(metrics.isArray() && metrics.size() >= 1 && metrics.size() <= 100, "1 to 100 metrics: " + metrics.size());
        for (JsonNode m : metrics) {
            String name = m.get("Name").asText();
            assertTrue(!name.isEmpty() && name.length() <= 255, name);
            assertTrue(UNITS.contains(m.get("Unit").asText()), "unit " + m.get("Unit"));
            JsonNode value = n.get(name);
            if (value == null) {
                fail("metric " + name + " has no value member: " + n);
            }
            if (value.isArray()) {
                assertTrue(value.size() >= 1 && value.size() <= 100, "1 to 100 values: " + value.size());
                for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
                    assertTrue(it.next().isNumber(), n.toString());
                }
            } else {
                assertTrue(value.isNumber(), name + " is a number: " + n);
            }
        }
    }

    /** The objects that define metric {@code name}. */
    List<JsonNode> withMetric(String name) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode n : objects()) {
            for (JsonNode m : n.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics")) {
                if (m.get("Name").asText().equals(name)) {
                    found.add(n);
                }
            }
        }
        return found;
    }

    /** The one object that defines metric {@code name}. */
    JsonNode one(String name) {
        List<JsonNode> found = withMetric(name);
        assertEquals(1, found.size(), name + " in:\n" + text());
        return found.get(0);
    }

    /** The dimension keys of an object's one dimension set. */
    static List<String> dimensions(JsonNode n) {
        List<String> keys = new ArrayList<>();
        n.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").get(0).forEach(k -> keys.add(k.asText()));
        return keys;
    }

    static String unit(JsonNode n, String metric) {
        for (JsonNode m : n.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics")) {
            if (m.get("Name").asText().equals(metric)) {
                return m.get("Unit").asText();
            }
        }
        throw new AssertionError(metric + " not in " + n);
    }
}
