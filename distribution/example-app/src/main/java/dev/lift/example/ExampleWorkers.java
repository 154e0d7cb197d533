package dev.lift.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.InvocationContext;
import dev.lift.api.Routes;
import dev.lift.events.EventBridgeEvent;
import dev.lift.events.S3Notification;
import dev.lift.events.ScheduledEvent;
import dev.lift.events.SqsMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example's event handlers, one per kind of work:
 * <ul>
 *   <li>SQS, any queue: each message is a JSON document; one with a {@code title} becomes a todo.
 *       A message that is not JSON fails on its own and is reported in {@code batchItemFailures},
 *       so only it is retried;</li>
 *   <li>S3, objects created under {@code imports/} in any bucket: logged (a real app would fetch
 *       and import the file); other S3 notifications are acknowledged;</li>
 *   <li>EventBridge, any event: answered with what was received;</li>
 *   <li>the schedule rule {@code todo-cleanup}: removes done todos; other rules are acknowledged.</li>
 * </ul>
 */
final class ExampleWorkers {

    private static final System.Logger LOG = System.getLogger("dev.lift.example");

    private final TodoStore store;

    ExampleWorkers(TodoStore store) {
        this.store = store;
    }

    void register(Routes routes) {
        routes.onRecord(SqsMessage.any(), this::importTodo);
        routes.onRecord(S3Notification.matching(null, "imports/**", "ObjectCreated:"), (n, ctx) ->
                LOG.log(System.Logger.Level.INFO, "New import file s3://" + n.bucket() + "/" + n.key() + " (" + n.size() + " bytes)"));
        routes.onRecord(S3Notification.any(), (n, ctx) ->
                LOG.log(System.Logger.Level.DEBUG, () -> "Ignored " + n.eventName() + " of s3://" + n.bucket() + "/" + n.key()));
        routes.onEvent(EventBridgeEvent.any(), ExampleWorkers::received);
        routes.onEvent(ScheduledEvent.rule("todo-cleanup"), (e, ctx) -> Map.of("removed", store.removeDone()));
        routes.onEvent(ScheduledEvent.any(), ExampleWorkers::unknownSchedule);
    }

    private void importTodo(SqsMessage message, InvocationContext context) {
        // A body that is not JSON throws LiftException (400): this record fails, the others go on.
        JsonNode doc = message.bodyAs(JsonNode.class);
        JsonNode title = doc.path("title");
        if (title.isTextual() && !title.asText().isBlank()) {
            store.create(title.asText().strip(), doc.path("done").asBoolean(false));
        }
    }

    private static Object unknownSchedule(ScheduledEvent event, InvocationContext context) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rule", event.ruleName());
        out.put("action", "none");
        return out;
    }

    private static Object received(EventBridgeEvent event, InvocationContext context) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("received", event.detailType());
        out.put("source", event.source());
        out.put("id", event.id());
        return out;
    }
}
