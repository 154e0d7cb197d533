package dev.lift.test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Api;
import dev.lift.api.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SQS batch as the SQS event source mapping delivers it: {@code Records} with
 * {@code messageId}, {@code receiptHandle}, {@code body}, string-valued {@code attributes}, the
 * body's MD5, and the queue ARN. FIFO queues add {@code MessageGroupId}, {@code SequenceNumber}
 * and {@code MessageDeduplicationId}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class SqsEventBuilder implements TestEvent {

    private record Message(String id, String body, String groupId, Map<String, String> attributes) {
    }

    private final String queue;
    private final boolean fifo;
    private final List<Message> messages = new ArrayList<>();
    private String region = Events.REGION;
    private Instant sent = Instant.parse("2025-01-01T00:00:00Z");
    private int receiveCount = 1;

    SqsEventBuilder(String queue, boolean fifo) {
        this.queue = queue;
        this.fifo = fifo;
    }

    /** Adds a message with the id {@code message-N} (N counting from 1). */
    public SqsEventBuilder message(String body) {
        return message("message-" + (messages.size() + 1), body);
    }

    /** Adds a message with this id. */
    public SqsEventBuilder message(String messageId, String body) {
        messages.add(new Message(messageId, body, "group-1", Map.of()));
        return this;
    }

    /** Adds a FIFO message of a message group. */
    public SqsEventBuilder groupMessage(String messageId, String groupId, String body) {
        messages.add(new Message(messageId, body, groupId, Map.of()));
        return this;
    }

    /** Adds a message with string message attributes. */
    public SqsEventBuilder message(String messageId, String body, Map<String, String> messageAttributes) {
        messages.add(new Message(messageId, body, "group-1", new LinkedHashMap<>(messageAttributes)));
        return this;
    }

    /** The region of the queue. */
    public SqsEventBuilder region(String region) {
        this.region = region;
        return this;
    }

    /** When the messages were sent. */
    public SqsEventBuilder sentAt(Instant instant) {
        this.sent = instant;
        return this;
    }

    /** How often the messages have been received, including this time (default 1). */
    public SqsEventBuilder receiveCount(int count) {
        this.receiveCount = count;
        return this;
    }

    /** The queue's ARN. */
    public String queueArn() {
        return "arn:aws:sqs:" + region + ":" + Events.ACCOUNT + ":" + queue;
    }

    @Override
    public ObjectNode toJsonTree() {
        ObjectNode e = Json.mapper().createObjectNode();
        ArrayNode records = e.putArray("Records");
        int n = 0;
        for (Message m : messages) {
            n++;
            ObjectNode r = records.addObject();
            r.put("messageId", m.id());
            r.put("receiptHandle", "receipt-handle-" + n);
            r.put("body", m.body());
            ObjectNode a = r.putObject("attributes");
            a.put("ApproximateReceiveCount", Integer.toString(receiveCount));
            a.put("SentTimestamp", Long.toString(sent.toEpochMilli()));
            if (fifo) {
                a.put("SequenceNumber", String.format("%020d", n));
                a.put("MessageGroupId", m.groupId());
            }
            a.put("SenderId", "AIDAEXAMPLE");
            if (fifo) {
                a.put("MessageDeduplicationId", m.id());
            }
            a.put("ApproximateFirstReceiveTimestamp", Long.toString(sent.toEpochMilli() + 5));
            ObjectNode ma = r.putObject("messageAttributes");
            m.attributes().forEach((k, v) -> {
                ObjectNode attr = ma.putObject(k);
                attr.put("stringValue", v);
                attr.putArray("stringListValues");
                attr.putArray("binaryListValues");
                attr.put("dataType", "String");
            });
            r.put("md5OfBody", md5(m.body()));
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", queueArn());
            r.put("awsRegion", region);
        }
        return e;
    }

    static String md5(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md.digest(text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }
}
