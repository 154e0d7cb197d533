package dev.lift.kernel.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.BatchResponse;
import dev.lift.api.Describable;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.Json;
import dev.lift.api.LiftEvent;
import dev.lift.api.RecordBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal record adapter for kernel tests:
 * {@code {"test":"records","queue":"q","fifo":false,"partial":true,"records":[{"id":"1","body":"ok"}]}}.
 * Writes {@code batchItemFailures} like the real SQS adapter.
 */
public final class TestRecordAdapter implements EventAdapter {

    /** One test record. */
    public record TestRecord(String id, String queue, String body) implements Describable {
        /** What an SQS message says of itself: the identifier and the queue, never the body. */
        @Override
        public String describe() {
            return "test record " + id + " of queue " + queue;
        }
    }

    @Override
    public String id() {
        return "test-records";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public EventKind kind() {
        return EventKind.BATCH;
    }

    @Override
    public boolean matches(JsonNode event) {
        return "records".equals(event.path("test").asText());
    }

    @Override
    public LiftEvent decode(JsonNode event) {
        List<TestRecord> records = new ArrayList<>();
        for (JsonNode r : event.path("records")) {
            records.add(new TestRecord(r.path("id").asText(), event.path("queue").asText("q"), r.path("body").asText()));
        }
        return new RecordBatch<>(id(), TestRecord.class, records, TestRecord::id,
                event.path("partial").asBoolean(true), event.path("fifo").asBoolean(false), true);
    }

    @Override
    public void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException {
        if (result instanceof BatchResponse) {
            out.writeStartObject();
            out.writeArrayFieldStart("batchItemFailures");
            for (String id : ((BatchResponse) result).failedItemIdentifiers()) {
                out.writeStartObject();
                out.writeStringField("itemIdentifier", id);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } else {
            Json.mapper().writeValue(out, result);
        }
    }

    /** A batch event; each body is one record with ids 1..n. */
    public static byte[] batch(String queue, boolean fifo, boolean partial, String... bodies) {
        StringBuilder sb = new StringBuilder("{\"test\":\"records\",\"queue\":\"" + queue + "\",\"fifo\":" + fifo
                + ",\"partial\":" + partial + ",\"records\":[");
        for (int i = 0; i < bodies.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i + 1).append("\",\"body\":\"").append(bodies[i]).append("\"}");
        }
        return sb.append("]}").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
