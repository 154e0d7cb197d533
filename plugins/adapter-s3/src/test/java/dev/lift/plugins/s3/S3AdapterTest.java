package dev.lift.plugins.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.BatchResponse;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.LiftException;
import dev.lift.api.RecordBatch;
import dev.lift.events.S3Notification;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.lift.plugins.testsupport.Fixtures;

class S3AdapterTest {

    private final S3Adapter adapter = new S3Adapter();

    @Test
    void identityAndRegistration() {
        assertEquals("adapter-s3", adapter.id());
        assertEquals(120, adapter.order());
        assertEquals(EventKind.BATCH, adapter.kind());
        assertEquals(List.of(S3Adapter.class),
                ServiceLoader.load(EventAdapter.class).stream().map(ServiceLoader.Provider::type).toList());
    }

    @Test
    void claimsS3EventsOnly() {
        assertTrue(adapter.matches(Fixtures.event("s3_event.json")));
        for (String other : List.of("sqs_event.json", "sns_event.json", "dynamodb_event.json", "kinesis_event.json",
                "eventbridge_event.json", "scheduled_event.json", "apigw_rest_event.json", "elb_event.json")) {
            assertFalse(adapter.matches(Fixtures.event(other)), other);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"Records\":[]}", "{\"Records\":\"x\"}", "{\"Records\":[1]}",
            "{\"Records\":[{\"eventSource\":{\"x\":\"aws:s3\"}}]}", "[]", "null"})
    void doesNotClaimOtherShapes(String json) {
        assertFalse(adapter.matches(Fixtures.parse(json)));
    }

    @Test
    void decodesTheSampleEvent() {
        RecordBatch<S3Notification> batch = adapter.decode(Fixtures.event("s3_event.json"));
        assertEquals("adapter-s3", batch.source());
        assertEquals(S3Notification.class, batch.recordType());
        assertFalse(batch.partialFailures(), "S3 has no partial batch response");
        assertFalse(batch.ordered());

        S3Notification n = batch.records().get(0);
        assertEquals(new S3Notification("ObjectCreated:Put", Instant.EPOCH, "eu-central-1", "example-bucket", "test/key",
                1024, "0123456789abcdef0123456789abcdef", "", "0A1B2C3D4E5F678901", "2.0", "testConfigRule",
                "arn:aws:s3:::example-bucket", "EXAMPLE", "EXAMPLE", "127.0.0.1", "EXAMPLE123456789",
                "EXAMPLE123/5678abcdefghijklambdaisawesome/mnopqrstuvwxyzABCDEFGH", null, null), n);
        assertEquals("s3://example-bucket/test/key", batch.itemIdentifier(n));
    }

    @Test
    void decodesWhoAskedFromWhereWithWhichRequestIdsAndWhichConfiguration() {
        S3Notification n = adapter.decode(Fixtures.event("s3_event.json")).records().get(0);
        assertEquals("2.0", n.eventVersion());
        assertEquals("EXAMPLE", n.principalId());
        assertEquals("127.0.0.1", n.sourceIpAddress());
        assertEquals("EXAMPLE123456789", n.requestId());
        assertEquals("EXAMPLE123/5678abcdefghijklambdaisawesome/mnopqrstuvwxyzABCDEFGH", n.extendedRequestId());
        assertEquals("testConfigRule", n.configurationId());
        assertEquals("arn:aws:s3:::example-bucket", n.bucketArn());
        assertEquals("EXAMPLE", n.bucketOwnerPrincipalId());
        assertNull(n.restoreExpiryTime(), "not a restore event");
        assertNull(n.restoreStorageClass());
    }

    @Test
    void anEventWithoutIdentityRequestAndResponseDetailsStillDecodes() {
        ObjectNode event = Fixtures.event("s3_event.json");
        ObjectNode record = (ObjectNode) event.get("Records").get(0);
        record.remove(List.of("eventVersion", "userIdentity", "requestParameters", "responseElements"));
        ObjectNode s3 = (ObjectNode) record.get("s3");
        s3.remove("configurationId");
        ((ObjectNode) s3.get("bucket")).remove(List.of("ownerIdentity", "arn"));
        S3Notification n = adapter.decode(event).records().get(0);
        assertEquals(new S3Notification("ObjectCreated:Put", Instant.EPOCH, "eu-central-1", "example-bucket", "test/key",
                1024, "0123456789abcdef0123456789abcdef", "", "0A1B2C3D4E5F678901"), n);
        assertNull(n.principalId());
        assertNull(n.sourceIpAddress());
        assertNull(n.requestId());
        assertNull(n.extendedRequestId());
        assertNull(n.configurationId());
    }

