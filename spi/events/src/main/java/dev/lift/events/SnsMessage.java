package dev.lift.events;

import dev.lift.api.Describable;

import dev.lift.api.Api;
import dev.lift.api.EventSelector;
import dev.lift.api.LiftException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One SNS notification delivered to Lambda. SNS invokes Lambda asynchronously and does not
 * support partial batch responses: a failed notification fails the invocation, which Lambda
 * then retries.
 *
 * @param messageId the SNS message id; never null
 * @param topicArn the topic's ARN; may be null
 * @param subject the subject; null when the publisher set none
 * @param message the message as published; may be null
 * @param timestamp when SNS accepted the message; may be null
 * @param type usually {@code Notification}; may be null
 * @param messageAttributes the publisher's message attributes by name; never null
 * @param signatureVersion the version of SNS's signature, {@code 1} (SHA1) or {@code 2} (SHA256); null when
 *     absent (since 0.2)
 * @param signature SNS's base64 signature over the message's fields, for handlers that verify it; null when
 *     absent (since 0.2)
 * @param signingCertUrl the URL of the certificate SNS signed with, from {@code SigningCertUrl} (so spelled in
 *     Lambda's SNS events, unlike HTTP deliveries' {@code SigningCertURL}); null when absent (since 0.2)
 * @param unsubscribeUrl the URL that removes the subscription, from {@code UnsubscribeUrl}; null when absent
 *     (since 0.2)
 * @param eventSubscriptionArn the ARN of the subscription that delivered the notification, from the record's
 *     {@code EventSubscriptionArn}; null when absent (since 0.2)
 * @param eventVersion the record format's version, {@code 1.0}, from the record's {@code EventVersion}; null
 *     when absent (since 0.2)
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public record SnsMessage(String messageId, String topicArn, String subject, String message, Instant timestamp,
                         String type, Map<String, MessageAttribute> messageAttributes, String signatureVersion,
                         String signature, String signingCertUrl, String unsubscribeUrl,
                         String eventSubscriptionArn, String eventVersion)
        implements Describable {

    public SnsMessage {
        Objects.requireNonNull(messageId, "messageId");
        messageAttributes = messageAttributes == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(messageAttributes));
    }

    /** A message as 0.1 knew it, without signature, URLs, subscription ARN and event version. */
    public SnsMessage(String messageId, String topicArn, String subject, String message, Instant timestamp,
                      String type, Map<String, MessageAttribute> messageAttributes) {
        this(messageId, topicArn, subject, message, timestamp, type, messageAttributes, null, null, null, null, null,
                null);
    }

    /** The topic's name, the last part of {@link #topicArn()}; null without an ARN. */
    public String topicName() {
        return Arns.afterLastColon(topicArn);
    }

    /**
     * The JSON message decoded into {@code type} with Lift's shared mapper.
     *
     * @throws LiftException 400 when the message is empty or not JSON, 422 when it does not fit the type
     */
    public <T> T messageAs(Class<T> type) {
        return JsonPayload.decode(message, type, "The message of SNS message ", messageId);
    }

    /** Notifications of one topic, given by name ({@code orders}) or by ARN. */
    public static EventSelector<SnsMessage> topic(String nameOrArn) {
        Objects.requireNonNull(nameOrArn, "nameOrArn");
        if (Arns.isArn(nameOrArn)) {
            return EventSelector.of(SnsMessage.class, "sns topic=" + nameOrArn, 10,
                    m -> nameOrArn.equals(m.topicArn()));
        }
        return EventSelector.of(SnsMessage.class, "sns topic=" + nameOrArn, 10, m -> nameOrArn.equals(m.topicName()));
    }

    /** Every SNS notification. */
    public static EventSelector<SnsMessage> any() {
        return EventSelector.of(SnsMessage.class, "sns any", 0, m -> true);
    }

    /**
     * An SNS message attribute.
     *
     * @param type {@code String}, {@code String.Array}, {@code Number} or {@code Binary}; never null
     * @param value the value as SNS delivers it (base64 for Binary); may be null
     * @since 0.1
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public record MessageAttribute(String type, String value) {

        public MessageAttribute {
            Objects.requireNonNull(type, "type");
        }
    }

    /** For logs and errors: identifiers and the attributes selectors look at, never the payload. */
    @Override
    public String describe() {
        return "SNS message " + messageId + " of topic " + topicArn;
    }
}
