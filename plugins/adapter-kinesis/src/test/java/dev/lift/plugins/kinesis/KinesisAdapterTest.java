package dev.lift.plugins.kinesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import dev.lift.events.KinesisRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.lift.plugins.testsupport.Fixtures;

class KinesisAdapterTest {

    private static final String SEQ = "49545115243490985018280067714973144582180062593244200961";

    private final KinesisAdapter adapter = new KinesisAdapter();

    record Click(String page, int count) {
    }

    @Test
    void identityAndRegistration() {
        assertEquals("adapter-kinesis", adapter.id());
        assertEquals(140, adapter.order());
        assertEquals(EventKind.BATCH, adapter.kind());
        assertEquals(List.of(KinesisAdapter.class),
                ServiceLoader.load(EventAdapter.class).stream().map(ServiceLoader.Provider::type).toList());
    }

    @Test
    void claimsKinesisEventsOnly() {
        assertTrue(adapter.matches(Fixtures.event("kinesis_event.json")));
        for (String other : List.of("sqs_event.json", "sns_event.json", "s3_event.json", "dynamodb_event.json",
                "eventbridge_event.json", "scheduled_event.json", "apigw_http_event.json")) {
            assertFalse(adapter.matches(Fixtures.event(other)), other);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"Records\":[]}", "{\"Records\":\"x\"}", "{\"Records\":[true]}",
            "{\"Records\":[{\"eventSource\":\"aws:kinesis:record\"}]}", "[]", "null"})
    void doesNotClaimOtherShapes(String json) {
        assertFalse(adapter.matches(Fixtures.parse(json)));
    }

    @Test
    void decodesTheSampleEvent() {
        RecordBatch<KinesisRecord> batch = adapter.decode(Fixtures.event("kinesis_event.json"));
        assertEquals("adapter-kinesis", batch.source());
        assertEquals(KinesisRecord.class, batch.recordType());
        assertTrue(batch.partialFailures());
        assertTrue(batch.ordered(), "a shard is processed in order and stops at its first failure");

        KinesisRecord r = batch.records().get(0);
        assertEquals("shardId-000000000000:" + SEQ, r.eventId());
        assertEquals("shardId-000000000000", r.shardId());
        assertEquals("partitionKey-03", r.partitionKey());
        assertEquals(SEQ, r.sequenceNumber());
        assertEquals(SEQ, batch.itemIdentifier(r));
        assertEquals("Hello, this is a test 123.", r.dataAsText());
        assertArrayEquals("Hello, this is a test 123.".getBytes(StandardCharsets.UTF_8), r.data());
        assertEquals(Instant.ofEpochSecond(1428537600), r.approximateArrivalTimestamp());
        assertEquals("arn:aws:kinesis:EXAMPLE", r.eventSourceArn());
        assertNull(r.streamName(), "the sample's ARN names no stream");
        assertEquals("eu-central-1", r.awsRegion());
    }

    @Test
    void decodesEncryptionSchemaVersionEventNameAndIdentityOfTheSample() {
        KinesisRecord r = adapter.decode(Fixtures.event("kinesis_event.json")).records().get(0);
        assertEquals("NONE", r.encryptionType());
        assertFalse(r.isKmsEncrypted());
        assertEquals("1.0", r.kinesisSchemaVersion());
        assertEquals("aws:kinesis:record", r.eventName());
        assertEquals("1.0", r.eventVersion());
        assertEquals("arn:aws:iam::EXAMPLE", r.invokeIdentityArn());
    }

    @Test
    void aKmsEncryptedRecordSaysSo() {
        ObjectNode event = Fixtures.event("kinesis_event.json");
        ((ObjectNode) event.get("Records").get(0).get("kinesis")).put("encryptionType", "KMS");
        KinesisRecord r = adapter.decode(event).records().get(0);
        assertEquals("KMS", r.encryptionType());
        assertTrue(r.isKmsEncrypted());
        assertEquals("Hello, this is a test 123.", r.dataAsText(), "Lambda hands over the data decrypted");
    }

    @Test
    void theSampleWithoutEncryptionVersionsEventNameAndIdentityStillDecodes() {
        ObjectNode event = Fixtures.event("kinesis_event.json");
        ObjectNode record = (ObjectNode) event.get("Records").get(0);
        record.remove(List.of("eventName", "eventVersion", "invokeIdentityArn"));
        ((ObjectNode) record.get("kinesis")).remove(List.of("encryptionType", "kinesisSchemaVersion"));
        KinesisRecord r = adapter.decode(event).records().get(0);
        assertEquals(SEQ, r.sequenceNumber());
        assertNull(r.encryptionType());
        assertFalse(r.isKmsEncrypted());
        assertNull(r.kinesisSchemaVersion());
        assertNull(r.eventName());
        assertNull(r.eventVersion());
        assertNull(r.invokeIdentityArn());
        assertEquals(new KinesisRecord("shardId-000000000000:" + SEQ, "partitionKey-03", SEQ,
                "Hello, this is a test 123.".getBytes(StandardCharsets.UTF_8), Instant.ofEpochSecond(1428537600),
                "arn:aws:kinesis:EXAMPLE", "eu-central-1"), r, "the 0.1 constructor leaves the new fields absent");
    }

