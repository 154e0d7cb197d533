package dev.lift.plugins.problem;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.BatchResponse;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.LiftEvent;
import dev.lift.api.RecordBatch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal batch adapter for end-to-end tests: {@code {"records":[{"id":"1","body":"ok"}]}} in,
 * {@code {"batchItemFailures":[{"itemIdentifier":"1"}]}} out, like SQS.
 */
final class TestRecordAdapter implements EventAdapter {

    /** One record. */
    record Msg(String id, String body) {
    }

    @Override
    public String id() {
        return "test-records";
    }

    @Override
    public EventKind kind() {
        return EventKind.BATCH;
    }

    @Override
    public boolean matches(JsonNode event) {
        return event.path("records").isArray();
    }

    @Override
    public LiftEvent decode(JsonNode event) {
        List<Msg> records = new ArrayList<>();
        for (JsonNode r : event.path("records")) {
            records.add(new Msg(r.path("id").asText(), r.path("body").asText()));
        }
        return new RecordBatch<>(id(), Msg.class, records, Msg::id, true, false);
    }

    @Override
    public void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeArrayFieldStart("batchItemFailures");
        for (String id : ((BatchResponse) result).failedItemIdentifiers()) {
            out.writeStartObject();
            out.writeStringField("itemIdentifier", id);
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }
}
