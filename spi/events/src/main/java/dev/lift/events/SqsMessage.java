package dev.lift.events;

import dev.lift.api.Describable;

import dev.lift.api.Api;
import dev.lift.api.EventSelector;
import dev.lift.api.LiftException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message of an SQS batch, as Lambda delivers it.
 *
 * <pre>{@code
 * routes.onRecord(SqsMessage.queue("orders"), (msg, ctx) -> {
 *     Order order = msg.bodyAs(Order.class);
 *     ...
 * });
 * }</pre>
 *
 * @param messageId the message id; identifies the message in {@code batchItemFailures}; never null
 * @param receiptHandle the receipt handle; may be null
 * @param body the body as sent; may be empty, null only when the event had none
 * @param md5OfBody the MD5 digest of the body, hex; may be null
 * @param attributes system attributes such as {@code ApproximateReceiveCount}, {@code SentTimestamp},
 *     {@code MessageGroupId}, {@code MessageDeduplicationId} and {@code SequenceNumber}; never null
 * @param messageAttributes the sender's message attributes by name; never null
 * @param eventSourceArn the queue's ARN; may be null
 * @param awsRegion the queue's region; may be null
 * @param md5OfMessageAttributes the MD5 digest of the message attributes, hex; null when the message has
 *     none (since 0.2)
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public record SqsMessage(String messageId, String receiptHandle, String body, String md5OfBody,
                         Map<String, String> attributes, Map<String, MessageAttribute> messageAttributes,
                         String eventSourceArn, String awsRegion, String md5OfMessageAttributes)
        implements Describable {

    public SqsMessage {
        Objects.requireNonNull(messageId, "messageId");
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        messageAttributes = messageAttributes == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(messageAttributes));
    }

    /** A message as 0.1 knew it, without {@link #md5OfMessageAttributes()}. */
    public SqsMessage(String messageId, String receiptHandle, String body, String md5OfBody,
                      Map<String, String> attributes, Map<String, MessageAttribute> messageAttributes,
                      String eventSourceArn, String awsRegion) {
        this(messageId, receiptHandle, body, md5OfBody, attributes, messageAttributes, eventSourceArn, awsRegion,
                null);
    }

    /** The queue's name, the last part of {@link #eventSourceArn()}; null without an ARN. */
    public String queueName() {
        return Arns.afterLastColon(eventSourceArn);
    }

    /** Whether the message came from a FIFO queue (its name ends with {@code .fifo}). */
    public boolean fifo() {
        return eventSourceArn != null && eventSourceArn.endsWith(".fifo");
    }

    /** The FIFO message group id; null for standard queues. */
    public String messageGroupId() {
        return attributes.get("MessageGroupId");
    }

    /** A system attribute, for example {@code attribute("ApproximateReceiveCount")}; null when absent. */
    public String attribute(String name) {
        return attributes.get(name);
    }

    /**
     * The JSON body decoded into {@code type} with Lift's shared mapper.
     *
     * @throws LiftException 400 when the body is empty or not JSON, 422 when it does not fit the type
     */
    public <T> T bodyAs(Class<T> type) {
        return JsonPayload.decode(body, type, "The body of SQS message ", messageId);
    }

    /** Messages of one queue, given by name ({@code orders}) or by ARN. */
    public static EventSelector<SqsMessage> queue(String nameOrArn) {
        Objects.requireNonNull(nameOrArn, "nameOrArn");
        if (Arns.isArn(nameOrArn)) {
            return EventSelector.of(SqsMessage.class, "sqs queue=" + nameOrArn, 10,
                    m -> nameOrArn.equals(m.eventSourceArn()));
        }
        return EventSelector.of(SqsMessage.class, "sqs queue=" + nameOrArn, 10, m -> nameOrArn.equals(m.queueName()));
    }

    /** Every SQS message. */
    public static EventSelector<SqsMessage> any() {
        return EventSelector.of(SqsMessage.class, "sqs any", 0, m -> true);
    }

    /**
     * A message attribute as SQS delivers it to Lambda.
     *
     * @since 0.1
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public static final class MessageAttribute {

        private final String dataType;
        private final String stringValue;
        private final byte[] binaryValue;

        /**
         * @param dataType {@code String}, {@code Number}, {@code Binary}, optionally with a custom
         *     suffix such as {@code Number.int}; never null
         * @param stringValue the value of String and Number attributes; may be null
         * @param binaryValue the decoded value of Binary attributes; may be null
         */
        public MessageAttribute(String dataType, String stringValue, byte[] binaryValue) {
            this.dataType = Objects.requireNonNull(dataType, "dataType");
            this.stringValue = stringValue;
            this.binaryValue = binaryValue == null ? null : binaryValue.clone();
        }

        public String dataType() {
            return dataType;
        }

        /** The value of a String or Number attribute; null for Binary ones. */
        public String stringValue() {
            return stringValue;
        }

        /** A copy of a Binary attribute's value; null for String and Number ones. */
        public byte[] binaryValue() {
            return binaryValue == null ? null : binaryValue.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MessageAttribute a && dataType.equals(a.dataType)
                    && Objects.equals(stringValue, a.stringValue) && Arrays.equals(binaryValue, a.binaryValue);
        }

        @Override
        public int hashCode() {
            return Objects.hash(dataType, stringValue) * 31 + Arrays.hashCode(binaryValue);
        }

        @Override
        public String toString() {
            return dataType + ":" + (binaryValue != null ? binaryValue.length + " bytes" : stringValue);
        }
    }

    /** For logs and errors: identifiers and the attributes selectors look at, never the payload. */
    @Override
    public String describe() {
        return "SQS message " + messageId + " of queue " + eventSourceArn;
    }
}
