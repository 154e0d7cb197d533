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
import dev.lift.plugins.testsupport.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQS records keyed by body fields ({@code lift.idempotency.key-fields=orderId}): the same order sent again under
 * another message id runs once; the same order id with another body is reported failed instead of processed; a
 * message without the field is not deduplicated at all.
 */
class IdempotentRecordFieldsTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private LiftKernel kernel;

    @BeforeEach
    void boot() {
        kernel = Lift.builder().discover(false).environment(Map.of())
                .plugin(new SqsAdapter())
                .plugin(new MemoryStoreProvider())
                .plugin(new IdempotencyPlugin())
                .plugin(new TestApp(r -> r.onRecord(SqsMessage.any(), (m, ctx) -> handled.add(m.messageId()))))
                .settings(Map.of("lift.idempotency.key-fields", "orderId"))
                .build();
    }

    @AfterEach
    void shutDown() {
        kernel.close();
    }

    /** The SQS sample with one record per (messageId, body). */
    private static ObjectNode event(String... idsAndBodies) {
        ObjectNode event = Fixtures.event("sqs_event.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        ObjectNode sample = (ObjectNode) records.get(0);
        records.removeAll();
        for (int i = 0; i < idsAndBodies.length; i += 2) {
            records.add(sample.deepCopy().put("messageId", idsAndBodies[i]).put("body", idsAndBodies[i + 1]));
        }
        return event;
    }

    private String invoke(ObjectNode event) {
        LambdaRequest request = new LambdaRequest("req-" + System.nanoTime(), System.currentTimeMillis() + 60_000,
                "arn:aws:lambda:eu-central-1:123456789012:function:orders", null, "orders", "$LATEST", 512);
        return new String(kernel.invoke(Fixtures.bytes(event), request), StandardCharsets.UTF_8);
    }

    @Test
    void the_same_order_under_another_message_id_runs_once() {
        assertEquals("{\"batchItemFailures\":[]}", invoke(event("m-1", "{\"orderId\":\"o-1\",\"qty\":2}")));
        assertEquals("{\"batchItemFailures\":[]}", invoke(event("m-2", "{\"orderId\":\"o-1\",\"qty\":2}")));
        assertEquals(List.of("m-1"), handled);
    }

    @Test
    void the_same_order_id_with_another_body_is_reported_failed_not_processed() {
        assertEquals("{\"batchItemFailures\":[]}", invoke(event("m-1", "{\"orderId\":\"o-1\",\"qty\":2}")));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}",
                invoke(event("m-2", "{\"orderId\":\"o-1\",\"qty\":5}")));
        assertEquals(List.of("m-1"), handled);
    }

    @Test
    void a_message_without_the_key_field_runs_every_time() {
        assertEquals("{\"batchItemFailures\":[]}", invoke(event("m-1", "{\"qty\":2}", "m-2", "{\"qty\":2}")));
        assertEquals("{\"batchItemFailures\":[]}", invoke(event("m-1", "{\"qty\":2}")));
        assertEquals(List.of("m-1", "m-2", "m-1"), handled);
    }
}
