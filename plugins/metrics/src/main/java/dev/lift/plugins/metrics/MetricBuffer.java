package dev.lift.plugins.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values one invocation recorded, by dimension set, until its flush. Thread-safe: the records
 * of a batch may record from several threads at once.
 */
final class MetricBuffer {

    private static final JsonFactory JSON = new JsonFactory();

    /** A property (not a dimension) naming the invocation, as Powertools writes it. */
    static final String REQUEST_ID = "function_request_id";

    /** One metric's unit and values within a dimension set. */
    private static final class Slot {
        final String unit;
        final List<Double> values = new ArrayList<>(2);

        Slot(String unit) {
            this.unit = unit;
        }
    }

    // Dimension set (names and values, in order) -> metric name -> slot.
    private final Map<Map<String, String>, Map<String, Slot>> groups = new LinkedHashMap<>();

    synchronized void add(Map<String, String> dimensions, String name, String unit, double value) {
        if (dimensions.containsKey(name) || name.equals("_aws") || name.equals(REQUEST_ID)) {
            throw new IllegalArgumentException("metric name '" + name + "' is also a dimension of it, _aws or "
                    + REQUEST_ID + ": keys of the same EMF object");
        }
        Map<String, Slot> metrics = groups.computeIfAbsent(dimensions, d -> new LinkedHashMap<>());
        Slot slot = metrics.computeIfAbsent(name, n -> new Slot(unit));
        if (!slot.unit.equals(unit)) {
            throw new IllegalArgumentException("metric " + name + " was recorded in " + slot.unit + " and now in " + unit
                    + " within one invocation; use one unit per metric");
        }
        slot.values.add(value);
    }

    synchronized boolean isEmpty() {
        return groups.isEmpty();
    }

    /**
     * The EMF objects, one per line (each ending in a newline): one dimension set per object, at most
     * {@link EmfRules#MAX_METRICS} metrics and {@link EmfRules#MAX_VALUES} values of a metric in one.
     */
    synchronized String render(String namespace, long timestamp, String requestId) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Map<String, String>, Map<String, Slot>> g : groups.entrySet()) {
            for (int round = 0; ; round++) {
                int from = round * EmfRules.MAX_VALUES;
                List<Map.Entry<String, Slot>> due = new ArrayList<>();
                for (Map.Entry<String, Slot> m : g.getValue().entrySet()) {
                    if (m.getValue().values.size() > from) {
                        due.add(m);
                    }
                }
                if (due.isEmpty()) {
                    break;
                }
                for (int i = 0; i < due.size(); i += EmfRules.MAX_METRICS) {
                    out.append(object(namespace, timestamp, g.getKey(),
                            due.subList(i, Math.min(due.size(), i + EmfRules.MAX_METRICS)), from, requestId)).append('\n');
                }
            }
        }
        return out.toString();
    }

    static String single(String namespace, long timestamp, Map<String, String> dimensions, String name, String unit,
                         double value) {
        MetricBuffer b = new MetricBuffer();
        b.add(dimensions, name, unit, value);
        return b.render(namespace, timestamp, null);
    }

    private static String object(String namespace, long timestamp, Map<String, String> dimensions,
                                 List<Map.Entry<String, Slot>> metrics, int from, String requestId) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeObjectFieldStart("_aws");
            g.writeNumberField("Timestamp", timestamp);
            g.writeArrayFieldStart("CloudWatchMetrics");
            g.writeStartObject();
            g.writeStringField("Namespace", namespace);
            g.writeArrayFieldStart("Dimensions");
            g.writeStartArray();
            for (String d : dimensions.keySet()) {
                g.writeString(d);
            }
            g.writeEndArray();
            g.writeEndArray();
            g.writeArrayFieldStart("Metrics");
            for (Map.Entry<String, Slot> m : metrics) {
                g.writeStartObject();
                g.writeStringField("Name", m.getKey());
                g.writeStringField("Unit", m.getValue().unit);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            for (Map.Entry<String, String> d : dimensions.entrySet()) {
                g.writeStringField(d.getKey(), d.getValue());
            }
            if (requestId != null) {
                g.writeStringField(REQUEST_ID, requestId);
            }
            for (Map.Entry<String, Slot> m : metrics) {
                List<Double> values = m.getValue().values;
                int to = Math.min(values.size(), from + EmfRules.MAX_VALUES);
                g.writeFieldName(m.getKey());
                if (to - from == 1) {
                    writeNumber(g, values.get(from));
                } else {
                    g.writeStartArray();
                    for (int i = from; i < to; i++) {
                        writeNumber(g, values.get(i));
                    }
                    g.writeEndArray();
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void writeNumber(JsonGenerator g, double v) throws IOException {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber(v);
        }
    }
}
