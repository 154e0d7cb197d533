package dev.lift.plugins.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.events.S3Notification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.TestApp;

/** The S3 adapter inside a real kernel: the most specific selector wins; a failure fails the invocation. */
class S3EndToEndTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    private LiftKernel kernel() {
        return Lift.builder().discover(false).plugin(new S3Adapter())
                .plugin(new TestApp(r -> r
                        .onRecord(S3Notification.bucket("example-bucket"), (n, ctx) -> seen.add("bucket:" + n.key()))
                        .onRecord(S3Notification.matching("example-bucket", "test/**", "ObjectCreated:"),
                                (n, ctx) -> {
                                    seen.add("created:" + n.key());
                                    if (n.key().contains("poison")) {
                                        throw new IllegalArgumentException("cannot read " + n.key());
                                    }
                                })))
                .build();
    }

    @Test
    void theMostSpecificHandlerReceivesTheDecodedKey() {
        ObjectNode event = Fixtures.event("s3_event.json");
        try (LiftKernel k = kernel()) {
            assertEquals("null", Fixtures.utf8(k.invoke(Fixtures.bytes(event))));
            ((ObjectNode) event.get("Records").get(0).get("s3").get("object")).put("key", "other/a+b.txt");
            assertEquals("null", Fixtures.utf8(k.invoke(Fixtures.bytes(event))));
        }
        assertEquals(List.of("created:test/key", "bucket:other/a b.txt"), seen);
    }

    @Test
    void aFailedRecordFailsTheWholeInvocation() {
        ObjectNode event = Fixtures.event("s3_event.json");
        ((ObjectNode) event.get("Records").get(0).get("s3").get("object")).put("key", "test/poison.bin");
        try (LiftKernel k = kernel()) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> k.invoke(Fixtures.bytes(event)));
            assertTrue(e.getMessage().contains("s3://example-bucket/test/poison.bin"), e.getMessage());
        }
    }
}
