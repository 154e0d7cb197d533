package dev.lift.plugins.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.events.SqsMessage;
import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.memorystore.MemoryStoreProvider;
import dev.lift.plugins.sqs.SqsAdapter;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SQS redelivers; the handler should not run twice for a message that already succeeded. */
class IdempotentRecordsTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private LiftKernel kernel;
    private final LogCapture errors = LogCapture.on("lift.errors");

    @AfterEach
    void shutDown() {
        kernel.close();
        errors.close();
    }

    private void boot(Map<String, String> settings) {
        kernel = Lift.builder().discover(false).environment(Map.of())
                .plugin(new SqsAdapter())
                .plugin(new MemoryStoreProvider())
                .plugin(new IdempotencyPlugin())
                .plugin(new TestApp(r -> r.onRecord(SqsMessage.any(), (m, ctx) -> {
                    if (failuresLeft.getAndDecrement() > 0) {
                        throw new IllegalStateException("downstream unavailable");
                    }
                    handled.add(m.messageId());
                })))
                .settings(settings)
                .build();
    }

    private String invoke(ObjectNode event) {
        LambdaRequest request = new LambdaRequest("req-" + System.nanoTime(), System.currentTimeMillis() + 60_000,
                "arn:aws:lambda:eu-central-1:123456789012:function:orders", null, "orders", "$LATEST", 512);
        return new String(kernel.invoke(Fixtures.bytes(event), request), StandardCharsets.UTF_8);
    }

    @Test
    void aRedeliveredMessageThatAlreadySucceededIsAcknowledgedWithoutRunningTheHandler() {
        boot(Map.of("lift.idempotency.enabled", "true"));
        ObjectNode event = Fixtures.event("sqs_event.json");
        String id = event.get("Records").get(0).get("messageId").asText();
        assertEquals("{\"batchItemFailures\":[]}", invoke(event));
        assertEquals("{\"batchItemFailures\":[]}", invoke(event));
        assertEquals(List.of(id), handled);
    }

    @Test
    void aFailedMessageReleasesItsMarkerSoItsRedeliveryRunsAgain() {
        boot(Map.of("lift.idempotency.enabled", "true"));
        failuresLeft.set(1);
        ObjectNode event = Fixtures.event("sqs_event.json");
        String id = event.get("Records").get(0).get("messageId").asText();
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"" + id + "\"}]}", invoke(event));
        assertEquals("{\"batchItemFailures\":[]}", invoke(event));
        assertEquals("{\"batchItemFailures\":[]}", invoke(event));
        assertEquals(List.of(id), handled);
    }

    @Test
    void keyedByBodyHashTheSameBodySentTwiceUnderTwoMessageIdsRunsOnce() {
        boot(Map.of("lift.idempotency.enabled", "true", "lift.idempotency.record-key", "body"));
        ObjectNode event = Fixtures.event("sqs_event.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        ObjectNode resent = records.get(0).deepCopy();
        resent.put("messageId", "resent-1");
        ObjectNode other = records.get(0).deepCopy();
        other.put("messageId", "other-1").put("body", "{\"id\":99}");
        records.add(resent);
        records.add(other);
        assertEquals("{\"batchItemFailures\":[]}", invoke(event));
        assertEquals(List.of(records.get(0).get("messageId").asText(), "other-1"), handled);
    }
}
