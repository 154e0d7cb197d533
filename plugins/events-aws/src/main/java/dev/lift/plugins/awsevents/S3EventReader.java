package dev.lift.plugins.awsevents;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.RequestParametersEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.ResponseElementsEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.UserIdentityEntity;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an S3 notification from the tree. The S3 model classes are immutable, have no default
 * constructor and their constructor parameters carry no names, so Jackson cannot bind them without a
 * creator mix-in per class; building them here is shorter and says exactly which field goes where.
 * The record's constructor parses {@code eventTime} itself ({@code DateTime.parse}) and
 * {@link S3ObjectEntity#getUrlDecodedKey()} decodes the key on demand.
 */
final class S3EventReader {

    private static final String TYPE = S3Event.class.getName();

    private S3EventReader() {
    }

    static S3Event read(JsonNode event) {
        JsonNode records = event.get("Records");
        if (records == null || records.isNull()) {
            return new S3Event(null); // as Jackson leaves the records of the other types
        }
        if (!records.isArray()) {
            throw invalid("Records", "is " + kind(records) + ", not an array");
        }
        List<S3EventNotificationRecord> list = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            list.add(record(records.get(i), "Records[" + i + "]"));
        }
        return new S3Event(list);
    }

    private static S3EventNotificationRecord record(JsonNode r, String at) {
        if (!r.isObject()) {
            throw invalid(at, "is " + kind(r) + ", not an object");
        }
        JsonNode request = object(r, "requestParameters", at);
        JsonNode response = object(r, "responseElements", at);
        String responseAt = at + ".responseElements";
        RequestParametersEntity requestParameters = request == null ? null
                : new RequestParametersEntity(text(request, at + ".requestParameters", "sourceIPAddress"));
        ResponseElementsEntity responseElements = response == null ? null
                : new ResponseElementsEntity(text(response, responseAt, "x-amz-id-2"), text(response, responseAt, "x-amz-request-id"));
        S3Entity s3 = s3(object(r, "s3", at), at + ".s3");
        UserIdentityEntity userIdentity = identity(object(r, "userIdentity", at), at + ".userIdentity");
        String awsRegion = text(r, at, "awsRegion");
        String eventName = text(r, at, "eventName");
        String eventSource = text(r, at, "eventSource");
        String eventVersion = text(r, at, "eventVersion");
        String eventTime = text(r, at, "eventTime");
        try {
            // The constructor parses eventTime with joda's DateTime.parse.
            return new S3EventNotificationRecord(awsRegion, eventName, eventSource, eventTime, eventVersion,
                    requestParameters, responseElements, s3, userIdentity);
        } catch (IllegalArgumentException e) {
            throw invalid(at + ".eventTime", "is not an ISO-8601 date-time: \"" + eventTime + "\"");
        }
    }

    private static S3Entity s3(JsonNode s3, String at) {
        if (s3 == null) {
            return null;
        }
        JsonNode bucket = object(s3, "bucket", at);
        JsonNode object = object(s3, "object", at);
        String bucketAt = at + ".bucket";
        String objectAt = at + ".object";
        return new S3Entity(text(s3, at, "configurationId"),
                bucket == null ? null : new S3BucketEntity(text(bucket, bucketAt, "name"),
                        identity(object(bucket, "ownerIdentity", bucketAt), bucketAt + ".ownerIdentity"),
                        text(bucket, bucketAt, "arn")),
                object == null ? null : new S3ObjectEntity(text(object, objectAt, "key"), size(object, objectAt),
                        text(object, objectAt, "eTag"), text(object, objectAt, "versionId"),
                        text(object, objectAt, "sequencer")),
                text(s3, at, "s3SchemaVersion"));
    }

    private static UserIdentityEntity identity(JsonNode n, String at) {
        return n == null ? null : new UserIdentityEntity(text(n, at, "principalId"));
    }

    private static Long size(JsonNode object, String at) {
        JsonNode n = object.get("size");
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.canConvertToExactIntegral() && n.canConvertToLong()) {
            return n.longValue();
        }
        throw invalid(at + ".size", "is " + n + ", not a whole number");
    }

    /** The object at {@code name}, or null when absent or null. */
    private static JsonNode object(JsonNode parent, String name, String at) {
        if (parent == null) {
            return null;
        }
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw invalid(at + "." + name, "is " + kind(n) + ", not an object");
        }
        return n;
    }

    /** Text at {@code name}; numbers and booleans as their text, as Jackson's String binding does. */
    private static String text(JsonNode parent, String at, String name) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isContainerNode()) {
            throw invalid(at + "." + name, "is " + kind(n) + ", not text");
        }
        return n.asText();
    }

    private static String kind(JsonNode n) {
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static IllegalArgumentException invalid(String field, String problem) {
        return new IllegalArgumentException("The event cannot be read as " + TYPE + ": " + field + " " + problem);
    }
}
