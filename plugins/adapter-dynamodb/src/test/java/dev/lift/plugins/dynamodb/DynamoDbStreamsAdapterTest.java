package dev.lift.plugins.dynamodb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.BatchResponse;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.LiftException;
import dev.lift.api.RecordBatch;
import dev.lift.events.AttributeValue;
import dev.lift.events.DynamoDbStreamRecord;
import dev.lift.events.DynamoDbStreamRecord.EventName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.lift.plugins.testsupport.Fixtures;

class DynamoDbStreamsAdapterTest {

    private static final String ARN =
            "arn:aws:dynamodb:eu-central-1:123456789012:table/ExampleTableWithStream/stream/2015-06-27T00:48:05.899";

    private final DynamoDbStreamsAdapter adapter = new DynamoDbStreamsAdapter();

    @Test
    void identityAndRegistration() {
        assertEquals("adapter-dynamodb", adapter.id());
        assertEquals(130, adapter.order());
        assertEquals(EventKind.BATCH, adapter.kind());
        assertEquals(List.of(DynamoDbStreamsAdapter.class),
                ServiceLoader.load(EventAdapter.class).stream().map(ServiceLoader.Provider::type).toList());
    }

    @Test
    void claimsDynamoDbStreamEventsOnly() {
        assertTrue(adapter.matches(Fixtures.event("dynamodb_event.json")));
        for (String other : List.of("sqs_event.json", "sns_event.json", "s3_event.json", "kinesis_event.json",
                "eventbridge_event.json", "scheduled_event.json", "apigw_http_event.json")) {
            assertFalse(adapter.matches(Fixtures.event(other)), other);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"Records\":[]}", "{\"Records\":\"x\"}", "{\"Records\":[[]]}",
            "{\"Records\":[{\"eventSource\":\"aws:DynamoDB\"}]}", "[]", "null"})
    void doesNotClaimOtherShapes(String json) {
        assertFalse(adapter.matches(Fixtures.parse(json)));
    }

    @Test
    void decodesTheSampleEvent() {
        RecordBatch<DynamoDbStreamRecord> batch = adapter.decode(Fixtures.event("dynamodb_event.json"));
        assertEquals("adapter-dynamodb", batch.source());
        assertEquals(DynamoDbStreamRecord.class, batch.recordType());
        assertTrue(batch.partialFailures());
        assertTrue(batch.ordered(), "a shard is processed in order and stops at its first failure");
        assertEquals(3, batch.records().size());

        DynamoDbStreamRecord insert = batch.records().get(0);
        assertEquals("c4ca4238a0b923820dcc509a6f75849b", insert.eventId());
        assertEquals(EventName.INSERT, insert.eventName());
        assertEquals(ARN, insert.eventSourceArn());
        assertEquals("ExampleTableWithStream", insert.tableName());
        assertEquals("eu-central-1", insert.awsRegion());
        assertEquals("4421584500000000017450439091", insert.sequenceNumber());
        assertEquals("4421584500000000017450439091", batch.itemIdentifier(insert));
        assertEquals(26, insert.sizeBytes());
        assertEquals("NEW_AND_OLD_IMAGES", insert.streamViewType());
        assertEquals(Instant.ofEpochSecond(1428537600), insert.approximateCreationDateTime());
        assertEquals(Map.of("Id", AttributeValue.ofN("101")), insert.keys());
        assertEquals("101", insert.keys().get("Id").n());
        assertEquals(AttributeValue.Type.N, insert.keys().get("Id").type());
        assertEquals(Map.of("Message", AttributeValue.ofS("New item!"), "Id", AttributeValue.ofN("101")), insert.newImage());
        assertEquals(List.of("Message", "Id"), List.copyOf(insert.newImage().keySet()), "images keep the event's order");
        assertEquals("New item!", insert.newImage().get("Message").s());
        assertEquals(Map.of(), insert.oldImage());

        DynamoDbStreamRecord modify = batch.records().get(1);
        assertEquals(EventName.MODIFY, modify.eventName());
        assertEquals("4421584500000000017450439092", modify.sequenceNumber());
        assertEquals(59, modify.sizeBytes());
        assertEquals(1635734407123L, modify.approximateCreationDateTime().toEpochMilli(), "fractional seconds are kept");
        assertEquals("This item has changed", modify.newImage().get("Message").s());
        assertEquals("New item!", modify.oldImage().get("Message").s());

        DynamoDbStreamRecord remove = batch.records().get(2);
        assertEquals(EventName.REMOVE, remove.eventName());
        assertEquals("eccbc87e4b5ce2fe28308fd9f2a7baf3", remove.eventId());
        assertEquals(38, remove.sizeBytes());
        assertEquals(Map.of(), remove.newImage());
        assertEquals("This item has changed", remove.oldImage().get("Message").s());
        assertEquals("101", remove.oldImage().get("Id").n());
    }

