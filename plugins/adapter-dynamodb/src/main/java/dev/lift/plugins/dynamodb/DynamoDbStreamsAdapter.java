package dev.lift.plugins.dynamodb;

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
import dev.lift.events.AttributeValue;
import dev.lift.events.DynamoDbStreamRecord;
import dev.lift.spi.support.EventFields;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes DynamoDB Streams batches into {@link DynamoDbStreamRecord}s with typed keys and
 * images, and answers with a partial batch response whose identifiers are sequence numbers
 * (the event source mapping needs {@code ReportBatchItemFailures}; Lambda then resumes the
 * shard from the lowest failed sequence number). Stateless.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class DynamoDbStreamsAdapter implements EventAdapter {

    private static final String EVENT_SOURCE = "aws:dynamodb";

    @Override
    public String id() {
        return "adapter-dynamodb";
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public int order() {
        return 130;
    }

    @Override
    public EventKind kind() {
        return EventKind.BATCH;
    }

    /** {@code Records[0].eventSource} is {@code aws:dynamodb}. */
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
     *     {@code The DynamoDB Streams event is malformed: Records[1].dynamodb.NewImage.Id must hold exactly one type}
     */
    @Override
    public RecordBatch<DynamoDbStreamRecord> decode(JsonNode event) {
        List<EventFields> records = EventFields.root(event, "DynamoDB Streams event").requiredObjects("Records");
        List<DynamoDbStreamRecord> out = new ArrayList<>(records.size());
        for (EventFields r : records) {
            String source = r.text("eventSource");
            if (source != null && !EVENT_SOURCE.equals(source)) {
                throw r.invalid("eventSource", "is \"" + source + "\" but the batch is a DynamoDB Streams batch");
            }
            EventFields ddb = r.requiredObject("dynamodb");
            out.add(new DynamoDbStreamRecord(r.requiredText("eventID"), eventName(r), r.text("eventSourceARN"),
                    r.text("awsRegion"), ddb.requiredText("SequenceNumber"), ddb.longValue("SizeBytes", 0),
                    ddb.text("StreamViewType"), ddb.epochSeconds("ApproximateCreationDateTime"),
                    image(ddb, "Keys"), image(ddb, "NewImage"), image(ddb, "OldImage"), r.text("eventVersion"),
                    userIdentity(r)));
        }
        // Ordered, as a Kinesis shard: changes to an item must not be applied out of order or twice, so at the
        // first failure the rest of the batch is reported without running (Lambda resumes from the lowest).
        return new RecordBatch<>(id(), DynamoDbStreamRecord.class, out, DynamoDbStreamRecord::sequenceNumber,
                true, true);
    }

    private static DynamoDbStreamRecord.EventName eventName(EventFields record) {
        String name = record.requiredText("eventName");
        try {
            return DynamoDbStreamRecord.EventName.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw record.invalid("eventName", "is \"" + name + "\"; expected INSERT, MODIFY or REMOVE");
        }
    }

    /** Present only for Time to Live deletions; absent for every change a user made. */
    private static DynamoDbStreamRecord.UserIdentity userIdentity(EventFields record) {
        EventFields identity = record.object("userIdentity");
        return identity == null ? null
                : new DynamoDbStreamRecord.UserIdentity(identity.text("type"), identity.text("principalId"));
    }

    private static Map<String, AttributeValue> image(EventFields ddb, String field) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, EventFields> e : ddb.objectMap(field).entrySet()) {
            out.put(e.getKey(), attribute(e.getValue()));
        }
        return out;
    }

    /** One attribute in DynamoDB JSON, such as {@code {"N":"101"}} or {@code {"M":{...}}}, recursively. */
    static AttributeValue attribute(EventFields v) {
        List<String> types = v.fieldNames();
        if (types.size() != 1) {
            throw LiftException.badRequest("The DynamoDB Streams event is malformed: " + v.path()
                    + " must hold exactly one type, such as {\"S\":\"text\"}; it holds " + types);
        }
        String type = types.get(0);
        switch (type) {
            case "S":
                return AttributeValue.ofS(v.requiredText("S"));
            case "N":
                return AttributeValue.ofN(number(v, "N", v.requiredText("N")));
            case "B":
                return AttributeValue.ofB(required(v, "B", v.base64("B")));
            case "SS":
                return AttributeValue.ofSs(required(v, "SS", v.has("SS") ? v.texts("SS") : null));
            case "NS": {
                List<String> ns = required(v, "NS", v.has("NS") ? v.texts("NS") : null);
                for (int i = 0; i < ns.size(); i++) {
                    number(v, "NS[" + i + "]", ns.get(i));
                }
                return AttributeValue.ofNs(ns);
            }
            case "BS":
                return AttributeValue.ofBs(required(v, "BS", v.has("BS") ? v.base64s("BS") : null));
            case "M": {
                Map<String, AttributeValue> m = new LinkedHashMap<>();
                for (Map.Entry<String, EventFields> e : required(v, "M", v.has("M") ? v.objectMap("M") : null).entrySet()) {
                    m.put(e.getKey(), attribute(e.getValue()));
                }
                return AttributeValue.ofM(m);
            }
            case "L": {
                List<AttributeValue> l = new ArrayList<>();
                for (EventFields e : required(v, "L", v.has("L") ? v.objects("L") : null)) {
                    l.add(attribute(e));
                }
                return AttributeValue.ofL(l);
            }
            case "NULL":
                if (!Boolean.TRUE.equals(v.bool("NULL"))) {
                    throw v.invalid("NULL", "must be true");
                }
                return AttributeValue.ofNull();
            case "BOOL":
                return AttributeValue.ofBool(required(v, "BOOL", v.bool("BOOL")));
            default:
                throw v.invalid(type, "is not a DynamoDB type; expected one of S, N, B, SS, NS, BS, M, L, NULL, BOOL");
        }
    }

    private static <T> T required(EventFields v, String field, T value) {
        if (value == null) {
            throw v.invalid(field, "is missing");
        }
        return value;
    }

    private static String number(EventFields v, String field, String n) {
        try {
            new BigDecimal(n);
        } catch (NumberFormatException e) {
            throw v.invalid(field, "is not a number: \"" + (n.length() > 40 ? n.substring(0, 40) + "..." : n) + "\"");
        }
        return n;
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
