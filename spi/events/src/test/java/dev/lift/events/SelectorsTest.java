package dev.lift.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.api.EventSelector;
import dev.lift.api.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which handler a record reaches: each source's selectors by name and by ARN, what they say of themselves in
 * `lift routes`, and the specificity that lets the narrower of two matching selectors win.
 */
class SelectorsTest {

    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:orders";
    private static final String STREAM_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks";
    private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders";
    private static final String RULE_ARN = "arn:aws:events:us-east-1:123456789012:rule/nightly";

    private static SqsMessage sqs(String arn, Map<String, String> attributes) {
        return new SqsMessage("m-1", "r", "{\"n\":1}", "md5", attributes, Map.of(), arn, "us-east-1");
    }

    @Test
    void sqs_by_queue_name_or_arn() {
        SqsMessage orders = sqs(QUEUE_ARN, Map.of());
        SqsMessage other = sqs("arn:aws:sqs:us-east-1:123456789012:other", Map.of());

        assertEquals("orders", orders.queueName());
        assertFalse(orders.fifo());
        assertTrue(SqsMessage.queue("orders").matches(orders));
        assertFalse(SqsMessage.queue("orders").matches(other));
        assertTrue(SqsMessage.queue(QUEUE_ARN).matches(orders));
        assertFalse(SqsMessage.queue(QUEUE_ARN).matches(other));
        assertTrue(SqsMessage.any().matches(other));
        assertEquals("sqs queue=orders", SqsMessage.queue("orders").describe());
        assertEquals("sqs any", SqsMessage.any().describe());
        assertTrue(SqsMessage.queue("orders").specificity() > SqsMessage.any().specificity());
        assertEquals(SqsMessage.class, SqsMessage.any().type());
    }

    @Test
    void a_fifo_queue_message_carries_its_group() {
        SqsMessage m = sqs(QUEUE_ARN + ".fifo", Map.of("MessageGroupId", "g-7", "ApproximateReceiveCount", "2"));
        assertTrue(m.fifo());
        assertEquals("g-7", m.messageGroupId());
        assertEquals("2", m.attribute("ApproximateReceiveCount"));
        assertNull(m.attribute("absent"));
        assertNull(sqs(null, null).queueName());
        assertEquals(Map.of(), sqs(null, null).attributes());
    }

    @Test
    void sqs_message_attributes_compare_by_value_and_never_leak_their_bytes() {
        SqsMessage.MessageAttribute text = new SqsMessage.MessageAttribute("String", "v", null);
        byte[] bytes = {1, 2, 3};
        SqsMessage.MessageAttribute binary = new SqsMessage.MessageAttribute("Binary", null, bytes);
        bytes[0] = 9; // the attribute kept its own copy

        assertEquals(new SqsMessage.MessageAttribute("String", "v", null), text);
        assertEquals(text.hashCode(), new SqsMessage.MessageAttribute("String", "v", null).hashCode());
        assertFalse(text.equals(binary));
        assertEquals(1, binary.binaryValue()[0]);
        binary.binaryValue()[0] = 7;
        assertEquals(1, binary.binaryValue()[0]);
        assertEquals("String:v", text.toString());
        assertEquals("Binary:3 bytes", binary.toString());
        assertEquals("String", text.dataType());
        assertEquals("v", text.stringValue());
        assertNull(text.binaryValue());
    }

    @Test
    void sqs_body_as_json() {
        record N(int n) { }
        assertEquals(new N(1), sqs(QUEUE_ARN, Map.of()).bodyAs(N.class));
    }

    private static KinesisRecord kinesis(String arn, String data) {
        return new KinesisRecord("shardId-000000000006:4954", "pk", "4954", data.getBytes(StandardCharsets.UTF_8),
                Instant.ofEpochSecond(1545084650), arn, "us-east-1", "KMS", "1.0", "aws:kinesis:record", "1.0",
                "arn:aws:iam::123456789012:role/r");
    }