    @Test
    void emptyIdentityRequestAndResponseObjectsGiveNulls() {
        ObjectNode event = Fixtures.event("s3_event.json");
        ObjectNode record = (ObjectNode) event.get("Records").get(0);
        record.putObject("userIdentity");
        record.putObject("requestParameters");
        record.putObject("responseElements");
        S3Notification n = adapter.decode(event).records().get(0);
        assertNull(n.principalId());
        assertNull(n.sourceIpAddress());
        assertNull(n.requestId());
        assertNull(n.extendedRequestId());
        assertEquals("testConfigRule", n.configurationId());
    }

    @Test
    void aRestoreCompletedEventCarriesTheRestoredCopysExpiryAndStorageClass() {
        ObjectNode event = Fixtures.event("s3_event.json");
        ObjectNode record = (ObjectNode) event.get("Records").get(0);
        record.put("eventVersion", "2.1").put("eventName", "ObjectRestore:Completed");
        record.putObject("glacierEventData").putObject("restoreEventData")
                .put("lifecycleRestorationExpiryTime", "2024-03-21T00:00:00.000Z")
                .put("lifecycleRestoreStorageClass", "GLACIER");
        S3Notification n = adapter.decode(event).records().get(0);
        assertEquals("ObjectRestore:Completed", n.eventName());
        assertEquals("2.1", n.eventVersion());
        assertEquals(Instant.parse("2024-03-21T00:00:00Z"), n.restoreExpiryTime());
        assertEquals("GLACIER", n.restoreStorageClass());
    }

    @Test
    void keysAreUrlDecoded() {
        ObjectNode event = Fixtures.event("s3_event.json");
        object(event, 0).put("key", "photos/my+summer+photo%281%29+%E2%82%AC.jpg");
        assertEquals("photos/my summer photo(1) \u20ac.jpg", adapter.decode(event).records().get(0).key());
    }

    @Test
    void deletionsCarryNoSizeOrETag() {
        ObjectNode event = Fixtures.event("s3_event.json");
        ((ObjectNode) event.get("Records").get(0)).put("eventName", "ObjectRemoved:Delete");
        object(event, 0).remove(List.of("size", "eTag", "versionId"));
        S3Notification n = adapter.decode(event).records().get(0);
        assertEquals("ObjectRemoved:Delete", n.eventName());
        assertEquals(0, n.size());
        assertNull(n.eTag());
        assertNull(n.versionId());
    }

    @Test
    void aSuccessfulBatchIsAnsweredWithNullAndFailuresAreNeverAcknowledged() {
        assertEquals("null", Fixtures.encode(adapter, null, BatchResponse.allSucceeded()));
        assertThrows(IllegalStateException.class,
                () -> Fixtures.encode(adapter, null, new BatchResponse(List.of("s3://b/k"))));
    }

    private String rejection(ObjectNode event) {
        LiftException e = assertThrows(LiftException.class, () -> adapter.decode(event));
        assertEquals(400, e.status());
        return e.detail();
    }

    @Test
    void rejectsBrokenRecordsNamingTheIndexAndField() {
        assertEquals("The S3 event is malformed: Records is missing", rejection((ObjectNode) Fixtures.parse("{}")));
        ObjectNode event = Fixtures.event("s3_event.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        records.add(records.get(0).deepCopy());

        ObjectNode s3 = (ObjectNode) records.get(1).get("s3");
        ObjectNode bucket = (ObjectNode) s3.get("bucket");
        bucket.remove("name");
        assertEquals("The S3 event is malformed: Records[1].s3.bucket.name is missing", rejection(event));
        bucket.put("name", "b");
        object(event, 1).put("key", "bad%zzkey");
        assertEquals("The S3 event is malformed: Records[1].s3.object.key is not URL-encoded as S3 sends keys",
                rejection(event));
        object(event, 1).put("key", "k");
        object(event, 1).put("size", "1024");
        assertEquals("The S3 event is malformed: Records[1].s3.object.size must be a whole number, was a string",
                rejection(event));
        object(event, 1).put("size", 1024);
        s3.remove("object");
        assertEquals("The S3 event is malformed: Records[1].s3.object is missing", rejection(event));
        ((ObjectNode) records.get(1)).remove("s3");
        assertEquals("The S3 event is malformed: Records[1].s3 is missing", rejection(event));
        ((ObjectNode) records.get(1)).set("s3", records.get(0).get("s3").deepCopy());
        ((ObjectNode) records.get(1)).remove("eventName");
        assertEquals("The S3 event is malformed: Records[1].eventName is missing", rejection(event));
    }

    static ObjectNode object(ObjectNode event, int i) {
        return (ObjectNode) event.get("Records").get(i).get("s3").get("object");
    }
}