    @Test
    void decodesTheEventVersionAndUserIdentityOfTheSample() {
        List<DynamoDbStreamRecord> records = adapter.decode(Fixtures.event("dynamodb_event.json")).records();
        DynamoDbStreamRecord insert = records.get(0);
        assertEquals("1.1", insert.eventVersion());
        // The published sample gives its INSERT the service identity; only a REMOVE with it is a TTL delete.
        assertEquals(new DynamoDbStreamRecord.UserIdentity("Service", "dynamodb.amazonaws.com"), insert.userIdentity());
        assertEquals("Service", insert.userIdentity().type());
        assertEquals("dynamodb.amazonaws.com", insert.userIdentity().principalId());
        assertTrue(insert.userIdentity().isTimeToLive());
        assertFalse(insert.isTtlDelete());

        DynamoDbStreamRecord modify = records.get(1);
        assertEquals("1.1", modify.eventVersion());
        assertNull(modify.userIdentity());
        assertFalse(modify.isTtlDelete());

        DynamoDbStreamRecord remove = records.get(2);
        assertEquals("1.1", remove.eventVersion());
        assertNull(remove.userIdentity(), "a user's own delete carries no identity");
        assertFalse(remove.isTtlDelete());
    }

    private static ObjectNode removeRecord(ObjectNode event) {
        return (ObjectNode) event.get("Records").get(2);
    }

    @Test
    void aRemoveByTimeToLiveIsATtlDelete() {
        ObjectNode event = Fixtures.event("dynamodb_event.json");
        // The shape AWS documents for items deleted by Time to Live.
        removeRecord(event).putObject("userIdentity").put("type", "Service")
                .put("principalId", "dynamodb.amazonaws.com");
        DynamoDbStreamRecord remove = adapter.decode(event).records().get(2);
        assertEquals(EventName.REMOVE, remove.eventName());
        assertEquals(new DynamoDbStreamRecord.UserIdentity("Service", "dynamodb.amazonaws.com"), remove.userIdentity());
        assertTrue(remove.isTtlDelete());
        assertEquals("This item has changed", remove.oldImage().get("Message").s(), "the expired item is still there");
    }

    @Test
    void aRemoveByAnotherIdentityIsNoTtlDelete() {
        ObjectNode event = Fixtures.event("dynamodb_event.json");
        removeRecord(event).putObject("userIdentity").put("type", "Service").put("principalId", "other.amazonaws.com");
        DynamoDbStreamRecord remove = adapter.decode(event).records().get(2);
        assertEquals("other.amazonaws.com", remove.userIdentity().principalId());
        assertFalse(remove.userIdentity().isTimeToLive());
        assertFalse(remove.isTtlDelete());
    }

    @Test
    void anEmptyUserIdentityAndAMissingEventVersionStillDecode() {
        ObjectNode event = Fixtures.event("dynamodb_event.json");
        removeRecord(event).putObject("userIdentity");
        removeRecord(event).remove("eventVersion");
        DynamoDbStreamRecord remove = adapter.decode(event).records().get(2);
        assertEquals(new DynamoDbStreamRecord.UserIdentity(null, null), remove.userIdentity());
        assertFalse(remove.isTtlDelete());
        assertNull(remove.eventVersion());
        assertEquals("4421584500000000017450439093", remove.sequenceNumber());
    }

    private static final String EVERY_TYPE = """
            {"s":{"S":"text"},"n":{"N":"-12.50"},"b":{"B":"AAEC/w=="},
             "ss":{"SS":["a","b"]},"ns":{"NS":["1","2.5"]},"bs":{"BS":["AA==","AQI="]},
             "m":{"M":{"inner":{"S":"deep"},"list":{"L":[{"N":"1"},{"BOOL":true}]}}},
             "l":{"L":[{"S":"x"},{"NULL":true},{"M":{}}]},
             "nul":{"NULL":true},"yes":{"BOOL":true},"no":{"BOOL":false}}""";

    private DynamoDbStreamRecord withNewImage(String image) {
        ObjectNode event = Fixtures.event("dynamodb_event.json");
        JsonNode parsed = Fixtures.parse(image);
        ((ObjectNode) event.get("Records").get(0).get("dynamodb")).set("NewImage", parsed);
        return adapter.decode(event).records().get(0);
    }

    @Test
    void decodesEveryAttributeType() {
        Map<String, AttributeValue> img = withNewImage(EVERY_TYPE).newImage();

        assertEquals(AttributeValue.Type.S, img.get("s").type());
        assertEquals("text", img.get("s").s());
        assertNull(img.get("s").n(), "an accessor of another type gives null");

        assertEquals("-12.50", img.get("n").n());
        assertNull(img.get("n").s());

        assertEquals(AttributeValue.Type.B, img.get("b").type());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, img.get("b").b());

