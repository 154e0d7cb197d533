package dev.lift.events;

import dev.lift.api.Describable;

import dev.lift.api.Api;
import dev.lift.api.EventSelector;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One change record of a DynamoDB stream. Keys and images hold typed {@link AttributeValue}s.
 *
 * <pre>{@code
 * routes.onRecord(DynamoDbStreamRecord.table("Orders", EventName.INSERT, EventName.MODIFY), (r, ctx) ->
 *         index.put(r.keys().get("Id").n(), r.newImage().get("Message").s()));
 * }</pre>
 *
 * @param eventId the record's event id; never null
 * @param eventName what changed the item; never null
 * @param eventSourceArn the stream's ARN; may be null
 * @param awsRegion the table's region; may be null
 * @param sequenceNumber the record's sequence number within its shard; identifies the record in
 *     {@code batchItemFailures}; never null
 * @param sizeBytes the size of the record's stream data; 0 when not given
 * @param streamViewType {@code KEYS_ONLY}, {@code NEW_IMAGE}, {@code OLD_IMAGE} or
 *     {@code NEW_AND_OLD_IMAGES}; may be null
 * @param approximateCreationDateTime when the change was made, approximately; may be null
 * @param keys the item's key attributes; never null
 * @param newImage the item after the change (INSERT, MODIFY), if the stream carries it; empty otherwise, never null
 * @param oldImage the item before the change (MODIFY, REMOVE), if the stream carries it; empty otherwise, never null
 * @param eventVersion the record format's version, for example {@code 1.1}; null when absent (since 0.2)
 * @param userIdentity who made the change when it was not a user: present for items that
 *     DynamoDB's Time to Live deleted ({@code Service} / {@code dynamodb.amazonaws.com}); null otherwise (since 0.2)
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public record DynamoDbStreamRecord(String eventId, EventName eventName, String eventSourceArn, String awsRegion,
                                   String sequenceNumber, long sizeBytes, String streamViewType,
                                   Instant approximateCreationDateTime, Map<String, AttributeValue> keys,
                                   Map<String, AttributeValue> newImage, Map<String, AttributeValue> oldImage,
                                   String eventVersion, UserIdentity userIdentity)
        implements Describable {

    /** What happened to the item. */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public enum EventName {
        /** A new item was added. */
        INSERT,
        /** One or more attributes of an existing item changed. */
        MODIFY,
        /** The item was deleted. */
        REMOVE
    }

    public DynamoDbStreamRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        keys = copy(keys);
        newImage = copy(newImage);
        oldImage = copy(oldImage);
    }

    /** A record as 0.1 knew it, without {@link #eventVersion()} and {@link #userIdentity()}. */
    public DynamoDbStreamRecord(String eventId, EventName eventName, String eventSourceArn, String awsRegion,
                                String sequenceNumber, long sizeBytes, String streamViewType,
                                Instant approximateCreationDateTime, Map<String, AttributeValue> keys,
                                Map<String, AttributeValue> newImage, Map<String, AttributeValue> oldImage) {
        this(eventId, eventName, eventSourceArn, awsRegion, sequenceNumber, sizeBytes, streamViewType,
                approximateCreationDateTime, keys, newImage, oldImage, null, null);
    }

    /**
     * Whether DynamoDB's Time to Live deleted the item: a {@code REMOVE} whose
     * {@link #userIdentity()} is the DynamoDB service ({@link UserIdentity#isTimeToLive()}). A user's
     * own deletes carry no user identity, so for them this is false.
     *
     * @since 0.2
     */
    public boolean isTtlDelete() {
        return eventName == EventName.REMOVE && userIdentity != null && userIdentity.isTimeToLive();
    }

    /**
     * The {@code userIdentity} of a stream record: who made a change on the user's behalf.
     * DynamoDB sets it only for Time to Live deletions, with type {@code Service} and principal
     * {@code dynamodb.amazonaws.com}.
     *
     * @param type the identity's type, {@code Service} for Time to Live; null when absent
     * @param principalId the principal, {@code dynamodb.amazonaws.com} for Time to Live; null when absent
     * @since 0.2
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
    public record UserIdentity(String type, String principalId) {

        /** The {@link #type()} of the Time to Live service. */
        public static final String SERVICE = "Service";

        /** The {@link #principalId()} of the Time to Live service. */
        public static final String DYNAMODB_PRINCIPAL = "dynamodb.amazonaws.com";

        /** Whether this is the identity DynamoDB's Time to Live deletes with. */
        public boolean isTimeToLive() {
            return SERVICE.equals(type) && DYNAMODB_PRINCIPAL.equals(principalId);
        }
    }

    private static Map<String, AttributeValue> copy(Map<String, AttributeValue> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** The table's name, from {@link #eventSourceArn()} ({@code ...:table/NAME/stream/...}); null without one. */
    public String tableName() {
        return Arns.resource(eventSourceArn, "table");
    }

    /**
     * Records of one table, given by name or by table ARN, optionally only for some event names
     * (none given: all three). Naming event names makes the selector more specific (20 instead of 10).
     */
    public static EventSelector<DynamoDbStreamRecord> table(String nameOrArn, EventName... names) {
        Objects.requireNonNull(nameOrArn, "nameOrArn");
        Set<EventName> wanted = names.length == 0 ? EnumSet.allOf(EventName.class) : EnumSet.copyOf(Arrays.asList(names));
        String table = Arns.isArn(nameOrArn) ? Arns.resource(nameOrArn, "table") : nameOrArn;
        if (table == null) {
            throw new IllegalArgumentException("Not a DynamoDB table ARN: " + nameOrArn);
        }
        String description = "dynamodb table=" + nameOrArn + (names.length == 0 ? "" : " events=" + wanted);
        if (Arns.isArn(nameOrArn)) {
            // The table ARN is the stream ARN up to "/stream/".
            String prefix = nameOrArn + "/stream/";
            return EventSelector.of(DynamoDbStreamRecord.class, description, names.length == 0 ? 10 : 20,
                    r -> r.eventSourceArn() != null && r.eventSourceArn().startsWith(prefix) && wanted.contains(r.eventName()));
        }
        return EventSelector.of(DynamoDbStreamRecord.class, description, names.length == 0 ? 10 : 20,
                r -> table.equals(r.tableName()) && wanted.contains(r.eventName()));
    }

    /** Every DynamoDB stream record. */
    public static EventSelector<DynamoDbStreamRecord> any() {
        return EventSelector.of(DynamoDbStreamRecord.class, "dynamodb any", 0, r -> true);
    }

    /** For logs and errors: identifiers and the attributes selectors look at, never the payload. */
    @Override
    public String describe() {
        return "DynamoDB Streams " + eventName + " record " + sequenceNumber + " of table " + tableName();
    }
}
