package dev.lift.plugins.s3;

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
import dev.lift.events.S3Notification;
import dev.lift.spi.support.EventFields;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes S3 event notifications into {@link S3Notification} records, with object keys
 * URL-decoded. S3 invokes Lambda asynchronously and has no partial batch response: when a
 * record fails, the kernel fails the whole invocation so that Lambda retries it. Stateless.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class S3Adapter implements EventAdapter {

    private static final String EVENT_SOURCE = "aws:s3";

    @Override
    public String id() {
        return "adapter-s3";
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public int order() {
        return 120;
    }

    @Override
    public EventKind kind() {
        return EventKind.BATCH;
    }

    /** {@code Records[0].eventSource} is {@code aws:s3}. */
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
     *     {@code The S3 event is malformed: Records[0].s3.bucket.name is missing}
     */
    @Override
    public RecordBatch<S3Notification> decode(JsonNode event) {
        List<EventFields> records = EventFields.root(event, "S3 event").requiredObjects("Records");
        List<S3Notification> notifications = new ArrayList<>(records.size());
        for (EventFields r : records) {
            String source = r.text("eventSource");
            if (source != null && !EVENT_SOURCE.equals(source)) {
                throw r.invalid("eventSource", "is \"" + source + "\" but the batch is an S3 batch");
            }
            EventFields s3 = r.requiredObject("s3");
            EventFields bucket = s3.requiredObject("bucket");
            EventFields object = s3.requiredObject("object");
            EventFields restore = nested(r.object("glacierEventData"), "restoreEventData");
            notifications.add(new S3Notification(r.requiredText("eventName"), r.instant("eventTime"),
                    r.text("awsRegion"), bucket.requiredText("name"), key(object),
                    object.longValue("size", 0), object.text("eTag"), object.text("versionId"),
                    object.text("sequencer"), r.text("eventVersion"), s3.text("configurationId"),
                    bucket.text("arn"), text(nested(bucket, "ownerIdentity"), "principalId"),
                    text(nested(r, "userIdentity"), "principalId"),
                    text(nested(r, "requestParameters"), "sourceIPAddress"),
                    text(nested(r, "responseElements"), "x-amz-request-id"),
                    text(nested(r, "responseElements"), "x-amz-id-2"),
                    restore == null ? null : restore.instant("lifecycleRestorationExpiryTime"),
                    text(restore, "lifecycleRestoreStorageClass")));
        }
        return new RecordBatch<>(id(), S3Notification.class, notifications,
                n -> "s3://" + n.bucket() + "/" + n.key(), false, false);
    }

    /** An optional object inside an optional object; null when either is absent. */
    private static EventFields nested(EventFields parent, String field) {
        return parent == null ? null : parent.object(field);
    }

    /** An optional text field of an optional object; null when either is absent. */
    private static String text(EventFields parent, String field) {
        return parent == null ? null : parent.text(field);
    }

    /** S3 sends keys form-URL-encoded: {@code my+photo%281%29.jpg} is {@code my photo(1).jpg}. */
    private static String key(EventFields object) {
        String raw = object.requiredText("key");
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw object.invalid("key", "is not URL-encoded as S3 sends keys");
        }
    }

    /**
     * S3 ignores what the function returns, so a successful batch is answered with JSON
     * {@code null}; other results are written as plain JSON.
     *
     * @throws IllegalStateException for a batch response that reports failures: S3 cannot retry
     *     single records, so they must fail the invocation instead of being acknowledged
     */
    @Override
    public void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException {
        if (result instanceof BatchResponse) {
            List<String> failed = ((BatchResponse) result).failedItemIdentifiers();
            if (!failed.isEmpty()) {
                throw new IllegalStateException("S3 does not support partial batch responses; failing the invocation "
                        + "so that Lambda retries it (failed records: " + String.join(", ", failed) + ")");
            }
            out.writeNull();
        } else {
            Json.mapper().writeValue(out, result);
        }
    }
}
