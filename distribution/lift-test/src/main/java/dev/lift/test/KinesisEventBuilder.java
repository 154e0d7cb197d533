package dev.lift.test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Api;
import dev.lift.api.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Kinesis Data Streams records as Lambda receives them: base64 {@code data}, a partition key and
 * a sequence number per record. Sequence numbers count up from
 * {@code 49590338271490256608559692538361571095921575989136588801}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class KinesisEventBuilder implements TestEvent {

    private static final BigDecimal FIRST = new BigDecimal("49590338271490256608559692538361571095921575989136588800");

    private record Item(String partitionKey, byte[] data, String sequenceNumber) {
    }

    private final String stream;
    private final List<Item> items = new ArrayList<>();
    private Instant time = Instant.parse("2025-01-01T00:00:00Z");

    KinesisEventBuilder(String stream) {
        this.stream = stream;
    }

    /** Adds a record with UTF-8 {@code data} and partition key {@code key-N}. */
    public KinesisEventBuilder record(String data) {
        return record("key-" + (items.size() + 1), data.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a record. */
    public KinesisEventBuilder record(String partitionKey, byte[] data) {
        items.add(new Item(partitionKey, data.clone(), sequenceNumber(items.size() + 1)));
        return this;
    }

    /** When the records arrived. */
    public KinesisEventBuilder at(Instant instant) {
        this.time = instant;
        return this;
    }

    /** The sequence number the N-th record (from 1) gets, as {@code batchItemFailures} reports it. */
    public static String sequenceNumber(int n) {
        return FIRST.add(BigDecimal.valueOf(n)).toPlainString();
    }

    /** The stream's ARN. */
    public String streamArn() {
        return "arn:aws:kinesis:" + Events.REGION + ":" + Events.ACCOUNT + ":stream/" + stream;
    }

    @Override
    public ObjectNode toJsonTree() {
        ObjectNode e = Json.mapper().createObjectNode();
        ArrayNode records = e.putArray("Records");
        for (Item i : items) {
            ObjectNode r = records.addObject();
            ObjectNode k = r.putObject("kinesis");
            k.put("kinesisSchemaVersion", "1.0");
            k.put("partitionKey", i.partitionKey());
            k.put("sequenceNumber", i.sequenceNumber());
            k.put("data", Base64.getEncoder().encodeToString(i.data()));
            k.put("approximateArrivalTimestamp", time.toEpochMilli() / 1000.0);
            r.put("eventSource", "aws:kinesis");
            r.put("eventVersion", "1.0");
            r.put("eventID", "shardId-000000000000:" + i.sequenceNumber());
            r.put("eventName", "aws:kinesis:record");
            r.put("invokeIdentityArn", "arn:aws:iam::" + Events.ACCOUNT + ":role/lambda-role");
            r.put("awsRegion", Events.REGION);
            r.put("eventSourceARN", streamArn());
        }
        return e;
    }
}
