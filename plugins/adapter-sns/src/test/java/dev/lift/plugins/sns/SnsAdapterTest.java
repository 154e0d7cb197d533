package dev.lift.plugins.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.BatchResponse;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.LiftException;
import dev.lift.api.RecordBatch;
import dev.lift.events.SnsMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.lift.plugins.testsupport.Fixtures;

class SnsAdapterTest {

    private final SnsAdapter adapter = new SnsAdapter();

    record Person(int id, String name) {
    }

    @Test
    void identityAndRegistration() {
        assertEquals("adapter-sns", adapter.id());
        assertEquals(110, adapter.order());
        assertEquals(EventKind.BATCH, adapter.kind());
        assertEquals(List.of(SnsAdapter.class),
                ServiceLoader.load(EventAdapter.class).stream().map(ServiceLoader.Provider::type).toList());
    }

    @Test
    void claimsSnsEventsOnly() {
        assertTrue(adapter.matches(Fixtures.event("sns_event.json")));
        for (String other : List.of("sqs_event.json", "s3_event.json", "dynamodb_event.json", "kinesis_event.json",
                "eventbridge_event.json", "scheduled_event.json", "apigw_http_event.json", "elb_event.json")) {
            assertFalse(adapter.matches(Fixtures.event(other)), other);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"Records\":[]}", "{\"Records\":\"x\"}", "{\"Records\":[null]}",
            "{\"Records\":[{\"eventSource\":\"aws:sns\"}]}", "{\"Records\":[{\"EventSource\":[]}]}", "[]", "null"})
    void doesNotClaimOtherShapes(String json) {
        assertFalse(adapter.matches(Fixtures.parse(json)));
    }

    @Test
    void decodesTheSampleEvent() {
        RecordBatch<SnsMessage> batch = adapter.decode(Fixtures.event("sns_event.json"));
        assertEquals("adapter-sns", batch.source());
        assertEquals(SnsMessage.class, batch.recordType());
        assertFalse(batch.partialFailures(), "SNS has no partial batch response");
        assertFalse(batch.ordered());
        assertEquals(1, batch.records().size());

        SnsMessage m = batch.records().get(0);
        assertEquals("dc918f50-80c6-56a2-ba33-d8a9bbf013ab", m.messageId());
        assertEquals("dc918f50-80c6-56a2-ba33-d8a9bbf013ab", batch.itemIdentifier(m));
        assertEquals("arn:aws:sns:eu-central-1:123456789012:TopicSendToMe", m.topicArn());
        assertEquals("TopicSendToMe", m.topicName());
        assertEquals("Test sns message", m.subject());
        assertEquals("{\n  \"id\": 42,\n  \"name\": \"Bob\"\n}", m.message());
        assertEquals(Instant.parse("2020-10-08T16:06:14.656Z"), m.timestamp());
        assertEquals("Notification", m.type());
        assertEquals(Map.of("name", new SnsMessage.MessageAttribute("String", "Bob")), m.messageAttributes());
        assertEquals(new Person(42, "Bob"), m.messageAs(Person.class));
    }

    @Test
    void decodesTheSignatureTheUrlsAndTheSubscriptionOfTheSampleEvent() {
        SnsMessage m = adapter.decode(Fixtures.event("sns_event.json")).records().get(0);
        assertEquals("1", m.signatureVersion());
        assertEquals("UWnPpkqPAphyr+6PXzUF9++4zJcw==", m.signature());
        assertEquals("https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-a86cb10b4e1f29c941702d737128f7b6.pem",
                m.signingCertUrl());
        assertEquals("https://sns.eu-central-1.amazonaws.com/?Action=Unsubscribe", m.unsubscribeUrl());
        assertEquals("arn:aws:sns:eu-central-1:123456789012:TopicSendToMe:e3ddc7d5-2f86-40b8-a13d-3362f94fd8dd",
                m.eventSubscriptionArn());
        assertEquals("1.0", m.eventVersion());
    }

    @Test
    void theSampleWithoutSignatureUrlsAndSubscriptionStillDecodes() {
        ObjectNode event = Fixtures.event("sns_event.json");
        ObjectNode record = (ObjectNode) event.get("Records").get(0);
        record.remove(List.of("EventSubscriptionArn", "EventVersion"));
        ((ObjectNode) record.get("Sns")).remove(List.of("SignatureVersion", "Signature", "SigningCertUrl",
                "UnsubscribeUrl"));
        SnsMessage m = adapter.decode(event).records().get(0);
        assertEquals("dc918f50-80c6-56a2-ba33-d8a9bbf013ab", m.messageId());
        assertEquals("Test sns message", m.subject());
        assertNull(m.signatureVersion());
        assertNull(m.signature());
        assertNull(m.signingCertUrl());
        assertNull(m.unsubscribeUrl());
        assertNull(m.eventSubscriptionArn());
        assertNull(m.eventVersion());
    }

