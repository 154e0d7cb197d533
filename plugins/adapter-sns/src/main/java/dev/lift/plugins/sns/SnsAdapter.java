package dev.lift.plugins.sns;

import dev.lift.api.SpiVersion;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Api;
import dev.lift.api.BatchResponse;
import dev.lift.spi.EventAdapter;
import dev.lift.api.EventKind;
import dev.lift.api.Json;
import dev.lift.api.LiftEvent;
import dev.lift.api.LiftException;
import dev.lift.api.RecordBatch;
import dev.lift.events.SnsMessage;
import dev.lift.spi.support.EventFields;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes SNS notifications into {@link SnsMessage} records. SNS invokes Lambda asynchronously
 * and has no partial batch response: when a notification fails, the kernel fails the whole
 * invocation so that Lambda retries it (and, after its retries, sends it to the function's
 * on-failure destination or dead-letter queue). Stateless.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public final class SnsAdapter implements EventAdapter {

    private static final String EVENT_SOURCE = "aws:sns";

    @Override
    public String id() {
        return "adapter-sns";
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public int order() {
        return 110;
    }

    @Override
    public EventKind kind() {
        return EventKind.BATCH;
    }

    /** {@code Records[0].EventSource} (capitalised, as SNS sends it) is {@code aws:sns}. */
    @Override
    public boolean matches(JsonNode event) {
        if (event == null) {
            return false;
        }
        JsonNode source = event.path("Records").path(0).path("EventSource");
        return source.isTextual() && EVENT_SOURCE.equals(source.textValue());
    }

    /**
     * @throws LiftException 400 naming the record and field when a record is broken, for example
     *     {@code The SNS event is malformed: Records[0].Sns.MessageId is missing}
     */
    @Override
    public RecordBatch<SnsMessage> decode(JsonNode event) {
        List<EventFields> records = EventFields.root(event, "SNS event").requiredObjects("Records");
        List<SnsMessage> messages = new ArrayList<>(records.size());
        for (EventFields r : records) {
            String source = r.text("EventSource");
            if (source != null && !EVENT_SOURCE.equals(source)) {
                throw r.invalid("EventSource", "is \"" + source + "\" but the batch is an SNS batch");
            }
            EventFields sns = r.requiredObject("Sns");
            Map<String, SnsMessage.MessageAttribute> attributes = new LinkedHashMap<>();
            for (Map.Entry<String, EventFields> a : sns.objectMap("MessageAttributes").entrySet()) {
                attributes.put(a.getKey(), new SnsMessage.MessageAttribute(a.getValue().requiredText("Type"),
                        a.getValue().text("Value")));
            }
            messages.add(new SnsMessage(sns.requiredText("MessageId"), sns.text("TopicArn"), sns.text("Subject"),
                    sns.text("Message"), sns.instant("Timestamp"), sns.text("Type"), attributes,
                    sns.text("SignatureVersion"), sns.text("Signature"), sns.text("SigningCertUrl"),
                    sns.text("UnsubscribeUrl"), r.text("EventSubscriptionArn"), r.text("EventVersion")));
        }
        return new RecordBatch<>(id(), SnsMessage.class, messages, SnsMessage::messageId, false, false);
    }

    /**
     * SNS ignores what the function returns, so a successful batch is answered with JSON
     * {@code null}; other results are written as plain JSON.
     *
     * @throws IllegalStateException for a batch response that reports failures: SNS cannot retry
     *     single messages, so they must fail the invocation instead of being acknowledged
     */
    @Override
    public void encode(LiftEvent event, Object result, JsonGenerator out) throws IOException {
        if (result instanceof BatchResponse) {
            List<String> failed = ((BatchResponse) result).failedItemIdentifiers();
            if (!failed.isEmpty()) {
                throw new IllegalStateException("SNS does not support partial batch responses; failing the invocation "
                        + "so that Lambda retries it (failed messages: " + String.join(", ", failed) + ")");
            }
            out.writeNull();
        } else {
            Json.mapper().writeValue(out, result);
        }
    }
}
