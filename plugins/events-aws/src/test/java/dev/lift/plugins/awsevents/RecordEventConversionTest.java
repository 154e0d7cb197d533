package dev.lift.plugins.awsevents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.plugins.testsupport.Fixtures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;

/** SQS, SNS, S3, EventBridge, DynamoDB Streams and Kinesis events, as the AWS types a user reads. */
class RecordEventConversionTest {

    private final AwsEventsConverter converter = new AwsEventsConverter();

    @Test
    void sqsMessagesKeepIdsBodiesAttributesAndTheQueueArn() {
        SQSEvent event = converter.convert(Fixtures.event("sqs_event.json"), SQSEvent.class);

        assertEquals(1, event.getRecords().size());
        SQSEvent.SQSMessage m = event.getRecords().get(0);
        assertEquals("d9144555-9a4f-4ec3-99a0-34ce359b4b54", m.getMessageId());
        assertEquals("13e7f7851d2eaa5c01f208ebadbf1e72==", m.getReceiptHandle());
        assertEquals("{\n  \"id\": 1234,\n  \"name\": \"Product1234\",\n  \"price\": 450\n}", m.getBody());
        assertEquals("13e7f7851d2eaa5c01f208ebadbf1e72", m.getMd5OfBody());
        assertEquals("aws:sqs", m.getEventSource());
        assertEquals("arn:aws:sqs:eu-central-1:123456789012:TestLambda", m.getEventSourceArn(),
                "eventSourceARN in the event, setEventSourceArn in the class");
        assertEquals("eu-central-1", m.getAwsRegion());
        assertEquals(Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "1601975706495",
                "SenderId", "AROAIFU437PVZ5L2J53F5", "ApproximateFirstReceiveTimestamp", "1601975706499"), m.getAttributes());
        assertEquals(Map.of(), m.getMessageAttributes());