    @Test
    void kinesis_by_stream_name_or_arn_with_its_data() {
        KinesisRecord r = kinesis(STREAM_ARN, "{\"n\":2}");
        KinesisRecord other = kinesis("arn:aws:kinesis:us-east-1:123456789012:stream/other", "x");

        assertEquals("clicks", r.streamName());
        assertEquals("shardId-000000000006", r.shardId());
        assertTrue(KinesisRecord.stream("clicks").matches(r));
        assertFalse(KinesisRecord.stream("clicks").matches(other));
        assertTrue(KinesisRecord.stream(STREAM_ARN).matches(r));
        assertFalse(KinesisRecord.stream(STREAM_ARN).matches(other));
        assertTrue(KinesisRecord.any().matches(other));
        assertEquals("kinesis stream=clicks", KinesisRecord.stream("clicks").describe());
        assertEquals("{\"n\":2}", r.dataAsText());
        record N(int n) { }
        assertEquals(new N(2), r.dataAs(N.class));
        assertTrue(r.isKmsEncrypted());
        assertEquals("pk", r.partitionKey());
        assertEquals(Instant.ofEpochSecond(1545084650), r.approximateArrivalTimestamp());
        assertEquals("us-east-1", r.awsRegion());
        assertEquals("KMS", r.encryptionType());
        assertEquals("1.0", r.kinesisSchemaVersion());
        assertEquals("aws:kinesis:record", r.eventName());
        assertEquals("1.0", r.eventVersion());
        assertEquals("arn:aws:iam::123456789012:role/r", r.invokeIdentityArn());
        assertEquals("Kinesis record 4954 of stream " + STREAM_ARN, r.describe());
        assertEquals("KinesisRecord[sequenceNumber=4954, partitionKey=pk, stream=" + STREAM_ARN + ", data=7 bytes]",
                r.toString());
    }

    @Test
    void a_kinesis_record_is_a_value_whose_data_cannot_be_changed_from_outside() {
        KinesisRecord r = kinesis(STREAM_ARN, "abc");
        assertEquals(kinesis(STREAM_ARN, "abc"), r);
        assertEquals(kinesis(STREAM_ARN, "abc").hashCode(), r.hashCode());
        assertFalse(r.equals(kinesis(STREAM_ARN, "abd")));
        r.data()[0] = 'z';
        assertEquals("abc", r.dataAsText());
        KinesisRecord noShard = new KinesisRecord(null, "pk", "1", new byte[0], null, null, null);
        assertNull(noShard.shardId());
        assertNull(noShard.streamName());
        assertFalse(noShard.isKmsEncrypted());
    }

    private static DynamoDbStreamRecord dynamo(DynamoDbStreamRecord.EventName name, String arn,
                                               DynamoDbStreamRecord.UserIdentity who) {
        return new DynamoDbStreamRecord("e-1", name, arn, "us-east-1", "111", 26, "NEW_AND_OLD_IMAGES",
                Instant.ofEpochSecond(1), Map.of("Id", AttributeValue.ofN("101")), null, null, "1.1", who);
    }

    @Test
    void dynamodb_by_table_name_or_arn_and_event_names() {
        String streamArn = TABLE_ARN + "/stream/2015-06-27T00:48:05.899";
        DynamoDbStreamRecord insert = dynamo(DynamoDbStreamRecord.EventName.INSERT, streamArn, null);
        DynamoDbStreamRecord remove = dynamo(DynamoDbStreamRecord.EventName.REMOVE, streamArn, null);
        DynamoDbStreamRecord elsewhere = dynamo(DynamoDbStreamRecord.EventName.INSERT,
                "arn:aws:dynamodb:us-east-1:123456789012:table/Other/stream/x", null);

        assertEquals("Orders", insert.tableName());
        assertTrue(DynamoDbStreamRecord.table("Orders").matches(insert));
        assertTrue(DynamoDbStreamRecord.table("Orders").matches(remove));
        assertFalse(DynamoDbStreamRecord.table("Orders").matches(elsewhere));
        EventSelector<DynamoDbStreamRecord> inserts = DynamoDbStreamRecord.table("Orders", DynamoDbStreamRecord.EventName.INSERT);
        assertTrue(inserts.matches(insert));
        assertFalse(inserts.matches(remove));
        assertTrue(inserts.specificity() > DynamoDbStreamRecord.table("Orders").specificity());
        assertEquals("dynamodb table=Orders events=[INSERT]", inserts.describe());
        assertTrue(DynamoDbStreamRecord.table(TABLE_ARN).matches(insert));
        assertFalse(DynamoDbStreamRecord.table(TABLE_ARN).matches(elsewhere));
        assertTrue(DynamoDbStreamRecord.any().matches(elsewhere));
        assertEquals("Not a DynamoDB table ARN: arn:aws:sqs:us-east-1:1:q",
                assertThrows(IllegalArgumentException.class, () -> DynamoDbStreamRecord.table("arn:aws:sqs:us-east-1:1:q"))
                        .getMessage());
        assertEquals(Map.of(), insert.newImage());
        assertEquals(AttributeValue.ofN("101"), insert.keys().get("Id"));
        assertEquals("DynamoDB Streams INSERT record 111 of table Orders", insert.describe());
    }

