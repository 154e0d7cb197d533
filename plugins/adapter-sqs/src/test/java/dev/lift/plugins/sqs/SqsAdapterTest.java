package dev.lift.plugins.sqs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.lift.api.Json;
import dev.lift.api.LiftException;
import dev.lift.api.RecordBatch;
import dev.lift.events.SqsMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.lift.plugins.testsupport.Fixtures;

class SqsAdapterTest {

    private final SqsAdapter adapter = new SqsAdapter();

    record Product(int id, String name, int price) {
    }

    @Test
    void identityAndRegistration() {
        assertEquals("adapter-sqs", adapter.id());
        assertEquals(100, adapter.order());
        assertEquals(EventKind.BATCH, adapter.kind());
        assertEquals(List.of(SqsAdapter.class),
                ServiceLoader.load(EventAdapter.class).stream().map(ServiceLoader.Provider::type).toList());
    }

    @Test
    void claimsSqsEventsOnly() {
        assertTrue(adapter.matches(Fixtures.event("sqs_event.json")));
        assertTrue(adapter.matches(Fixtures.event("sqs_event_nobody.json")));
        for (String other : List.of("sns_event.json", "s3_event.json", "dynamodb_event.json", "kinesis_event.json",
                "eventbridge_event.json", "scheduled_event.json", "apigw_http_event.json", "apigw_rest_event.json",
                "elb_event.json", "apigw_websocket_event.json")) {
            assertFalse(adapter.matches(Fixtures.event(other)), other);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"Records\":null}", "{\"Records\":[]}", "{\"Records\":\"x\"}", "{\"Records\":{}}",
            "{\"Records\":[null]}", "{\"Records\":[\"aws:sqs\"]}", "{\"Records\":[{}]}",
            "{\"Records\":[{\"eventSource\":5}]}", "{\"Records\":[{\"eventSource\":null}]}",
            "{\"Records\":[{\"EventSource\":\"aws:sqs\"}]}", "[]", "\"aws:sqs\"", "null"})
    void doesNotClaimOtherShapes(String json) {
        assertFalse(adapter.matches(Fixtures.parse(json)));
    }

