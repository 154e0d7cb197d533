package dev.lift.plugins.kinesis;

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
import dev.lift.events.KinesisRecord;
import dev.lift.spi.support.EventFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Decodes Kinesis data stream batches into {@link KinesisRecord}s with their data
 * base64-decoded, and answers with a partial batch response whose identifiers are sequence
 * numbers (the event source mapping needs {@code ReportBatchItemFailures}; Lambda then resumes
 * the shard from the lowest failed sequence number). Stateless.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class KinesisAdapter implements EventAdapter {

    private static final String EVENT_SOURCE = "aws:kinesis";

    @Override
    public String id() {
        return "adapter-kinesis";
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public int order() {
        return 140;
    }

    @Override
    public EventKind kind() {
        return EventKind.BATCH;
    }

    /** {@code Records[0].eventSource} is {@code aws:kinesis}. */
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
     *     {@code The Kinesis event is malformed: Records[3].kinesis.data of record 4954... is not valid base64}
     */
    @Override
    public RecordBatch<KinesisRecord> decode(JsonNode event) {
        List<EventFields> records = EventFields.root(event, "Kinesis event").requiredObjects("Records");
        List<KinesisRecord> out = new ArrayList<>(records.size());
        for (EventFields r : records) {
            String source = r.text("eventSource");
            if (source != null && !EVENT_SOURCE.equals(source)) {
                throw r.invalid("eventSource", "is \"" + source + "\" but the batch is a Kinesis batch");
            }
            EventFields kinesis = r.requiredObject("kinesis");
            String sequenceNumber = kinesis.requiredText("sequenceNumber");
            byte[] data;
            try {
                data = Base64.getDecoder().decode(kinesis.requiredText("data"));
            } catch (IllegalArgumentException e) {
                throw LiftException.badRequest("The Kinesis event is malformed: " + kinesis.path("data")
                        + " of record " + sequenceNumber + " is not valid base64");
            }
            out.add(new KinesisRecord(r.text("eventID"), kinesis.text("partitionKey"), sequenceNumber, data,
                    kinesis.epochSeconds("approximateArrivalTimestamp"), r.text("eventSourceARN"), r.text("awsRegion"),
                    kinesis.text("encryptionType"), kinesis.text("kinesisSchemaVersion"), r.text("eventName"),
                    r.text("eventVersion"), r.text("invokeIdentityArn")));
        }
        // Ordered: a shard is processed in sequence, and Lambda resumes it from the lowest sequence number
        // reported. At the first failure the rest of the batch is reported without running, so nothing is
        // applied out of order or twice.
        return new RecordBatch<>(id(), KinesisRecord.class, out, KinesisRecord::sequenceNumber, true, true);
    }

    /**
     * Writes a {@link BatchResponse} as {@code {"batchItemFailures":[{"itemIdentifier":"<sequence number>"}]}}
     * (an empty array when every record succeeded); anything else as plain JSON.
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