        SQSEvent.SQSMessage empty = converter.convert(Fixtures.event("sqs_event_nobody.json"), SQSEvent.class)
                .getRecords().get(0);
        assertEquals("d9144555-9a4f-4ec3-99a0-fc4e625a8db2", empty.getMessageId());
        assertEquals("", empty.getBody());
    }

    @Test
    void sqsMessageAttributesOfEveryDataTypeAreRead() {
        ObjectNode event = Fixtures.event("sqs_event.json");
        ObjectNode attributes = ((ObjectNode) event.path("Records").path(0)).putObject("messageAttributes");
        attributes.putObject("tenant").put("stringValue", "acme").put("dataType", "String")
                .putArray("stringListValues");
        attributes.putObject("count").put("stringValue", "42").put("dataType", "Number");
        attributes.putObject("blob").put("binaryValue", "AAEC/w==").put("dataType", "Binary");
        ((ObjectNode) event.path("Records").path(0)).put("md5OfMessageAttributes", "a9f3c4c1b2");

        SQSEvent.SQSMessage m = converter.convert(event, SQSEvent.class).getRecords().get(0);

        assertEquals(List.of("blob", "count", "tenant"), m.getMessageAttributes().keySet().stream().sorted().toList());
        SQSEvent.MessageAttribute tenant = m.getMessageAttributes().get("tenant");
        assertEquals("acme", tenant.getStringValue());
        assertEquals("String", tenant.getDataType());
        assertEquals(List.of(), tenant.getStringListValues());
        assertEquals("42", m.getMessageAttributes().get("count").getStringValue());
        assertEquals("Number", m.getMessageAttributes().get("count").getDataType());
        SQSEvent.MessageAttribute blob = m.getMessageAttributes().get("blob");
        assertEquals("Binary", blob.getDataType());
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, bytes(blob.getBinaryValue()), "base64 decoded");
        assertEquals("a9f3c4c1b2", m.getMd5OfMessageAttributes());
    }

    @Test
    void snsNotificationIsReadFromTheCapitalisedSnsObjectWithItsTimestamp() {
        SNSEvent event = converter.convert(Fixtures.event("sns_event.json"), SNSEvent.class);

        assertEquals(1, event.getRecords().size());
        SNSEvent.SNSRecord r = event.getRecords().get(0);
        assertEquals("aws:sns", r.getEventSource());
        assertEquals("1.0", r.getEventVersion());
        assertEquals("arn:aws:sns:eu-central-1:123456789012:TopicSendToMe:e3ddc7d5-2f86-40b8-a13d-3362f94fd8dd",
                r.getEventSubscriptionArn());
        SNSEvent.SNS sns = r.getSNS();
        assertEquals("Notification", sns.getType());
        assertEquals("dc918f50-80c6-56a2-ba33-d8a9bbf013ab", sns.getMessageId());
        assertEquals("arn:aws:sns:eu-central-1:123456789012:TopicSendToMe", sns.getTopicArn());
        assertEquals("Test sns message", sns.getSubject());
        assertEquals("{\n  \"id\": 42,\n  \"name\": \"Bob\"\n}", sns.getMessage());
        assertEquals(Instant.parse("2020-10-08T16:06:14.656Z").toEpochMilli(), sns.getTimestamp().getMillis());
        assertEquals(DateTimeZone.UTC, sns.getTimestamp().getZone());
        assertEquals("1", sns.getSignatureVersion());
        assertEquals("UWnPpkqPAphyr+6PXzUF9++4zJcw==", sns.getSignature());
        assertEquals("https://sns.eu-central-1.amazonaws.com/SimpleNotificationService-a86cb10b4e1f29c941702d737128f7b6.pem",
                sns.getSigningCertUrl());
        assertEquals("https://sns.eu-central-1.amazonaws.com/?Action=Unsubscribe", sns.getUnsubscribeUrl());
        assertEquals(1, sns.getMessageAttributes().size());
        assertEquals("String", sns.getMessageAttributes().get("name").getType());
        assertEquals("Bob", sns.getMessageAttributes().get("name").getValue());
    }

    @Test
    void snsTimestampWithAnOffsetKeepsTheInstant() {
        ObjectNode event = Fixtures.event("sns_event.json");
        ((ObjectNode) event.path("Records").path(0).path("Sns")).put("Timestamp", "2020-10-08T18:06:14.656+02:00");

        SNSEvent.SNS sns = converter.convert(event, SNSEvent.class).getRecords().get(0).getSNS();

        assertEquals(Instant.parse("2020-10-08T16:06:14.656Z").toEpochMilli(), sns.getTimestamp().getMillis());
    }

    @Test
    void s3RecordsKeepBucketKeySizeAndEventTime() {
        S3Event event = converter.convert(Fixtures.event("s3_event.json"), S3Event.class);

        assertEquals(1, event.getRecords().size());
        S3EventNotification.S3EventNotificationRecord r = event.getRecords().get(0);
        assertEquals("2.0", r.getEventVersion());
        assertEquals("aws:s3", r.getEventSource());
        assertEquals("eu-central-1", r.getAwsRegion());
        assertEquals("ObjectCreated:Put", r.getEventName());
        assertEquals(0L, r.getEventTime().getMillis());
        assertEquals("EXAMPLE", r.getUserIdentity().getPrincipalId());
        assertEquals("127.0.0.1", r.getRequestParameters().getSourceIPAddress());
        assertEquals("EXAMPLE123456789", r.getResponseElements().getxAmzRequestId());
        assertEquals("EXAMPLE123/5678abcdefghijklambdaisawesome/mnopqrstuvwxyzABCDEFGH", r.getResponseElements().getxAmzId2());
        S3EventNotification.S3Entity s3 = r.getS3();
        assertEquals("1.0", s3.getS3SchemaVersion());
        assertEquals("testConfigRule", s3.getConfigurationId());
        assertEquals("example-bucket", s3.getBucket().getName());
        assertEquals("arn:aws:s3:::example-bucket", s3.getBucket().getArn());
        assertEquals("EXAMPLE", s3.getBucket().getOwnerIdentity().getPrincipalId());
        assertEquals("test/key", s3.getObject().getKey());
        assertEquals("test/key", s3.getObject().getUrlDecodedKey());
        assertEquals(1024, s3.getObject().getSize());
        assertEquals(1024L, s3.getObject().getSizeAsLong());
        assertEquals("0123456789abcdef0123456789abcdef", s3.getObject().geteTag());
        assertEquals("", s3.getObject().getVersionId());
        assertEquals("0A1B2C3D4E5F678901", s3.getObject().getSequencer());
    }

    @Test
    void s3KeysStayEncodedWithADecodedViewAndSizesBeyondIntAreKept() {
        ObjectNode event = Fixtures.event("s3_event.json");
        ObjectNode object = (ObjectNode) event.path("Records").path(0).path("s3").path("object");
        object.put("key", "reports/2024+Q1/%C3%BCbersicht.csv");
        object.put("size", 5_000_000_000L);

        S3EventNotification.S3ObjectEntity o = converter.convert(event, S3Event.class).getRecords().get(0).getS3().getObject();

        assertEquals("reports/2024+Q1/%C3%BCbersicht.csv", o.getKey());
        assertEquals("reports/2024 Q1/übersicht.csv", o.getUrlDecodedKey());
        assertEquals(5_000_000_000L, o.getSizeAsLong());
    }

    @Test
    void s3EventNotificationIsAnsweredWithAnS3Event() {
        S3EventNotification n = converter.convert(Fixtures.event("s3_event.json"), S3EventNotification.class);

        assertSame(S3Event.class, n.getClass());
        assertEquals("example-bucket", n.getRecords().get(0).getS3().getBucket().getName());
    }

    @Test
    void scheduledEventKeepsDetailTypeTimeAndResources() {
        ScheduledEvent event = converter.convert(Fixtures.event("scheduled_event.json"), ScheduledEvent.class);

        assertEquals("0", event.getVersion());
        assertEquals("fae0433b-7a0e-e383-7849-7e10153eaa47", event.getId());
        assertEquals("Scheduled Event", event.getDetailType(), "detail-type has a dash");
        assertEquals("aws.events", event.getSource());
        assertEquals("123456789012", event.getAccount());
        assertEquals(Instant.parse("2020-09-30T15:58:34Z").toEpochMilli(), event.getTime().getMillis());
        assertEquals("eu-central-1", event.getRegion());
        assertEquals(List.of("arn:aws:events:eu-central-1:123456789012:rule/demoschedule"), event.getResources());
        assertEquals(Map.of(), event.getDetail());
    }

    @Test
    void anyEventBridgeEventReadsAsScheduledEventWithItsDetail() {
        ScheduledEvent event = converter.convert(Fixtures.event("eventbridge_event.json"), ScheduledEvent.class);

        assertEquals("RDS DB Instance Event", event.getDetailType());
        assertEquals("aws.rds", event.getSource());
        assertEquals(Instant.parse("2020-04-28T07:20:20Z").toEpochMilli(), event.getTime().getMillis());
        assertEquals(List.of("backup"), event.getDetail().get("EventCategories"));
        assertEquals("Finished DB Instance backup", event.getDetail().get("Message"));
        assertEquals("2020-04-28T07:20:20.112Z", event.getDetail().get("Date"), "detail stays as written");
    }

    @Test
    void dynamodbRecordsKeepKeysImagesAndCreationTimes() {
        DynamodbEvent event = converter.convert(Fixtures.event("dynamodb_event.json"), DynamodbEvent.class);

        assertEquals(3, event.getRecords().size());
        DynamodbEvent.DynamodbStreamRecord insert = event.getRecords().get(0);
        assertEquals("c4ca4238a0b923820dcc509a6f75849b", insert.getEventID());
        assertEquals("INSERT", insert.getEventName());
        assertEquals("1.1", insert.getEventVersion());
        assertEquals("aws:dynamodb", insert.getEventSource());
        assertEquals("eu-central-1", insert.getAwsRegion());
        assertEquals("arn:aws:dynamodb:eu-central-1:123456789012:table/ExampleTableWithStream/stream/2015-06-27T00:48:05.899",
                insert.getEventSourceARN());
        assertEquals("dynamodb.amazonaws.com", insert.getUserIdentity().getPrincipalId());
        assertEquals("Service", insert.getUserIdentity().getType());
        StreamRecord ddb = insert.getDynamodb();
        assertEquals(Set.of("Id"), ddb.getKeys().keySet());
        assertEquals("101", ddb.getKeys().get("Id").getN());
        assertNull(ddb.getKeys().get("Id").getS());
        assertEquals("New item!", ddb.getNewImage().get("Message").getS());
        assertEquals("101", ddb.getNewImage().get("Id").getN());
        assertNull(ddb.getOldImage());
        assertEquals(Instant.parse("2015-04-09T00:00:00Z"), ddb.getApproximateCreationDateTime().toInstant(),
                "epoch seconds, not milliseconds");
        assertEquals("4421584500000000017450439091", ddb.getSequenceNumber());
        assertEquals(26L, ddb.getSizeBytes());
        assertEquals("NEW_AND_OLD_IMAGES", ddb.getStreamViewType());

        DynamodbEvent.DynamodbStreamRecord modify = event.getRecords().get(1);
        assertEquals("MODIFY", modify.getEventName());
        assertNull(modify.getUserIdentity());
        assertEquals("This item has changed", modify.getDynamodb().getNewImage().get("Message").getS());
        assertEquals("New item!", modify.getDynamodb().getOldImage().get("Message").getS());
        // 1.635734407123456789E9 seconds: the milliseconds are kept, finer digits truncated.
        assertEquals(Instant.parse("2021-11-01T02:40:07.123Z"), modify.getDynamodb().getApproximateCreationDateTime().toInstant());
        assertEquals(59L, modify.getDynamodb().getSizeBytes());

        DynamodbEvent.DynamodbStreamRecord remove = event.getRecords().get(2);
        assertEquals("REMOVE", remove.getEventName());
        assertNull(remove.getDynamodb().getNewImage());
        assertEquals("This item has changed", remove.getDynamodb().getOldImage().get("Message").getS());
        assertEquals("4421584500000000017450439093", remove.getDynamodb().getSequenceNumber());
    }

    @Test
    void dynamodbAttributeValuesOfEveryTypeAreRead() {
        ObjectNode event = Fixtures.event("dynamodb_event.json");
        ObjectNode image = ((ObjectNode) event.path("Records").path(0).path("dynamodb")).putObject("NewImage");
        image.putObject("s").put("S", "text");
        image.putObject("n").put("N", "-12.50");
        image.putObject("b").put("B", "aGk=");
        image.putObject("ss").putArray("SS").add("a").add("b");
        image.putObject("ns").putArray("NS").add("1").add("2.5");
        image.putObject("bs").putArray("BS").add("AQ==").add("Ag==");
        ObjectNode map = image.putObject("m").putObject("M");
        map.putObject("inner").put("S", "deep");
        map.putObject("flag").put("BOOL", true);
        ArrayNode list = image.putObject("l").putArray("L");
        list.addObject().put("N", "7");
        list.addObject().put("NULL", true);
        image.putObject("null").put("NULL", true);
        image.putObject("true").put("BOOL", true);
        image.putObject("false").put("BOOL", false);
        ((ObjectNode) event.path("Records").path(0).path("dynamodb")).put("StreamViewType", "KEYS_ONLY");

        StreamRecord ddb = converter.convert(event, DynamodbEvent.class).getRecords().get(0).getDynamodb();
        Map<String, AttributeValue> v = ddb.getNewImage();

        assertEquals("text", v.get("s").getS());
        assertEquals("-12.50", v.get("n").getN(), "numbers stay text, as DynamoDB sends them");
        assertEquals("hi", new String(bytes(v.get("b").getB()), StandardCharsets.UTF_8));
        assertEquals(List.of("a", "b"), v.get("ss").getSS());
        assertEquals(List.of("1", "2.5"), v.get("ns").getNS());
        assertEquals(2, v.get("bs").getBS().size());
        assertArrayEquals(new byte[] {1}, bytes(v.get("bs").getBS().get(0)));
        assertArrayEquals(new byte[] {2}, bytes(v.get("bs").getBS().get(1)));
        assertEquals("deep", v.get("m").getM().get("inner").getS());
        assertEquals(Boolean.TRUE, v.get("m").getM().get("flag").getBOOL());
        assertEquals(2, v.get("l").getL().size());
        assertEquals("7", v.get("l").getL().get(0).getN());
        assertEquals(Boolean.TRUE, v.get("l").getL().get(1).getNULL());
        assertEquals(Boolean.TRUE, v.get("null").getNULL());
        assertNull(v.get("null").getS());
        assertEquals(Boolean.TRUE, v.get("true").getBOOL());
        assertEquals(Boolean.FALSE, v.get("false").getBOOL());
        assertNull(v.get("s").getBOOL());
        assertEquals("KEYS_ONLY", ddb.getStreamViewType());
    }

    @Test
    void kinesisDataIsDecodedAndTheArrivalTimeIsInSeconds() {
        KinesisEvent event = converter.convert(Fixtures.event("kinesis_event.json"), KinesisEvent.class);

        assertEquals(1, event.getRecords().size());
        KinesisEvent.KinesisEventRecord r = event.getRecords().get(0);
        assertEquals("aws:kinesis", r.getEventSource());
        assertEquals("shardId-000000000000:49545115243490985018280067714973144582180062593244200961", r.getEventID());
        assertEquals("arn:aws:iam::EXAMPLE", r.getInvokeIdentityArn());
        assertEquals("1.0", r.getEventVersion());
        assertEquals("aws:kinesis:record", r.getEventName());
        assertEquals("arn:aws:kinesis:EXAMPLE", r.getEventSourceARN());
        assertEquals("eu-central-1", r.getAwsRegion());
        KinesisEvent.Record k = r.getKinesis();
        assertEquals("partitionKey-03", k.getPartitionKey());
        assertEquals("1.0", k.getKinesisSchemaVersion());
        assertEquals("49545115243490985018280067714973144582180062593244200961", k.getSequenceNumber());
        assertEquals("NONE", k.getEncryptionType());
        assertEquals("Hello, this is a test 123.", new String(bytes(k.getData()), StandardCharsets.UTF_8));
        assertEquals(Instant.parse("2015-04-09T00:00:00Z"), k.getApproximateArrivalTimestamp().toInstant());
    }

    @Test
    void kinesisArrivalTimeKeepsItsMilliseconds() {
        ObjectNode event = Fixtures.event("kinesis_event.json");
        ObjectNode kinesis = (ObjectNode) event.path("Records").path(0).path("kinesis");
        kinesis.put("approximateArrivalTimestamp", 1545084650.987);
        kinesis.put("data", "");

        KinesisEvent.Record k = converter.convert(event, KinesisEvent.class).getRecords().get(0).getKinesis();

        // As a double, 1545084650.987 * 1000 is 1545084650986.9998; read as a decimal it stays .987.
        assertEquals(Instant.parse("2018-12-17T22:10:50.987Z"), k.getApproximateArrivalTimestamp().toInstant());
        assertFalse(k.getData().hasRemaining(), "empty data is an empty buffer");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