        assertEquals(List.of("a", "b"), img.get("ss").ss());
        assertEquals(List.of("1", "2.5"), img.get("ns").ns());
        assertEquals(AttributeValue.Type.BS, img.get("bs").type());
        assertEquals(2, img.get("bs").bs().size());
        assertArrayEquals(new byte[] {0}, img.get("bs").bs().get(0));
        assertArrayEquals(new byte[] {1, 2}, img.get("bs").bs().get(1));

        Map<String, AttributeValue> m = img.get("m").m();
        assertEquals(AttributeValue.Type.M, img.get("m").type());
        assertEquals("deep", m.get("inner").s());
        assertEquals(List.of(AttributeValue.ofN("1"), AttributeValue.ofBool(true)), m.get("list").l());

        List<AttributeValue> l = img.get("l").l();
        assertEquals("x", l.get(0).s());
        assertTrue(l.get(1).isNull());
        assertEquals(Map.of(), l.get(2).m());

        assertTrue(img.get("nul").isNull());
        assertEquals(AttributeValue.Type.NULL, img.get("nul").type());
        assertFalse(img.get("s").isNull());
        assertEquals(Boolean.TRUE, img.get("yes").bool());
        assertEquals(Boolean.FALSE, img.get("no").bool());
        assertNull(img.get("s").bool());