    @Test
    void a_time_to_live_delete_is_a_remove_by_the_dynamodb_service() {
        DynamoDbStreamRecord.UserIdentity ttl = new DynamoDbStreamRecord.UserIdentity("Service", "dynamodb.amazonaws.com");
        DynamoDbStreamRecord.UserIdentity user = new DynamoDbStreamRecord.UserIdentity("User", "dynamodb.amazonaws.com");
        assertTrue(dynamo(DynamoDbStreamRecord.EventName.REMOVE, TABLE_ARN, ttl).isTtlDelete());
        assertFalse(dynamo(DynamoDbStreamRecord.EventName.REMOVE, TABLE_ARN, user).isTtlDelete());
        assertFalse(dynamo(DynamoDbStreamRecord.EventName.MODIFY, TABLE_ARN, ttl).isTtlDelete());
        assertFalse(dynamo(DynamoDbStreamRecord.EventName.REMOVE, TABLE_ARN, null).isTtlDelete());
        DynamoDbStreamRecord shortForm = new DynamoDbStreamRecord("e", DynamoDbStreamRecord.EventName.INSERT, null, null,
                "1", 0, null, null, null, null, null);
        assertNull(shortForm.tableName());
        assertNull(shortForm.userIdentity());
    }

    private static S3Notification s3(String bucket, String key, String event) {
        return new S3Notification(event, Instant.EPOCH, "us-east-1", bucket, key, 1, "e", null, "s");
    }

    @Test
    void s3_by_bucket_key_glob_and_event_name_prefix() {
        S3Notification created = s3("uploads", "imports/2024/a.csv", "ObjectCreated:Put");
        S3Notification removed = s3("uploads", "imports/2024/a.csv", "ObjectRemoved:Delete");
        S3Notification elsewhere = s3("logs", "imports/a.csv", "ObjectCreated:Put");

        assertTrue(S3Notification.bucket("uploads").matches(created));
        assertFalse(S3Notification.bucket("uploads").matches(elsewhere));
        EventSelector<S3Notification> imports = S3Notification.matching("uploads", "imports/**", "ObjectCreated:");
        assertTrue(imports.matches(created));
        assertFalse(imports.matches(removed));
        assertFalse(imports.matches(elsewhere));
        assertEquals("s3 bucket=uploads key=imports/** event=ObjectCreated:*", imports.describe());
        assertTrue(S3Notification.matching(null, "imports/*", null).matches(elsewhere));
        assertFalse(S3Notification.matching(null, "imports/*", null).matches(created));
        assertEquals("s3 any", S3Notification.matching(null, null, null).describe());
        assertTrue(S3Notification.any().matches(removed));
        assertTrue(imports.specificity() > S3Notification.bucket("uploads").specificity());
    }

    @Test
    void eventbridge_by_source_and_detail_type_with_prefix_wildcards() throws Exception {
        EventBridgeEvent backup = new EventBridgeEvent("id-1", "0", "aws.rds", "RDS DB Instance Event", "123456789012",
                Instant.EPOCH, "us-east-2", List.of("arn:x"), new ObjectMapper().readTree("{\"Message\":\"done\"}"));

        assertTrue(EventBridgeEvent.matching("aws.rds", null).matches(backup));
        assertTrue(EventBridgeEvent.matching("aws.*", "RDS *").matches(backup));
        assertFalse(EventBridgeEvent.matching("aws.ec2", null).matches(backup));
        assertFalse(EventBridgeEvent.matching(null, "RDS DB Cluster Event").matches(backup));
        assertTrue(EventBridgeEvent.any().matches(backup));
        assertEquals("eventbridge source=aws.rds detail-type=RDS *", EventBridgeEvent.matching("aws.rds", "RDS *").describe());
        assertEquals("eventbridge any", EventBridgeEvent.any().describe());
        // An exact value outranks a prefix that matches the same value.
        assertTrue(EventBridgeEvent.matching("aws.rds", null).specificity()
                > EventBridgeEvent.matching("aws.rds*", null).specificity());
        assertFalse(backup.isReplay());
        assertEquals(dev.lift.api.EventKind.EVENT, backup.kind());
        record Detail(String Message) { }
        assertEquals(new Detail("done"), backup.detailAs(Detail.class));
        assertEquals("EventBridge event id-1 from aws.rds (detail-type RDS DB Instance Event)", backup.describe());
        EventBridgeEvent replayed = new EventBridgeEvent("id-2", "0", "s", "t", null, null, null, null, null, "replay-1");
        assertTrue(replayed.isReplay());
        assertTrue(replayed.detail().isNull());
        assertEquals(List.of(), replayed.resources());
    }

