package dev.lift.plugins.problem;

import dev.lift.plugins.testsupport.TestPluginContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.RecordBatch;
import dev.lift.spi.RecordFailure;
import dev.lift.api.SettingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.LogCapture;
import dev.lift.plugins.testsupport.TestInvocation;

/** Per exception type: drop a poison record, fail the whole batch, or leave it to be reported. */
class RecordFailurePolicyTest {
    private LogCapture log;

    @BeforeEach
    void captureLogs() {
        log = LogCapture.on("lift.errors");
    }

    @AfterEach
    void releaseLogs() {
        log.close();
    }

    /** A message that can never be processed. */
    static class PoisonMessage extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PoisonMessage(String message) {
            super(message);
        }
    }

    static final class UnparseablePayload extends PoisonMessage {
        private static final long serialVersionUID = 1L;

        UnparseablePayload(String message) {
            super(message);
        }
    }

    /** Marks errors after which no record of the batch should be acknowledged. */
    interface Fatal {
    }

    static final class SchemaMismatch extends IllegalStateException implements Fatal {
        private static final long serialVersionUID = 1L;
    }

    record Msg(String id, String body) {
    }

    private static final String DROP = "dev.lift.plugins.problem.RecordFailurePolicyTest$PoisonMessage,"
            + " java.lang.IllegalArgumentException";
    private static final String FAIL = "dev.lift.plugins.problem.RecordFailurePolicyTest$Fatal,java.lang.RuntimeException";

    private static final RecordBatch<Msg> BATCH = new RecordBatch<>("adapter-sqs", Msg.class,
            List.of(new Msg("m1", "{}"), new Msg("m2", "password=hunter2")), Msg::id, true, false);
    private static final TestInvocation CONTEXT = new TestInvocation("req-9", BATCH);

    private static RecordFailurePolicy policy(Map<String, String> settings) {
        RecordFailurePolicy p = new RecordFailurePolicy();
        assertTrue(p.init(new TestPluginContext(RecordFailurePolicy.ID, settings)));
        return p;
    }

    private static Optional<RecordFailure> decide(RecordFailurePolicy p, Throwable error) {
        return p.onRecordFailure(error, BATCH.records().get(1), CONTEXT);
    }

    @Test
    void theClosestListedTypeDecides() {
        RecordFailurePolicy p = policy(Map.of("drop", DROP, "fail-batch", FAIL));
        assertEquals(Optional.of(RecordFailure.DROP), decide(p, new PoisonMessage("bad")));
        assertEquals(Optional.of(RecordFailure.DROP), decide(p, new UnparseablePayload("bad")), "a subclass of a listed type");
        assertEquals(Optional.of(RecordFailure.DROP), decide(p, new NumberFormatException("x")),
                "IllegalArgumentException (dropped) is closer than RuntimeException (fail batch)");
        assertEquals(Optional.of(RecordFailure.FAIL_BATCH), decide(p, new SchemaMismatch()), "through an interface");
        assertEquals(Optional.of(RecordFailure.FAIL_BATCH), decide(p, new UncheckedIOException(new IOException("x"))));
    }

    @Test
    void anUnlistedTypeIsLeftToTheKernelWhichReportsTheRecord() {
        RecordFailurePolicy p = policy(Map.of("drop", DROP));
        assertEquals(Optional.empty(), decide(p, new IllegalStateException("retry me")));
        assertEquals(Optional.empty(), decide(p, new IOException("checked")));
        assertEquals(Optional.empty(), decide(p, new OutOfMemoryError()));
    }

    @Test
    void aDropDecisionLeavesTheLoggingToTheKernelSoTheRecordIsLoggedOnce() {
        RecordFailurePolicy p = policy(Map.of("drop", DROP));
        PoisonMessage poison = new PoisonMessage("cannot parse order");
        assertEquals(Optional.of(RecordFailure.DROP), p.onRecordFailure(poison, BATCH.records().get(1), CONTEXT));
        assertEquals(List.of(), log.lines(), "the kernel writes the one line of a dropped record");
    }

    @Test
    void withNothingListedThePluginDeclines() {
        assertFalse(new RecordFailurePolicy().init(new TestPluginContext(RecordFailurePolicy.ID, Map.of())));
        assertFalse(new RecordFailurePolicy().init(new TestPluginContext(RecordFailurePolicy.ID, Map.of("drop", "  "))));
    }

    private static String bootError(Map<String, String> settings) {
        return assertThrows(SettingException.class,
                () -> new RecordFailurePolicy().init(new TestPluginContext(RecordFailurePolicy.ID, settings))).getMessage();
    }

    @Test
    void aBadEntryFailsBootNamingTheSetting() {
        String expected = "a comma-separated list of fully qualified exception class names, "
                + "such as java.io.UncheckedIOException,com.acme.PoisonMessage";
        assertEquals("Invalid setting lift.error-records.drop (env LIFT_ERROR_RECORDS_DROP): "
                + "'java.lang.IllegalStateException,,com.acme.Poison' is not allowed; expected " + expected
                + " (an entry is blank)", bootError(Map.of("drop", "java.lang.IllegalStateException,,com.acme.Poison")));
        assertEquals("Invalid setting lift.error-records.fail-batch (env LIFT_ERROR_RECORDS_FAIL_BATCH): "
                + "'IOException' is not allowed; expected " + expected
                + " ('IOException' is not a fully qualified class name)", bootError(Map.of("fail-batch", "IOException")));
        assertEquals("Invalid setting lift.error-records.drop (env LIFT_ERROR_RECORDS_DROP): "
                + "'java.lang.String' is not allowed; expected " + expected + " (java.lang.String is not an exception type)",
                bootError(Map.of("drop", "java.lang.String")));
        assertEquals("Invalid setting lift.error-records.fail-batch (env LIFT_ERROR_RECORDS_FAIL_BATCH): "
                + "'java.lang.IllegalStateException' is not allowed; expected types not already listed in "
                + "lift.error-records.drop (env LIFT_ERROR_RECORDS_DROP) (java.lang.IllegalStateException is in both)",
                bootError(Map.of("drop", "java.lang.IllegalStateException", "fail-batch", "java.lang.IllegalStateException")));
    }

    @Test
    void aTypeThisPluginCannotSeeIsStillMatchedByNameWithAWarning() {
        policy(Map.of("drop", "com.acme.orders.PoisonOrder"));
        assertEquals(1, log.records().size());
        assertEquals(Level.WARNING, log.records().get(0).getLevel());
        assertEquals("Class com.acme.orders.PoisonOrder in lift.error-records.drop (env LIFT_ERROR_RECORDS_DROP) is not "
                + "visible to plugin 'error-records'; it will be matched by name, so check its spelling",
                log.records().get(0).getMessage());
    }

    @Test
    void handlesEveryThrowableButNoHttpErrors() {
        RecordFailurePolicy p = policy(Map.of("drop", DROP));
        assertEquals("error-records", p.id());
        assertEquals(Throwable.class, p.handles());
        assertTrue(p.toResponse(new PoisonMessage("x"), null, CONTEXT).isEmpty());
    }
}