    @Test
    void recordsDifferingOnlyInEncryptionAreNotEqual() {
        ObjectNode event = Fixtures.event("kinesis_event.json");
        KinesisRecord plain = adapter.decode(event).records().get(0);
        ((ObjectNode) event.get("Records").get(0).get("kinesis")).put("encryptionType", "KMS");
        KinesisRecord kms = adapter.decode(event).records().get(0);
        assertNotEquals(plain, kms);
        assertEquals(plain, adapter.decode(Fixtures.event("kinesis_event.json")).records().get(0));
        assertEquals(plain.hashCode(), adapter.decode(Fixtures.event("kinesis_event.json")).records().get(0).hashCode());
    }

    @Test
    void decodesJsonDataAndStreamNames() {
        ObjectNode event = Fixtures.event("kinesis_event.json");
        ObjectNode record = (ObjectNode) event.get("Records").get(0);
        record.put("eventSourceARN", "arn:aws:kinesis:eu-central-1:123456789012:stream/clicks");
        ((ObjectNode) record.get("kinesis")).put("data", "eyJwYWdlIjoiL2hvbWUiLCJjb3VudCI6M30=")
                .put("approximateArrivalTimestamp", 1.428537600123E9);
        KinesisRecord r = adapter.decode(event).records().get(0);
        assertEquals("clicks", r.streamName());
        assertEquals(new Click("/home", 3), r.dataAs(Click.class));
        assertEquals(1428537600123L, r.approximateArrivalTimestamp().toEpochMilli());
    }

    @Test
    void dataCannotBeChangedThroughTheAccessor() {
        KinesisRecord r = adapter.decode(Fixtures.event("kinesis_event.json")).records().get(0);
        r.data()[0] = 'J';
        assertEquals("Hello, this is a test 123.", r.dataAsText());
    }

    @Test
    void encodesFailedSequenceNumbersAsAPartialBatchResponse() {
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + SEQ + "\"}]}",
                Fixtures.encode(adapter, null, new BatchResponse(List.of(SEQ))));
        assertEquals("{\"batchItemFailures\":[]}", Fixtures.encode(adapter, null, BatchResponse.allSucceeded()));
    }

    private String rejection(ObjectNode event) {
        LiftException e = assertThrows(LiftException.class, () -> adapter.decode(event));
        assertEquals(400, e.status());
        return e.detail();
    }

    @Test
    void badBase64NamesTheRecordsSequenceNumber() {
        ObjectNode event = Fixtures.event("kinesis_event.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        ObjectNode second = records.get(0).deepCopy();
        ((ObjectNode) second.get("kinesis")).put("sequenceNumber", "4955").put("data", "not base64!");
        records.add(second);
        assertEquals("The Kinesis event is malformed: Records[1].kinesis.data of record 4955 is not valid base64",
                rejection(event));
    }

    @Test
    void rejectsBrokenRecordsNamingTheIndexAndField() {
        assertEquals("The Kinesis event is malformed: Records is empty",
                rejection((ObjectNode) Fixtures.parse("{\"Records\":[]}")));
        ObjectNode event = Fixtures.event("kinesis_event.json");
        ObjectNode record = (ObjectNode) event.get("Records").get(0);
        ObjectNode kinesis = (ObjectNode) record.get("kinesis");
        kinesis.remove("data");
        assertEquals("The Kinesis event is malformed: Records[0].kinesis.data is missing", rejection(event));
        kinesis.put("data", "AA==");
        kinesis.remove("sequenceNumber");
        assertEquals("The Kinesis event is malformed: Records[0].kinesis.sequenceNumber is missing", rejection(event));
        kinesis.put("sequenceNumber", 12);
        assertEquals("The Kinesis event is malformed: Records[0].kinesis.sequenceNumber must be a string, was a number",
                rejection(event));
        kinesis.put("sequenceNumber", "12");
        kinesis.put("approximateArrivalTimestamp", "2015-04-09");
        assertEquals("The Kinesis event is malformed: Records[0].kinesis.approximateArrivalTimestamp must be a number "
                + "of seconds since the epoch, was a string", rejection(event));
        record.put("kinesis", "x");
        assertEquals("The Kinesis event is malformed: Records[0].kinesis must be an object, was a string", rejection(event));
        record.put("eventSource", "aws:sqs");
        assertEquals("The Kinesis event is malformed: Records[0].eventSource is \"aws:sqs\" but the batch is a Kinesis batch",
                rejection(event));
    }

    // ---- selectors ----

    private static KinesisRecord from(String arn) {
        return new KinesisRecord("shardId-1:1", "pk", "1", new byte[0], null, arn, "eu-central-1");
    }

    @Test
    void streamSelectorsMatchByNameOrArn() {
        KinesisRecord clicks = from("arn:aws:kinesis:eu-central-1:123456789012:stream/clicks");
        assertTrue(KinesisRecord.stream("clicks").matches(clicks));
        assertFalse(KinesisRecord.stream("click").matches(clicks));
        assertTrue(KinesisRecord.stream("arn:aws:kinesis:eu-central-1:123456789012:stream/clicks").matches(clicks));
        assertFalse(KinesisRecord.stream("arn:aws:kinesis:eu-west-1:123456789012:stream/clicks").matches(clicks));
        assertFalse(KinesisRecord.stream("clicks").matches(from(null)));
        assertTrue(KinesisRecord.any().matches(from(null)));
        assertEquals("kinesis stream=clicks", KinesisRecord.stream("clicks").describe());
        assertTrue(KinesisRecord.stream("clicks").specificity() > KinesisRecord.any().specificity());
    }
}