    @Test
    void decodesTheSampleEvent() {
        RecordBatch<SqsMessage> batch = adapter.decode(Fixtures.event("sqs_event.json"));
        assertEquals("adapter-sqs", batch.source());
        assertEquals(EventKind.BATCH, batch.kind());
        assertEquals(SqsMessage.class, batch.recordType());
        assertTrue(batch.partialFailures());
        assertFalse(batch.ordered(), "a standard queue's batch is not ordered");
        assertEquals(1, batch.records().size());

        SqsMessage m = batch.records().get(0);
        assertEquals("d9144555-9a4f-4ec3-99a0-34ce359b4b54", m.messageId());
        assertEquals("d9144555-9a4f-4ec3-99a0-34ce359b4b54", batch.itemIdentifier(m));
        assertEquals("13e7f7851d2eaa5c01f208ebadbf1e72==", m.receiptHandle());
        assertEquals("{\n  \"id\": 1234,\n  \"name\": \"Product1234\",\n  \"price\": 450\n}", m.body());
        assertEquals("13e7f7851d2eaa5c01f208ebadbf1e72", m.md5OfBody());
        assertEquals(Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "1601975706495",
                "SenderId", "AROAIFU437PVZ5L2J53F5", "ApproximateFirstReceiveTimestamp", "1601975706499"), m.attributes());
        assertEquals(List.of("ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp"),
                List.copyOf(m.attributes().keySet()), "attributes keep the event's order");
        assertEquals("1", m.attribute("ApproximateReceiveCount"));
        assertEquals(Map.of(), m.messageAttributes());
        assertNull(m.md5OfMessageAttributes(), "the sample has no message attributes, so SQS sends no digest of them");
        assertEquals("arn:aws:sqs:eu-central-1:123456789012:TestLambda", m.eventSourceArn());
        assertEquals("eu-central-1", m.awsRegion());
        assertEquals("TestLambda", m.queueName());
        assertFalse(m.fifo());
        assertNull(m.messageGroupId());
        assertEquals(new Product(1234, "Product1234", 450), m.bodyAs(Product.class));
    }

    @Test
    void decodesAMessageWithAnEmptyBody() {
        SqsMessage m = adapter.decode(Fixtures.event("sqs_event_nobody.json")).records().get(0);
        assertEquals("d9144555-9a4f-4ec3-99a0-fc4e625a8db2", m.messageId());
        assertEquals("", m.body());
        assertEquals("0f96e88a291edb4429f2f7b9fdc3df96", m.md5OfBody());
        LiftException e = assertThrows(LiftException.class, () -> m.bodyAs(Product.class));
        assertEquals(400, e.status());
        assertEquals("The body of SQS message d9144555-9a4f-4ec3-99a0-fc4e625a8db2 is empty; a JSON document was expected",
                e.detail());
    }

    @Test
    void aBodyOfTheWrongShapeIsA422NamingTheField() {
        ObjectNode event = Fixtures.event("sqs_event.json");
        record(event, 0).put("body", "{\"id\":\"not a number\",\"name\":\"x\",\"price\":1}");
        SqsMessage m = adapter.decode(event).records().get(0);
        LiftException e = assertThrows(LiftException.class, () -> m.bodyAs(Product.class));
        assertEquals(422, e.status());
        assertEquals("id", e.fieldErrors().get(0).field());
    }

    @Test
    void decodesStringNumberAndBinaryMessageAttributes() {
        ObjectNode event = Fixtures.event("sqs_event.json");
        ObjectNode attrs = record(event, 0).putObject("messageAttributes");
        attrs.putObject("tenant").put("stringValue", "acme").putNull("binaryValue")
                .put("dataType", "String").putArray("stringListValues");
        attrs.putObject("priority").put("stringValue", "7").put("dataType", "Number.int");
        attrs.putObject("signature").put("binaryValue", "AAEC/w==").put("dataType", "Binary");
        record(event, 0).put("md5OfMessageAttributes", "582c92c5c5b6ac403040a4f3ab3115c9");

        SqsMessage message = adapter.decode(event).records().get(0);
        assertEquals("582c92c5c5b6ac403040a4f3ab3115c9", message.md5OfMessageAttributes());
        Map<String, SqsMessage.MessageAttribute> m = message.messageAttributes();
        assertEquals(List.of("tenant", "priority", "signature"), List.copyOf(m.keySet()));
        assertEquals("String", m.get("tenant").dataType());
        assertEquals("acme", m.get("tenant").stringValue());
        assertNull(m.get("tenant").binaryValue());
        assertEquals("Number.int", m.get("priority").dataType());
        assertEquals("7", m.get("priority").stringValue());
        assertEquals("Binary", m.get("signature").dataType());
        assertNull(m.get("signature").stringValue());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, m.get("signature").binaryValue());
    }

    @Test
    void aFifoQueueGivesAnOrderedBatchWithGroupIds() {
        ObjectNode event = Fixtures.event("sqs_event.json");
        ObjectNode r = record(event, 0);
        r.put("eventSourceARN", "arn:aws:sqs:eu-central-1:123456789012:orders.fifo");
        ((ObjectNode) r.get("attributes")).put("MessageGroupId", "customer-42")
                .put("MessageDeduplicationId", "dedup-1").put("SequenceNumber", "18849496460467696128");

        RecordBatch<SqsMessage> batch = adapter.decode(event);
        assertTrue(batch.ordered(), "FIFO batches must stop at the first failure");
        assertTrue(batch.partialFailures());
        SqsMessage m = batch.records().get(0);
        assertTrue(m.fifo());
        assertEquals("orders.fifo", m.queueName());
        assertEquals("customer-42", m.messageGroupId());
        assertEquals("dedup-1", m.attribute("MessageDeduplicationId"));
        assertEquals("18849496460467696128", m.attribute("SequenceNumber"));
    }

    @Test
    void encodesFailuresAsAPartialBatchResponse() throws Exception {
        String written = Fixtures.encode(adapter, null,
                new BatchResponse(List.of("059f36b4-87a3-44ab-83d2-661975830a7d")));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"059f36b4-87a3-44ab-83d2-661975830a7d\"}]}", written);
        assertEquals(Json.mapper().readTree(Files.readString(Fixtures.path("responses/sqs_batch_response.json"),
                StandardCharsets.UTF_8)), Json.mapper().readTree(written));
    }

    @Test
    void encodesSeveralFailuresInOrderAndSuccessAsAnEmptyList() {
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"},{\"itemIdentifier\":\"a\"}]}",
                Fixtures.encode(adapter, null, new BatchResponse(List.of("b", "a"))));
        assertEquals("{\"batchItemFailures\":[]}", Fixtures.encode(adapter, null, BatchResponse.allSucceeded()));
    }

    @Test
    void encodesOtherResultsAsPlainJson() {
        assertEquals("null", Fixtures.encode(adapter, null, null));
        assertEquals("{\"ok\":true}", Fixtures.encode(adapter, null, Map.of("ok", true)));
    }

    // ---- malformed input: always a 400 naming the field, never a NullPointerException ----

    private String rejection(String json) {
        LiftException e = assertThrows(LiftException.class, () -> adapter.decode(Fixtures.parse(json)));
        assertEquals(400, e.status());
        return e.detail();
    }

    @Test
    void rejectsEventsWithoutRecords() {
        assertEquals("The SQS event is malformed: Records is missing", rejection("{}"));
        assertEquals("The SQS event is malformed: Records is missing", rejection("{\"Records\":null}"));
        assertEquals("The SQS event is malformed: Records is empty", rejection("{\"Records\":[]}"));
        assertEquals("The SQS event is malformed: Records must be an array, was a string", rejection("{\"Records\":\"x\"}"));
        assertEquals("The SQS event is malformed: it is not a JSON object", rejection("[]"));
    }

    @Test
    void rejectsBrokenRecordsNamingTheIndexAndField() {
        ObjectNode event = Fixtures.event("sqs_event.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        records.add(records.get(0).deepCopy());
        ObjectNode second = record(event, 1);

        second.remove("messageId");
        assertEquals("The SQS event is malformed: Records[1].messageId is missing", rejection(event.toString()));
        second.putNull("messageId");
        assertEquals("The SQS event is malformed: Records[1].messageId is missing", rejection(event.toString()));
        second.put("messageId", 42);
        assertEquals("The SQS event is malformed: Records[1].messageId must be a string, was a number",
                rejection(event.toString()));
        second.put("messageId", "m-2");
        second.put("body", true);
        assertEquals("The SQS event is malformed: Records[1].body must be a string, was a boolean",
                rejection(event.toString()));
        second.put("body", "ok");
        second.put("attributes", "x");
        assertEquals("The SQS event is malformed: Records[1].attributes must be an object, was a string",
                rejection(event.toString()));
        second.putObject("attributes").put("ApproximateReceiveCount", 1);
        assertEquals("The SQS event is malformed: Records[1].attributes.ApproximateReceiveCount must be a string, was a number",
                rejection(event.toString()));
        second.putObject("attributes");
        second.putObject("messageAttributes").put("tenant", "acme");
        assertEquals("The SQS event is malformed: Records[1].messageAttributes.tenant must be an object, was a string",
                rejection(event.toString()));
        second.putObject("messageAttributes").putObject("tenant").put("stringValue", "acme");
        assertEquals("The SQS event is malformed: Records[1].messageAttributes.tenant.dataType is missing",
                rejection(event.toString()));
        second.putObject("messageAttributes").putObject("blob").put("dataType", "Binary").put("binaryValue", "not base64!");
        assertEquals("The SQS event is malformed: Records[1].messageAttributes.blob.binaryValue is not valid base64",
                rejection(event.toString()));
        second.putObject("messageAttributes");
        second.put("eventSource", "aws:sns");
        assertEquals("The SQS event is malformed: Records[1].eventSource is \"aws:sns\" but the batch is an SQS batch",
                rejection(event.toString()));
        second.put("eventSource", "aws:sqs");
        assertEquals(2, adapter.decode(event).records().size(), "the repaired event decodes");

        records.add("not a record");
        assertEquals("The SQS event is malformed: Records[2] must be an object, was a string", rejection(event.toString()));
        records.set(2, Json.mapper().nullNode());
        assertEquals("The SQS event is malformed: Records[2] must be an object, was null", rejection(event.toString()));
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        SqsMessage m = adapter.decode(Fixtures.parse("{\"Records\":[{\"eventSource\":\"aws:sqs\",\"messageId\":\"m\"}]}"))
                .records().get(0);
        assertEquals("m", m.messageId());
        assertNull(m.body());
        assertNull(m.queueName());
        assertFalse(m.fifo());
        assertEquals(Map.of(), m.attributes());
        assertEquals(Map.of(), m.messageAttributes());
        assertNull(m.md5OfBody());
        assertNull(m.md5OfMessageAttributes());
        assertNull(m.eventSourceArn());
        assertNull(m.awsRegion());
        assertEquals("The body of SQS message m is empty; a JSON document was expected",
                assertThrows(LiftException.class, () -> m.bodyAs(Product.class)).detail());
    }

    @Test
    void aNullDigestOfMessageAttributesIsAbsent() {
        ObjectNode event = Fixtures.event("sqs_event.json");
        record(event, 0).putNull("md5OfMessageAttributes");
        SqsMessage m = adapter.decode(event).records().get(0);
        assertNull(m.md5OfMessageAttributes());
        assertEquals("13e7f7851d2eaa5c01f208ebadbf1e72", m.md5OfBody());
    }

    static ObjectNode record(ObjectNode event, int i) {
        return (ObjectNode) event.get("Records").get(i);
    }
}
