package dev.lift.plugins.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.events.KinesisRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.TestApp;

/** The Kinesis adapter inside a real kernel: failed records are reported by sequence number. */
class KinesisEndToEndTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    /** The sample event with one record per payload and sequence numbers 101, 102, ... */
    private static ObjectNode batch(String... payloads) {
        ObjectNode event = Fixtures.event("kinesis_event.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        ObjectNode template = (ObjectNode) records.remove(0);
        for (int i = 0; i < payloads.length; i++) {
            ObjectNode r = template.deepCopy();
            String seq = String.valueOf(101 + i);
            r.put("eventID", "shardId-000000000000:" + seq);
            ((ObjectNode) r.get("kinesis")).put("sequenceNumber", seq)
                    .put("data", Base64.getEncoder().encodeToString(payloads[i].getBytes(StandardCharsets.UTF_8)));
            records.add(r);
        }
        return event;
    }

    private String invoke(ObjectNode event) {
        try (LiftKernel k = Lift.builder().discover(false).plugin(new KinesisAdapter())
                .plugin(new TestApp(r -> r.onRecord(KinesisRecord.any(), (rec, ctx) -> {
                    seen.add(rec.sequenceNumber() + "=" + rec.dataAsText());
                    if (rec.dataAsText().startsWith("fail")) {
                        throw new IllegalArgumentException("bad payload in " + rec.sequenceNumber());
                    }
                }))).build()) {
            return Fixtures.utf8(k.invoke(Fixtures.bytes(event)));
        }
    }

    @Test
    void theShardStopsAtTheFirstFailureWhichIsReportedWithEveryLaterRecordUnprocessed() {
        // Lambda resumes the shard from the lowest sequence number reported. Running 103 and 104 now
        // would only apply them before 102 and again on the retry: they are reported, not run.
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"102\"},{\"itemIdentifier\":\"103\"},"
                        + "{\"itemIdentifier\":\"104\"}]}",
                invoke(batch("a", "fail-b", "c", "fail-d")));
        assertEquals(List.of("101=a", "102=fail-b"), seen);
    }

    @Test
    void theSampleEventSucceedsWithAnEmptyFailureList() {
        assertEquals("{\"batchItemFailures\":[]}", invoke(Fixtures.event("kinesis_event.json")));
        assertEquals(List.of("49545115243490985018280067714973144582180062593244200961=Hello, this is a test 123."), seen);
    }
}
