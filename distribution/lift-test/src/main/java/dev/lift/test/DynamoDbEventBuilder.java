package dev.lift.test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Api;
import dev.lift.api.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB Streams records as Lambda receives them. Items are given as plain maps and written in
 * DynamoDB's attribute-value form: strings as {@code {"S":..}}, numbers as {@code {"N":"..."}},
 * booleans as {@code {"BOOL":..}}, null as {@code {"NULL":true}}, bytes as {@code {"B":base64}},
 * lists as {@code {"L":[..]}} and maps as {@code {"M":{..}}}. Sequence numbers count up from
 * {@code 100000000000000000001}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class DynamoDbEventBuilder implements TestEvent {

    private record Change(String eventName, Map<String, Object> keys, Map<String, Object> newImage,
                          Map<String, Object> oldImage, String sequenceNumber) {
    }

    private final String table;
    private final List<Change> changes = new ArrayList<>();
    private Instant time = Instant.parse("2025-01-01T00:00:00Z");

    DynamoDbEventBuilder(String table) {
        this.table = table;
    }

    /** An INSERT of {@code item} whose key attributes are {@code keys}. */
    public DynamoDbEventBuilder insert(Map<String, Object> keys, Map<String, Object> item) {
        return add("INSERT", keys, item, null);
    }

    /** A MODIFY from {@code before} to {@code after}. */
    public DynamoDbEventBuilder modify(Map<String, Object> keys, Map<String, Object> before, Map<String, Object> after) {
        return add("MODIFY", keys, after, before);
    }

    /** A REMOVE of {@code before}. */
    public DynamoDbEventBuilder remove(Map<String, Object> keys, Map<String, Object> before) {
        return add("REMOVE", keys, null, before);
    }

    /** When the changes happened. */
    public DynamoDbEventBuilder at(Instant instant) {
        this.time = instant;
        return this;
    }

    /** The sequence number the N-th record (from 1) gets, as {@code batchItemFailures} reports it. */
    public static String sequenceNumber(int n) {
        return new BigDecimal("100000000000000000000").add(BigDecimal.valueOf(n)).toPlainString();
    }

    /** The stream's ARN. */
    public String streamArn() {
        return "arn:aws:dynamodb:" + Events.REGION + ":" + Events.ACCOUNT + ":table/" + table
                + "/stream/2025-01-01T00:00:00.000";
    }

    private DynamoDbEventBuilder add(String name, Map<String, Object> keys, Map<String, Object> newImage,
                                     Map<String, Object> oldImage) {
        changes.add(new Change(name, new LinkedHashMap<>(keys), newImage == null ? null : new LinkedHashMap<>(newImage),
                oldImage == null ? null : new LinkedHashMap<>(oldImage), sequenceNumber(changes.size() + 1)));
        return this;
    }

    @Override
    public ObjectNode toJsonTree() {
        ObjectNode e = Json.mapper().createObjectNode();
        ArrayNode records = e.putArray("Records");
        int n = 0;
        for (Change c : changes) {
            n++;
            ObjectNode r = records.addObject();
            r.put("eventID", "event-" + n);
            r.put("eventName", c.eventName());
            r.put("eventVersion", "1.1");
            r.put("eventSource", "aws:dynamodb");
            r.put("awsRegion", Events.REGION);
            ObjectNode d = r.putObject("dynamodb");
            d.put("ApproximateCreationDateTime", time.getEpochSecond());
            d.set("Keys", item(c.keys()));
            if (c.newImage() != null) {
                d.set("NewImage", item(c.newImage()));
            }
            if (c.oldImage() != null) {
                d.set("OldImage", item(c.oldImage()));
            }
            d.put("SequenceNumber", c.sequenceNumber());
            // Roughly what DynamoDB reports: the size of the item as stored; tests rarely look at it.
            d.put("SizeBytes", item(c.newImage() != null ? c.newImage() : c.oldImage() != null ? c.oldImage() : c.keys())
                    .toString().length());
            d.put("StreamViewType", "NEW_AND_OLD_IMAGES");
            r.put("eventSourceARN", streamArn());
        }
        return e;
    }

    private static ObjectNode item(Map<String, Object> values) {
        ObjectNode o = Json.mapper().createObjectNode();
        values.forEach((k, v) -> o.set(k, attribute(v)));
        return o;
    }

    private static ObjectNode attribute(Object v) {
        ObjectNode a = Json.mapper().createObjectNode();
        if (v == null) {
            a.put("NULL", true);
        } else if (v instanceof CharSequence) {
            a.put("S", v.toString());
        } else if (v instanceof Number) {
            a.put("N", new BigDecimal(v.toString()).toPlainString());
        } else if (v instanceof Boolean) {
            a.put("BOOL", (Boolean) v);
        } else if (v instanceof byte[]) {
            a.put("B", Base64.getEncoder().encodeToString((byte[]) v));
        } else if (v instanceof Map) {
            ObjectNode m = a.putObject("M");
            ((Map<?, ?>) v).forEach((k, x) -> m.set(String.valueOf(k), attribute(x)));
        } else if (v instanceof Collection) {
            ArrayNode l = a.putArray("L");
            for (Object x : (Collection<?>) v) {
                l.add(attribute(x));
            }
        } else {
            a.put("S", v.toString());
        }
        return a;
    }
}
