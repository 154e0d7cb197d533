package dev.lift.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.EventSelector;
import dev.lift.kernel.KernelHttpTest.CapturingHandler;
import dev.lift.kernel.testing.Responses;
import dev.lift.kernel.testing.TestApp;
import dev.lift.kernel.testing.TestEventAdapter;
import dev.lift.kernel.testing.TestHttpAdapter;
import dev.lift.kernel.testing.TestRecordAdapter;
import dev.lift.kernel.testing.TestRecordAdapter.TestRecord;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * What the kernel writes into logs and into errors (which the custom runtime posts to the Lambda
 * Runtime API as errorMessage): never a token or the payload, and never a forged log line.
 */
class SafeLogsTest {

    private static final String TOKEN = "s3cr3t-t0ken";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String everything(RuntimeException e, CapturingHandler logs) {
        StringBuilder all = new StringBuilder(String.valueOf(e.getMessage()));
        for (LogRecord r : logs.records) {
            all.append('\n').append(r.getMessage());
        }
        return all.toString();
    }

    @Test
    void aBatchNothingMatchesNamesTheQueueButNotTheBody() {
        CapturingHandler logs = CapturingHandler.install("lift");
        try {
            LiftKernel k = Lift.builder().discover(false).plugin(new TestRecordAdapter())
                    .plugin(new TestApp(r -> r.onRecord(EventSelector.of(TestRecord.class, "queue=orders", 10,
                            rec -> rec.queue().equals("orders")), (rec, ctx) -> { }))).build();
            RuntimeException e = assertThrows(RuntimeException.class, () -> k.invoke(
                    TestRecordAdapter.batch("payments", false, false, "Authorization: Bearer " + TOKEN)));
            assertEquals("No handler matches 1 of 1 records of test-records batch of 1 TestRecord (first: test record 1 "
                    + "of queue payments); register a record or batch handler whose selector covers them", e.getMessage());
            String all = everything(e, logs);
            assertFalse(all.contains(TOKEN) || all.contains("Authorization"), all);
        } finally {
            logs.uninstall();
        }
    }

    @Test
    void aSingleEventNothingMatchesNamesItsTypeAndSourceButNotItsContent() {
        CapturingHandler logs = CapturingHandler.install("lift");
        try {
            LiftKernel k = Lift.builder().discover(false).plugin(new TestEventAdapter())
                    .plugin(new TestApp(r -> r.onEvent(EventSelector.of(TestEventAdapter.Ping.class, "name=nightly", 10,
                            p -> p.name().equals("nightly")), (p, ctx) -> "ran"))).build();
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> k.invoke(bytes("{\"test\":\"event\",\"name\":\"Bearer " + TOKEN + "\"}")));
            assertEquals("No handler matches a Ping from test-events; register an event handler whose selector covers it",
                    e.getMessage());
            assertFalse(everything(e, logs).contains(TOKEN), everything(e, logs));
        } finally {
            logs.uninstall();
        }
    }

    @Test
    void anEventNoAdapterClaimsIsDescribedByItsShapeOnly() {
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter()).build();
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> k.invoke(bytes("{\"headers\":{\"authorization\":\"Bearer " + TOKEN + "\"},\"body\":\"card=4111\"}")));
        assertEquals("No installed adapter recognises this event (a JSON object with 2 top-level field(s)); "
                + "1 adapter(s) are installed (`lift plugins` lists them): add the adapter plugin for this event's "
                + "source", e.getMessage());
    }

    @Test
    void invalidJsonIsReportedWithoutQuotingTheEvent() {
        LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter()).build();
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> k.invoke(bytes("{\"authorization\": Bearer" + TOKEN + "}")));
        assertEquals("The event is not valid JSON (line 1, column 19)", e.getMessage());
    }

    @Test
    void aDecodedNewlineInThePathStaysOnOneEscapedLogLine() {
        CapturingHandler logs = CapturingHandler.install("lift.errors");
        try {
            LiftKernel k = Lift.builder().discover(false).plugin(new TestHttpAdapter())
                    .plugin(new TestApp(r -> r.get("/items/{id}", (req, ctx) -> {
                        throw new IllegalStateException("boom");
                    }))).build();
            var res = Responses.parse(k.invoke(TestHttpAdapter.request("GET",
                    "/items/x\\nINFO forged line\\r\\u001b[31m", null), KernelHttpTest.request("req-1")));
            assertEquals(500, res.get("status").asInt());
            String line = logs.records.get(0).getMessage();
            assertEquals("Unhandled exception in request req-1 GET /items/x\\nINFO forged line\\r\\u001b[31m", line);
            assertFalse(line.contains("\n") || line.contains("\r") || line.contains("\u001b"), line);
        } finally {
            logs.uninstall();
        }
    }

    @Test
    void aFailedRecordsIdentifierIsEscapedInItsLogLine() {
        CapturingHandler logs = CapturingHandler.install("lift.errors");
        try {
            LiftKernel k = Lift.builder().discover(false).plugin(new TestRecordAdapter())
                    .plugin(new TestApp(r -> r.onRecord(EventSelector.any(TestRecord.class), (rec, ctx) -> {
                        throw new IllegalStateException("no");
                    }))).build();
            String out = new String(k.invoke(bytes("{\"test\":\"records\",\"queue\":\"q\",\"records\":"
                    + "[{\"id\":\"a\\nERROR forged\",\"body\":\"x\"}]}")), StandardCharsets.UTF_8);
            assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"a\\nERROR forged\"}]}", out);
            String line = logs.records.get(0).getMessage();
            assertTrue(line.contains("record a\\nERROR forged of test-records failed"), line);
            assertFalse(line.contains("\n"), line);
        } finally {
            logs.uninstall();
        }
    }
}
