package dev.lift.plugins.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.events.DynamoDbStreamRecord;
import dev.lift.events.DynamoDbStreamRecord.EventName;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.TestApp;

/** The DynamoDB Streams adapter inside a real kernel: failed records are reported by sequence number. */
class DynamoDbStreamsEndToEndTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    private LiftKernel kernel(EventName failOn) {
        return Lift.builder().discover(false).plugin(new DynamoDbStreamsAdapter())
                .plugin(new TestApp(r -> r.onRecord(DynamoDbStreamRecord.table("ExampleTableWithStream"), (rec, ctx) -> {
                    seen.add(rec.eventName() + ":" + rec.keys().get("Id").n());
                    if (rec.eventName() == failOn) {
                        throw new IllegalStateException("cannot apply " + rec.eventName());
                    }
                })))
                .build();
    }

    private String invoke(EventName failOn) {
        try (LiftKernel k = kernel(failOn)) {
            return Fixtures.utf8(k.invoke(Fixtures.bytes(Fixtures.event("dynamodb_event.json"))));
        }
    }

    @Test
    void theStreamStopsAtTheFirstFailureWhichIsReportedWithEveryLaterRecordUnprocessed() {
        // Applying the REMOVE before the failed MODIFY would reorder changes to the same item.
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"4421584500000000017450439092\"},"
                        + "{\"itemIdentifier\":\"4421584500000000017450439093\"}]}",
                invoke(EventName.MODIFY));
        assertEquals(List.of("INSERT:101", "MODIFY:101"), seen);
    }

    @Test
    void anAllSuccessfulBatchReportsNoFailures() {
        assertEquals("{\"batchItemFailures\":[]}", invoke(null));
        assertEquals(List.of("INSERT:101", "MODIFY:101", "REMOVE:101"), seen);
    }
}
