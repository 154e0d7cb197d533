package dev.lift.plugins.sqs;

import dev.lift.api.SpiVersion;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Api;
import dev.lift.api.BatchResponse;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.Json;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftException;
import dev.lift.api.RecordBatch;
import dev.lift.events.SqsMessage;
import dev.lift.spi.support.EventFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes SQS batches into {@link SqsMessage} records and answers with a partial batch
 * response, {@code {"batchItemFailures":[{"itemIdentifier":"<messageId>"}]}}, so that only
 * failed messages return to the queue (the event source mapping needs
 * {@code ReportBatchItemFailures}). Batches from FIFO queues are ordered: the kernel stops at the
 * first failure and reports that message and every later one, so a message group never
 * overtakes itself. Stateless.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class SqsAdapter implements EventAdapter {

    private static final String EVENT_SOURCE = "aws:sqs";

    @Override
    public String id() {
        return "adapter-sqs";
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public EventKind kind() {
        return EventKind.BATCH;
    }

    /** {@code Records[0].eventSource} is {@code aws:sqs}. */
    @Override
    public boolean matches(JsonNode event) {
        if (event == null) {
            return false;
        }
        JsonNode source = event.path("Records").path(0).path("eventSource");
        return source.isTextual() && EVENT_SOURCE.equals(source.textValue());
    }

    /**
     * @throws LiftException 400 naming the record and field when a record is broken, for example
     *     {@code The SQS event is malformed: Records[1].messageId is missing}
     */
    @Override
    public RecordBatch<SqsMessage> decode(JsonNode event) {
        List<EventFields> records = EventFields.root(event, "SQS event").requiredObjects("Records");
        List<SqsMessage> messages = new ArrayList<>(records.size());
        boolean fifo = false;
        for (EventFields r : records) {
            String source = r.text("eventSource");
            if (source != null && !EVENT_SOURCE.equals(source)) {
                throw r.invalid("eventSource", "is \"" + source + "\" but the batch is an SQS batch");
            }
            SqsMessage m = new SqsMessage(r.requiredText("messageId"), r.text("receiptHandle"), r.text("body"),
                    r.text("md5OfBody"), r.textMap("attributes"), messageAttributes(r), r.text("eventSourceARN"),
                    r.text("awsRegion"), r.text("md5OfMessageAttributes"));
            fifo |= m.fifo();
            messages.add(m);
        }
        return new RecordBatch<>(id(), SqsMessage.class, messages, SqsMessage::messageId, true, fifo, !fifo);
    }

    private static Map<String, SqsMessage.MessageAttribute> messageAttributes(EventFields record) {
        Map<String, EventFields> raw = record.objectMap("messageAttributes");
        Map<String, SqsMessage.MessageAttribute> out = new LinkedHashMap<>();
        for (Map.Entry<String, EventFields> e : raw.entrySet()) {
            EventFields a = e.getValue();
            out.put(e.getKey(), new SqsMessage.MessageAttribute(a.requiredText("dataType"), a.text("stringValue"),
                    a.base64("binaryValue")));
        }
        return out;
    }

    /**
     * Writes a {@link BatchResponse} as {@code {"batchItemFailures":[...]}} (an empty array when
     * every message succeeded); anything else as plain JSON.
     */
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
}