    @Test
    void optionalFieldsMayBeAbsent() {
        SnsMessage m = adapter.decode(Fixtures.parse(
                "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":{\"MessageId\":\"m\",\"Subject\":null}}]}"))
                .records().get(0);
        assertEquals("m", m.messageId());
        assertNull(m.subject());
        assertNull(m.topicName());
        assertNull(m.timestamp());
        assertEquals(Map.of(), m.messageAttributes());
        assertEquals("The message of SNS message m is empty; a JSON document was expected",
                assertThrows(LiftException.class, () -> m.messageAs(Person.class)).detail());
    }

    @Test
    void aSuccessfulBatchIsAnsweredWithNull() {
        assertEquals("null", Fixtures.encode(adapter, null, BatchResponse.allSucceeded()));
        assertEquals("{\"ok\":1}", Fixtures.encode(adapter, null, Map.of("ok", 1)));
    }

    @Test
    void failuresAreNeverWrittenAsAPartialResponse() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Fixtures.encode(adapter, null, new BatchResponse(List.of("m-1"))));
        assertTrue(e.getMessage().contains("failed messages: m-1"), e.getMessage());
    }

    private String rejection(String json) {
        LiftException e = assertThrows(LiftException.class, () -> adapter.decode(Fixtures.parse(json)));
        assertEquals(400, e.status());
        return e.detail();
    }

    @Test
    void rejectsBrokenEventsNamingTheField() {
        assertEquals("The SNS event is malformed: Records is missing", rejection("{}"));
        assertEquals("The SNS event is malformed: Records is empty", rejection("{\"Records\":[]}"));
        assertEquals("The SNS event is malformed: Records must be an array, was a string", rejection("{\"Records\":\"x\"}"));

        ObjectNode event = Fixtures.event("sns_event.json");
        ObjectNode record = (ObjectNode) event.get("Records").get(0);
        ObjectNode sns = (ObjectNode) record.remove("Sns");
        assertEquals("The SNS event is malformed: Records[0].Sns is missing", rejection(event.toString()));
        record.put("Sns", "x");
        assertEquals("The SNS event is malformed: Records[0].Sns must be an object, was a string", rejection(event.toString()));
        record.set("Sns", sns);
        sns.remove("MessageId");
        assertEquals("The SNS event is malformed: Records[0].Sns.MessageId is missing", rejection(event.toString()));
        sns.put("MessageId", "m");
        sns.put("Timestamp", "yesterday");
        assertEquals("The SNS event is malformed: Records[0].Sns.Timestamp is not an ISO-8601 timestamp: \"yesterday\"",
                rejection(event.toString()));
        sns.put("Timestamp", "2020-10-08T16:06:14.656Z");
        ((ObjectNode) sns.get("MessageAttributes").get("name")).remove("Type");
        assertEquals("The SNS event is malformed: Records[0].Sns.MessageAttributes.name.Type is missing",
                rejection(event.toString()));
        ((ObjectNode) sns.get("MessageAttributes").get("name")).put("Type", "String");
        sns.put("Message", 7);
        assertEquals("The SNS event is malformed: Records[0].Sns.Message must be a string, was a number",
                rejection(event.toString()));
    }

    // ---- selectors ----

    private final SnsMessage sample = adapter.decode(Fixtures.event("sns_event.json")).records().get(0);

    @Test
    void topicSelectorsMatchByNameOrArn() {
        assertTrue(SnsMessage.topic("TopicSendToMe").matches(sample));
        assertTrue(SnsMessage.topic("arn:aws:sns:eu-central-1:123456789012:TopicSendToMe").matches(sample));
        assertFalse(SnsMessage.topic("Other").matches(sample));
        assertFalse(SnsMessage.topic("arn:aws:sns:us-east-1:123456789012:TopicSendToMe").matches(sample));
        assertTrue(SnsMessage.any().matches(sample));
        assertEquals("sns topic=TopicSendToMe", SnsMessage.topic("TopicSendToMe").describe());
        assertEquals(10, SnsMessage.topic("TopicSendToMe").specificity());
        assertEquals(0, SnsMessage.any().specificity());
    }
}
