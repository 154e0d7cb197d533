package dev.lift.plugins.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.events.SqsMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.TestApp;

/** The SQS adapter inside a real kernel: real sample events in, the exact partial batch response out. */
class SqsBatchEndToEndTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private LiftKernel kernel;

    private LiftKernel kernel() {
        kernel = Lift.builder().discover(false).plugin(new SqsAdapter())
                .plugin(new TestApp(r -> r.onRecord(SqsMessage.any(), (m, ctx) -> {
                    seen.add(m.messageId());
                    if (m.body().contains("fail")) {
                        throw new IllegalStateException("cannot process " + m.messageId());
                    }
                }))).build();
        return kernel;
    }

    @AfterEach
    void close() {
        if (kernel != null) {
            kernel.close();
        }
    }

    /** The sample event with one record per body, message ids m1, m2, ... and the given queue ARN. */
    private static ObjectNode batch(String queueArn, String... bodies) {
        ObjectNode event = Fixtures.event("sqs_event.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        ObjectNode template = (ObjectNode) records.remove(0);
        for (int i = 0; i < bodies.length; i++) {
            ObjectNode r = template.deepCopy();
            r.put("messageId", "m" + (i + 1)).put("body", bodies[i]).put("eventSourceARN", queueArn);
            if (queueArn.endsWith(".fifo")) {
                ((ObjectNode) r.get("attributes")).put("MessageGroupId", "g1").put("SequenceNumber", String.valueOf(i + 1));
            }
            records.add(r);
        }
        return event;
    }

    private String invoke(ObjectNode event) {
        return Fixtures.utf8(kernel().invoke(Fixtures.bytes(event)));
    }

    @Test
    void theSampleEventSucceedsWithAnEmptyFailureList() {
        assertEquals("{\"batchItemFailures\":[]}",
                Fixtures.utf8(kernel().invoke(Fixtures.bytes(Fixtures.event("sqs_event.json")))));
        assertEquals(List.of("d9144555-9a4f-4ec3-99a0-34ce359b4b54"), seen);
    }

    @Test
    void aStandardQueueReportsExactlyTheFailedMessages() {
        String response = invoke(batch("arn:aws:sqs:eu-central-1:123456789012:TestLambda",
                "ok", "fail", "ok", "fail again", "ok"));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m2\"},{\"itemIdentifier\":\"m4\"}]}", response);
        assertEquals(List.of("m1", "m2", "m3", "m4", "m5"), seen, "a standard queue processes every message");
    }

    @Test
    void aFifoQueueStopsAtTheFirstFailureAndReportsEveryLaterMessageUnprocessed() {
        String response = invoke(batch("arn:aws:sqs:eu-central-1:123456789012:TestLambda.fifo",
                "ok", "ok", "fail", "ok", "fail again", "ok"));
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m3\"},{\"itemIdentifier\":\"m4\"},"
                + "{\"itemIdentifier\":\"m5\"},{\"itemIdentifier\":\"m6\"}]}", response);
        assertEquals(List.of("m1", "m2", "m3"), seen, "messages after the first failure must not be processed");
    }

    @Test
    void aFifoBatchWithoutFailuresProcessesEveryMessageInOrder() {
        assertEquals("{\"batchItemFailures\":[]}",
                invoke(batch("arn:aws:sqs:eu-central-1:123456789012:TestLambda.fifo", "a", "b", "c")));
        assertEquals(List.of("m1", "m2", "m3"), seen);
    }
}
