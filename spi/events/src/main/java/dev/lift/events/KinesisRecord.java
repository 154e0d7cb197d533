package dev.lift.events;

import dev.lift.api.Describable;

import dev.lift.api.Api;
import dev.lift.api.EventSelector;
import dev.lift.api.LiftException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record of a Kinesis data stream batch, with its data already base64-decoded.
 *
 * <pre>{@code
 * routes.onRecord(KinesisRecord.stream("clicks"), (r, ctx) -> counter.add(r.partitionKey(), r.dataAsText()));
 * }</pre>
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class KinesisRecord implements Describable {

    private final String eventId;
    private final String partitionKey;
    private final String sequenceNumber;
    private final byte[] data;
    private final Instant approximateArrivalTimestamp;
    private final String eventSourceArn;
    private final String awsRegion;
    private final String encryptionType;
    private final String kinesisSchemaVersion;
    private final String eventName;
    private final String eventVersion;
    private final String invokeIdentityArn;

    /**
     * @param eventId {@code shardId-...:sequenceNumber}; may be null
     * @param partitionKey the producer's partition key; may be null
     * @param sequenceNumber the record's sequence number; identifies it in {@code batchItemFailures}; never null
     * @param data the decoded data (copied); never null
     * @param approximateArrivalTimestamp when the stream received the record; may be null
     * @param eventSourceArn the stream's ARN; may be null
     * @param awsRegion the stream's region; may be null
     */
    public KinesisRecord(String eventId, String partitionKey, String sequenceNumber, byte[] data,
                         Instant approximateArrivalTimestamp, String eventSourceArn, String awsRegion) {
        this(eventId, partitionKey, sequenceNumber, data, approximateArrivalTimestamp, eventSourceArn, awsRegion,
                null, null, null, null, null);
    }

    /**
     * @param eventId {@code shardId-...:sequenceNumber}; may be null
     * @param partitionKey the producer's partition key; may be null
     * @param sequenceNumber the record's sequence number; identifies it in {@code batchItemFailures}; never null
     * @param data the decoded data (copied); never null
     * @param approximateArrivalTimestamp when the stream received the record; may be null
     * @param eventSourceArn the stream's ARN; may be null
     * @param awsRegion the stream's region; may be null
     * @param encryptionType {@code NONE} or {@code KMS}, from {@code kinesis.encryptionType}; may be null
     * @param kinesisSchemaVersion the version of the {@code kinesis} part, {@code 1.0}; may be null
     * @param eventName {@code aws:kinesis:record}; may be null
     * @param eventVersion the record format's version, {@code 1.0}; may be null
     * @param invokeIdentityArn the ARN of the role Lambda read the stream with; may be null
     * @since 0.2
     */
    public KinesisRecord(String eventId, String partitionKey, String sequenceNumber, byte[] data,
                         Instant approximateArrivalTimestamp, String eventSourceArn, String awsRegion,
                         String encryptionType, String kinesisSchemaVersion, String eventName, String eventVersion,
                         String invokeIdentityArn) {
        this.eventId = eventId;
        this.partitionKey = partitionKey;
        this.sequenceNumber = Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        this.data = Objects.requireNonNull(data, "data").clone();
        this.approximateArrivalTimestamp = approximateArrivalTimestamp;
        this.eventSourceArn = eventSourceArn;
        this.awsRegion = awsRegion;
        this.encryptionType = encryptionType;
        this.kinesisSchemaVersion = kinesisSchemaVersion;
        this.eventName = eventName;
        this.eventVersion = eventVersion;
        this.invokeIdentityArn = invokeIdentityArn;
    }

    /** The event id, {@code shardId-000000000000:<sequence number>}; may be null. */
    public String eventId() {
        return eventId;
    }

    /** The shard the record came from: the part of {@link #eventId()} before ':'; null without an event id. */
    public String shardId() {
        if (eventId == null) {
            return null;
        }
        int colon = eventId.indexOf(':');
        return colon < 0 ? null : eventId.substring(0, colon);
    }

    public String partitionKey() {
        return partitionKey;
    }

    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** A copy of the decoded data. */
    public byte[] data() {
        return data.clone();
    }

    /** The data as UTF-8 text. */
    public String dataAsText() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /**
     * The JSON data decoded into {@code type} with Lift's shared mapper.
     *
     * @throws LiftException 400 when the data is empty or not JSON, 422 when it does not fit the type
     */
    public <T> T dataAs(Class<T> type) {
        return JsonPayload.decode(data, type, "The data of Kinesis record ", sequenceNumber);
    }

    public Instant approximateArrivalTimestamp() {
        return approximateArrivalTimestamp;
    }

    public String eventSourceArn() {
        return eventSourceArn;
    }

    /** The stream's name, from {@link #eventSourceArn()} ({@code ...:stream/NAME}); null without one. */
    public String streamName() {
        return Arns.resource(eventSourceArn, "stream");
    }

    public String awsRegion() {
        return awsRegion;
    }

    /**
     * How the producer's data was encrypted at rest: {@code NONE} or {@code KMS} (Lambda hands over
     * the data decrypted either way); null when the event does not say.
     *
     * @since 0.2
     */
    public String encryptionType() {
        return encryptionType;
    }

    /**
     * Whether the stream encrypted the record with a KMS key ({@link #encryptionType()} is {@code KMS}).
     *
     * @since 0.2
     */
    public boolean isKmsEncrypted() {
        return "KMS".equals(encryptionType);
    }

    /**
     * The version of the record's {@code kinesis} part ({@code kinesisSchemaVersion}, {@code 1.0}); null when absent.
     *
     * @since 0.2
     */
    public String kinesisSchemaVersion() {
        return kinesisSchemaVersion;
    }

    /**
     * The record's {@code eventName}, {@code aws:kinesis:record}; null when absent.
     *
     * @since 0.2
     */
    public String eventName() {
        return eventName;
    }

    /**
     * The record format's version ({@code eventVersion}, {@code 1.0}); null when absent.
     *
     * @since 0.2
     */
    public String eventVersion() {
        return eventVersion;
    }

    /**
     * The ARN of the identity Lambda read the stream with ({@code invokeIdentityArn}, the function's
     * execution role); null when absent.
     *
     * @since 0.2
     */
    public String invokeIdentityArn() {
        return invokeIdentityArn;
    }

    /** Records of one stream, given by name or by ARN. */
    public static EventSelector<KinesisRecord> stream(String nameOrArn) {
        Objects.requireNonNull(nameOrArn, "nameOrArn");
        if (Arns.isArn(nameOrArn)) {
            return EventSelector.of(KinesisRecord.class, "kinesis stream=" + nameOrArn, 10,
                    r -> nameOrArn.equals(r.eventSourceArn()));
        }
        return EventSelector.of(KinesisRecord.class, "kinesis stream=" + nameOrArn, 10,
                r -> nameOrArn.equals(r.streamName()));
    }

    /** Every Kinesis record. */
    public static EventSelector<KinesisRecord> any() {
        return EventSelector.of(KinesisRecord.class, "kinesis any", 0, r -> true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KinesisRecord r && Objects.equals(eventId, r.eventId)
                && Objects.equals(partitionKey, r.partitionKey) && sequenceNumber.equals(r.sequenceNumber)
                && Arrays.equals(data, r.data) && Objects.equals(approximateArrivalTimestamp, r.approximateArrivalTimestamp)
                && Objects.equals(eventSourceArn, r.eventSourceArn) && Objects.equals(awsRegion, r.awsRegion)
                && Objects.equals(encryptionType, r.encryptionType)
                && Objects.equals(kinesisSchemaVersion, r.kinesisSchemaVersion)
                && Objects.equals(eventName, r.eventName) && Objects.equals(eventVersion, r.eventVersion)
                && Objects.equals(invokeIdentityArn, r.invokeIdentityArn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, partitionKey, sequenceNumber, approximateArrivalTimestamp, eventSourceArn, awsRegion,
                encryptionType, kinesisSchemaVersion, eventName, eventVersion, invokeIdentityArn)
                * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "KinesisRecord[sequenceNumber=" + sequenceNumber + ", partitionKey=" + partitionKey + ", stream="
                + eventSourceArn + ", data=" + data.length + " bytes]";
    }

    /** For logs and errors: identifiers and the attributes selectors look at, never the payload. */
    @Override
    public String describe() {
        return "Kinesis record " + sequenceNumber + " of stream " + eventSourceArn;
    }
}
