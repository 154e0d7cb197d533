package dev.lift.test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.Api;
import dev.lift.api.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SNS notifications as Lambda receives them: {@code Records[].Sns} with {@code MessageId},
 * {@code TopicArn}, {@code Subject}, {@code Message} and {@code MessageAttributes}.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class SnsEventBuilder implements TestEvent {

    private record Notification(String id, String subject, String message, Map<String, String> attributes) {
    }

    private final String topic;
    private final List<Notification> notifications = new ArrayList<>();
    private Instant time = Instant.parse("2025-01-01T00:00:00Z");

    SnsEventBuilder(String topic) {
        this.topic = topic;
    }

    /** Adds a notification with the id {@code notification-N}. */
    public SnsEventBuilder message(String message) {
        return message("notification-" + (notifications.size() + 1), null, message, Map.of());
    }

    /** Adds a notification with an id, a subject (may be null) and string message attributes. */
    public SnsEventBuilder message(String messageId, String subject, String message, Map<String, String> attributes) {
        notifications.add(new Notification(messageId, subject, message, new LinkedHashMap<>(attributes)));
        return this;
    }

    /** When the notifications were published. */
    public SnsEventBuilder at(Instant instant) {
        this.time = instant;
        return this;
    }

    /** The topic's ARN. */
    public String topicArn() {
        return "arn:aws:sns:" + Events.REGION + ":" + Events.ACCOUNT + ":" + topic;
    }

    @Override
    public ObjectNode toJsonTree() {
        ObjectNode e = Json.mapper().createObjectNode();
        ArrayNode records = e.putArray("Records");
        for (Notification n : notifications) {
            ObjectNode r = records.addObject();
            r.put("EventSource", "aws:sns");
            r.put("EventVersion", "1.0");
            r.put("EventSubscriptionArn", topicArn() + ":subscription-1");
            ObjectNode sns = r.putObject("Sns");
            sns.put("Type", "Notification");
            sns.put("MessageId", n.id());
            sns.put("TopicArn", topicArn());
            sns.put("Subject", n.subject());
            sns.put("Message", n.message());
            sns.put("Timestamp", Events.MILLIS.format(time));
            sns.put("SignatureVersion", "1");
            sns.put("Signature", "EXAMPLE");
            sns.put("SigningCertUrl", "https://sns." + Events.REGION + ".amazonaws.com/SimpleNotificationService-EXAMPLE.pem");
            sns.put("UnsubscribeUrl", "https://sns." + Events.REGION + ".amazonaws.com/?Action=Unsubscribe");
            ObjectNode attrs = sns.putObject("MessageAttributes");
            n.attributes().forEach((k, v) -> {
                ObjectNode a = attrs.putObject(k);
                a.put("Type", "String");
                a.put("Value", v);
            });
        }
        return e;
    }
}