        assertEquals(AttributeValue.ofB(new byte[] {0, 1, 2, (byte) 0xff}), img.get("b"), "binary values compare by content");
        assertEquals(AttributeValue.ofBs(List.of(new byte[] {0}, new byte[] {1, 2})), img.get("bs"));
    }

    @Test
    void binaryValuesCannotBeChangedThroughTheirAccessors() {
        AttributeValue b = withNewImage(EVERY_TYPE).newImage().get("b");
        b.b()[0] = 99;
        assertEquals(0, b.b()[0]);
    }

    @Test
    void encodesFailedSequenceNumbersAsAPartialBatchResponse() {
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"4421584500000000017450439092\"}]}",
                Fixtures.encode(adapter, null, new BatchResponse(List.of("4421584500000000017450439092"))));
        assertEquals("{\"batchItemFailures\":[]}", Fixtures.encode(adapter, null, BatchResponse.allSucceeded()));
    }

    private String rejectionOfImage(String image) {
        LiftException e = assertThrows(LiftException.class, () -> withNewImage(image));
        assertEquals(400, e.status());
        return e.detail();
    }

    @Test
    void rejectsBrokenAttributeValuesNamingTheirPath() {
        String p = "The DynamoDB Streams event is malformed: Records[0].dynamodb.NewImage.";
        assertEquals(p + "a must hold exactly one type, such as {\"S\":\"text\"}; it holds [S, N]",
                rejectionOfImage("{\"a\":{\"S\":\"x\",\"N\":\"1\"}}"));
        assertEquals(p + "a must hold exactly one type, such as {\"S\":\"text\"}; it holds []",
                rejectionOfImage("{\"a\":{}}"));
        assertEquals(p + "a must be an object, was a string", rejectionOfImage("{\"a\":\"x\"}"));
        assertEquals(p + "a.X is not a DynamoDB type; expected one of S, N, B, SS, NS, BS, M, L, NULL, BOOL",
                rejectionOfImage("{\"a\":{\"X\":\"1\"}}"));
        assertEquals(p + "a.N is not a number: \"ten\"", rejectionOfImage("{\"a\":{\"N\":\"ten\"}}"));
        assertEquals(p + "a.N must be a string, was a number", rejectionOfImage("{\"a\":{\"N\":10}}"));
        assertEquals(p + "a.S is missing", rejectionOfImage("{\"a\":{\"S\":null}}"));
        assertEquals(p + "a.B is not valid base64", rejectionOfImage("{\"a\":{\"B\":\"%%%\"}}"));
        assertEquals(p + "a.BS[1] is not valid base64", rejectionOfImage("{\"a\":{\"BS\":[\"AA==\",\"*\"]}}"));
        assertEquals(p + "a.NS[1] is not a number: \"x\"", rejectionOfImage("{\"a\":{\"NS\":[\"1\",\"x\"]}}"));
        assertEquals(p + "a.SS must be an array, was a string", rejectionOfImage("{\"a\":{\"SS\":\"x\"}}"));
        assertEquals(p + "a.M.b.L[1] must hold exactly one type, such as {\"S\":\"text\"}; it holds [S, BOOL]",
                rejectionOfImage("{\"a\":{\"M\":{\"b\":{\"L\":[{\"S\":\"ok\"},{\"S\":\"x\",\"BOOL\":true}]}}}}"));
        assertEquals(p + "a.L[0] must be an object, was a number", rejectionOfImage("{\"a\":{\"L\":[1]}}"));
        assertEquals(p + "a.NULL must be true", rejectionOfImage("{\"a\":{\"NULL\":false}}"));
        assertEquals(p + "a.BOOL must be true or false, was a string", rejectionOfImage("{\"a\":{\"BOOL\":\"yes\"}}"));
        assertEquals("The DynamoDB Streams event is malformed: Records[0].dynamodb.NewImage must be an object, was an array",
                rejectionOfImage("[]"));
    }

    private String rejection(ObjectNode event) {
        LiftException e = assertThrows(LiftException.class, () -> adapter.decode(event));
        assertEquals(400, e.status());
        return e.detail();
    }

    @Test
    void rejectsBrokenRecordsNamingTheIndexAndField() {
        assertEquals("The DynamoDB Streams event is malformed: Records must be an array, was a string",
                rejection((ObjectNode) Fixtures.parse("{\"Records\":\"x\"}")));
        ObjectNode event = Fixtures.event("dynamodb_event.json");
        ObjectNode second = (ObjectNode) event.get("Records").get(1);
        ObjectNode ddb = (ObjectNode) second.get("dynamodb");

        second.put("eventName", "UPSERT");
        assertEquals("The DynamoDB Streams event is malformed: Records[1].eventName is \"UPSERT\"; "
                + "expected INSERT, MODIFY or REMOVE", rejection(event));
        second.put("eventName", "MODIFY");
        ddb.remove("SequenceNumber");
        assertEquals("The DynamoDB Streams event is malformed: Records[1].dynamodb.SequenceNumber is missing",
                rejection(event));
        ddb.put("SequenceNumber", "2");
        ddb.put("ApproximateCreationDateTime", "yesterday");
        assertEquals("The DynamoDB Streams event is malformed: Records[1].dynamodb.ApproximateCreationDateTime "
                + "must be a number of seconds since the epoch, was a string", rejection(event));
        ddb.put("ApproximateCreationDateTime", new java.math.BigDecimal("1e400"));
        assertEquals("The DynamoDB Streams event is malformed: Records[1].dynamodb.ApproximateCreationDateTime "
                + "is out of range: 1E+400", rejection(event));
        ddb.put("ApproximateCreationDateTime", 1428537600);
        ddb.put("Keys", "x");
        assertEquals("The DynamoDB Streams event is malformed: Records[1].dynamodb.Keys must be an object, was a string",
                rejection(event));
        second.remove("dynamodb");
        assertEquals("The DynamoDB Streams event is malformed: Records[1].dynamodb is missing", rejection(event));
        second.set("dynamodb", event.get("Records").get(0).get("dynamodb").deepCopy());
        second.remove("eventID");
        assertEquals("The DynamoDB Streams event is malformed: Records[1].eventID is missing", rejection(event));
    }

    // ---- selectors ----

    @Test
    void tableSelectorsMatchByNameOrArnAndEventNames() {
        List<DynamoDbStreamRecord> r = adapter.decode(Fixtures.event("dynamodb_event.json")).records();
        DynamoDbStreamRecord insert = r.get(0);
        DynamoDbStreamRecord modify = r.get(1);
        DynamoDbStreamRecord remove = r.get(2);

        assertTrue(DynamoDbStreamRecord.table("ExampleTableWithStream").matches(remove));
        assertFalse(DynamoDbStreamRecord.table("Example").matches(insert));
        assertTrue(DynamoDbStreamRecord.table("arn:aws:dynamodb:eu-central-1:123456789012:table/ExampleTableWithStream")
                .matches(modify));
        assertFalse(DynamoDbStreamRecord.table("arn:aws:dynamodb:us-east-1:123456789012:table/ExampleTableWithStream")
                .matches(modify));
        var changes = DynamoDbStreamRecord.table("ExampleTableWithStream", EventName.INSERT, EventName.MODIFY);
        assertTrue(changes.matches(insert));
        assertTrue(changes.matches(modify));
        assertFalse(changes.matches(remove));
        assertEquals("dynamodb table=ExampleTableWithStream events=[INSERT, MODIFY]", changes.describe());
        assertTrue(DynamoDbStreamRecord.any().matches(remove));

        assertEquals(0, DynamoDbStreamRecord.any().specificity());
        assertEquals(10, DynamoDbStreamRecord.table("ExampleTableWithStream").specificity());
        assertEquals(20, changes.specificity());
        assertThrows(IllegalArgumentException.class,
                () -> DynamoDbStreamRecord.table("arn:aws:dynamodb:eu-central-1:123456789012:global-table"));
    }
}