    @Test
    void scheduled_events_by_rule_name_or_arn() {
        ScheduledEvent nightly = new ScheduledEvent("s-1", "123456789012", "us-east-1", Instant.EPOCH, RULE_ARN);
        ScheduledEvent other = new ScheduledEvent("s-2", "123456789012", "us-east-1", Instant.EPOCH,
                "arn:aws:events:us-east-1:123456789012:rule/hourly");

        assertEquals("nightly", nightly.ruleName());
        assertEquals(List.of(RULE_ARN), nightly.resources());
        assertTrue(ScheduledEvent.rule("nightly").matches(nightly));
        assertFalse(ScheduledEvent.rule("nightly").matches(other));
        assertTrue(ScheduledEvent.rule(RULE_ARN).matches(nightly));
        assertFalse(ScheduledEvent.rule(RULE_ARN).matches(other));
        assertTrue(ScheduledEvent.any().matches(other));
        assertEquals("schedule rule=nightly", ScheduledEvent.rule("nightly").describe());
        assertEquals("aws.events", nightly.source());
        assertEquals("Scheduled Event", nightly.detailType());
        assertEquals(dev.lift.api.EventKind.EVENT, nightly.kind());
        assertEquals("scheduled event s-1 of rule " + RULE_ARN, nightly.describe());
        assertNull(new ScheduledEvent("s-3", null, null, null, null).ruleName());
        assertNull(new ScheduledEvent("s-4", null, null, null, "arn:aws:sqs:us-east-1:1:q").ruleName());
        ScheduledEvent withDetail = new ScheduledEvent("s-5", null, null, null, RULE_ARN, "0", null,
                new ObjectMapper().createObjectNode().put("n", 4));
        record N(int n) { }
        assertEquals(new N(4), withDetail.detailAs(N.class));
    }

    @Test
    void websocket_messages_by_route_with_their_body_headers_and_query() {
        WebSocketMessage m = new WebSocketMessage("sendMessage", WebSocketMessage.EventType.MESSAGE, "c-1",
                "eyJuIjozfQ==", true, Headers.builder().add("X-Trace", "t-1").build(),
                Map.of("room", List.of("a", "b")), "example.com", "prod", "req-1", Instant.EPOCH);

        assertTrue(WebSocketMessage.route("sendMessage").matches(m));
        assertFalse(WebSocketMessage.route("$connect").matches(m));
        assertTrue(WebSocketMessage.any().matches(m));
        assertEquals("websocket route=sendMessage", WebSocketMessage.route("sendMessage").describe());
        assertEquals("{\"n\":3}", new String(m.bodyBytes(), StandardCharsets.UTF_8));
        record N(int n) { }
        assertEquals(new N(3), m.bodyAs(N.class));
        assertEquals("t-1", m.header("x-trace").orElseThrow());
        assertEquals("a", m.queryParam("room").orElseThrow());
        assertTrue(m.queryParam("absent").isEmpty());
        assertEquals("adapter-websocket", m.source());
        assertEquals(dev.lift.api.EventKind.EVENT, m.kind());
        assertEquals("WebSocket MESSAGE on route sendMessage", m.describe());

        WebSocketMessage connect = new WebSocketMessage("$connect", WebSocketMessage.EventType.CONNECT, "c-1", null,
                false, null, null, null, null, null, null);
        assertEquals(0, connect.bodyBytes().length);
        assertEquals(Map.of(), connect.queryParameters());
        assertTrue(connect.header("x").isEmpty());
        WebSocketMessage text = new WebSocketMessage("r", WebSocketMessage.EventType.MESSAGE, "c", "hi", false, null,
                Map.of(), null, null, null, null);
        assertEquals("hi", new String(text.bodyBytes(), StandardCharsets.UTF_8));
        WebSocketMessage bad = new WebSocketMessage("r", WebSocketMessage.EventType.MESSAGE, "c", "*not base64*", true,
                null, null, null, null, null, null);
        dev.lift.api.LiftException e = assertThrows(dev.lift.api.LiftException.class, bad::bodyBytes);
        assertEquals(400, e.status());
        assertEquals("The body of WebSocket message on route r is not valid base64", e.detail());
    }
}
