package dev.lift.events;

import dev.lift.api.Describable;

import dev.lift.api.Api;
import dev.lift.api.EventSelector;
import java.time.Instant;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One record of an S3 event notification: what happened to which object.
 *
 * <pre>{@code
 * routes.onRecord(S3Notification.matching("uploads", "images/**", "ObjectCreated:"), (n, ctx) ->
 *         thumbnails.create(n.bucket(), n.key()));
 * }</pre>
 *
 * @param eventName what happened, for example {@code ObjectCreated:Put} or {@code ObjectRemoved:Delete}; never null
 * @param eventTime when it happened; may be null
 * @param awsRegion the bucket's region; may be null
 * @param bucket the bucket's name; never null
 * @param key the object key, already URL-decoded (S3 sends it URL-encoded with {@code +} for
 *     spaces); never null
 * @param size the object's size in bytes; 0 when S3 sends none (deletions)
 * @param eTag the object's ETag; null when S3 sends none (deletions)
 * @param versionId the object's version; null or empty when the bucket is not versioned
 * @param sequencer orders events for the same key: compare as hex strings of equal length; may be null
 * @param eventVersion the notification format's version, for example {@code 2.1} (S3 uses 2.2 for
 *     replication and 2.3 for lifecycle, tiering, ACL, tagging and restore-delete events); null when absent
 *     (since 0.2)
 * @param configurationId the id of the bucket's notification configuration that sent the event, from
 *     {@code s3.configurationId}; null when absent (since 0.2)
 * @param bucketArn the bucket's ARN, from {@code s3.bucket.arn}; null when absent (since 0.2)
 * @param bucketOwnerPrincipalId the bucket owner's id, from {@code s3.bucket.ownerIdentity.principalId};
 *     null when absent (since 0.2)
 * @param principalId who caused the event, from {@code userIdentity.principalId} (for example
 *     {@code AWS:AIDAJDPLRKLG7UEXAMPLE}); null when absent, as for some events S3 itself causes (since 0.2)
 * @param sourceIpAddress the IP address the request came from, from
 *     {@code requestParameters.sourceIPAddress}; null when absent (since 0.2)
 * @param requestId S3's request id, from {@code responseElements.x-amz-request-id}; null when absent (since 0.2)
 * @param extendedRequestId S3's extended request id (host id), from {@code responseElements.x-amz-id-2};
 *     with {@link #requestId()} what AWS Support asks for; null when absent (since 0.2)
 * @param restoreExpiryTime when a restored copy of an archived object expires, from
 *     {@code glacierEventData.restoreEventData.lifecycleRestorationExpiryTime} ({@code ObjectRestore:Completed});
 *     null otherwise (since 0.2)
 * @param restoreStorageClass the storage class of the restored object, from
 *     {@code glacierEventData.restoreEventData.lifecycleRestoreStorageClass}; null otherwise (since 0.2)
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public record S3Notification(String eventName, Instant eventTime, String awsRegion, String bucket, String key,
                             long size, String eTag, String versionId, String sequencer, String eventVersion,
                             String configurationId, String bucketArn, String bucketOwnerPrincipalId,
                             String principalId, String sourceIpAddress, String requestId,
                             String extendedRequestId, Instant restoreExpiryTime, String restoreStorageClass)
        implements Describable {

    public S3Notification {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    /** A notification as 0.1 knew it: the object and the event, without request, identity or restore details. */
    public S3Notification(String eventName, Instant eventTime, String awsRegion, String bucket, String key,
                          long size, String eTag, String versionId, String sequencer) {
        this(eventName, eventTime, awsRegion, bucket, key, size, eTag, versionId, sequencer, null, null, null, null,
                null, null, null, null, null, null);
    }

    /** Notifications about objects of one bucket. */
    public static EventSelector<S3Notification> bucket(String bucket) {
        Objects.requireNonNull(bucket, "bucket");
        return EventSelector.of(S3Notification.class, "s3 bucket=" + bucket, 10, n -> bucket.equals(n.bucket()));
    }

    /**
     * Notifications selected by bucket, key pattern and event name; a null argument matches
     * anything. Each given argument makes the selector more specific (10 each, plus one per
     * literal character of the key pattern and the event-name prefix), so
     * {@code matching("b", "images/thumbs/**", null)} wins over {@code matching("b", "images/**", null)},
     * which wins over {@code bucket("b")}.
     *
     * @param bucket the bucket's name, or null for any bucket
     * @param keyGlob a pattern for the decoded key: {@code *} matches within one path segment,
     *     {@code **} across {@code /} ({@code **}{@code /} also matches no directory at all);
     *     other characters match themselves; null for any key
     * @param eventNamePrefix for example {@code ObjectCreated:} or {@code ObjectRemoved:Delete};
     *     null for any event
     */
    public static EventSelector<S3Notification> matching(String bucket, String keyGlob, String eventNamePrefix) {
        KeyGlob key = keyGlob == null ? null : new KeyGlob(keyGlob);
        int specificity = 0;
        StringJoiner description = new StringJoiner(" ", "s3 ", "");
        if (bucket != null) {
            specificity += 10;
            description.add("bucket=" + bucket);
        }
        if (keyGlob != null) {
            specificity += 10 + keyGlob.replace("*", "").length();
            description.add("key=" + keyGlob);
        }
        if (eventNamePrefix != null) {
            specificity += 10 + eventNamePrefix.length();
            description.add("event=" + eventNamePrefix + "*");
        }
        if (specificity == 0) {
            description.add("any");
        }
        return EventSelector.of(S3Notification.class, description.toString(), specificity,
                n -> (bucket == null || bucket.equals(n.bucket()))
                        && (key == null || key.matches(n.key()))
                        && (eventNamePrefix == null || n.eventName().startsWith(eventNamePrefix)));
    }

    /** Every S3 notification. */
    public static EventSelector<S3Notification> any() {
        return EventSelector.of(S3Notification.class, "s3 any", 0, n -> true);
    }

    /** For logs and errors: identifiers and the attributes selectors look at, never the payload. */
    @Override
    public String describe() {
        return "S3 " + eventName + " of bucket " + bucket + " key " + key;
    }
}
