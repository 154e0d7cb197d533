package dev.lift.test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Api;
import dev.lift.api.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * S3 event notifications as Lambda receives them. Keys are URL-encoded in the event (spaces as
 * {@code +}), exactly as S3 sends them; Lift's S3 adapter decodes them.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class S3EventBuilder implements TestEvent {

    private record Change(String eventName, String key, long size, String eTag) {
    }

    private final String bucket;
    private final List<Change> changes = new ArrayList<>();
    private Instant time = Instant.parse("2025-01-01T00:00:00Z");

    S3EventBuilder(String bucket) {
        this.bucket = bucket;
    }

    /** An {@code ObjectCreated:Put} of {@code key} with {@code size} bytes. */
    public S3EventBuilder objectCreated(String key, long size) {
        return record("ObjectCreated:Put", key, size);
    }

    /** An {@code ObjectRemoved:Delete} of {@code key}. */
    public S3EventBuilder objectRemoved(String key) {
        return record("ObjectRemoved:Delete", key, 0);
    }

    /** A record of any event name, for example {@code ObjectCreated:CompleteMultipartUpload}. */
    public S3EventBuilder record(String eventName, String key, long size) {
        String etag = eventName.startsWith("ObjectRemoved") ? null
                : SqsEventBuilder.md5(key + ":" + size);
        changes.add(new Change(eventName, key, size, etag));
        return this;
    }

    /** When the changes happened. */
    public S3EventBuilder at(Instant instant) {
        this.time = instant;
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
            r.put("eventVersion", "2.1");
            r.put("eventSource", "aws:s3");
            r.put("awsRegion", Events.REGION);
            r.put("eventTime", Events.MILLIS.format(time));
            r.put("eventName", c.eventName());
            r.putObject("userIdentity").put("principalId", "AWS:EXAMPLE");
            r.putObject("requestParameters").put("sourceIPAddress", "203.0.113.10");
            ObjectNode resp = r.putObject("responseElements");
            resp.put("x-amz-request-id", "REQUEST" + n);
            resp.put("x-amz-id-2", "EXAMPLE/" + n);
            ObjectNode s3 = r.putObject("s3");
            s3.put("s3SchemaVersion", "1.0");
            s3.put("configurationId", "lift-test");
            ObjectNode b = s3.putObject("bucket");
            b.put("name", bucket);
            b.putObject("ownerIdentity").put("principalId", "EXAMPLE");
            b.put("arn", "arn:aws:s3:::" + bucket);
            ObjectNode o = s3.putObject("object");
            o.put("key", URLEncoder.encode(c.key(), StandardCharsets.UTF_8).replace("%2F", "/"));
            if (!c.eventName().startsWith("ObjectRemoved")) {
                o.put("size", c.size());
                o.put("eTag", c.eTag());
            }
            o.put("sequencer", String.format("%018X", n));
        }
        return e;
    }
}
