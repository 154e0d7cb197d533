package dev.lift.reliability.faults;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection checks can fail: the same campaign, with Lift's answers altered on the way
 * back as a broken adapter or kernel would answer, reports mismatches naming the problem.
 */
class FaultCampaignCatchesWrongAnswersTest {

    private static final long SEED = 20_261_202L;

    private static FaultCampaign.Result run(BatchSource source, BiFunction<String, Answer, Answer> tamper)
            throws Exception {
        return new FaultCampaign(source, FaultCampaign.Mode.SEQUENTIAL, Transport.Kind.TEST_KIT)
                .run(SEED, 200, "t" + source.ordinal(), tamper);
    }

    private static void assertCaught(FaultCampaign.Result result, String expected) {
        assertTrue(result.mismatchCount() > 0, result::summary);
        assertTrue(result.mismatches().stream().anyMatch(m -> m.contains(expected)),
                () -> "expected a mismatch saying '" + expected + "': " + result.mismatches());
    }

    @Test
    void anAcknowledgedFailureIsALostRecord() throws Exception {
        assertCaught(run(BatchSource.SQS_STANDARD,
                (id, a) -> Answer.response("{\"batchItemFailures\":[]}", a.deadlineMillis())), "it would be lost");
    }

    @Test
    void aReportedSuccessAndADuplicateAreCaught() throws Exception {
        FaultCampaign.Result result = run(BatchSource.SQS_STANDARD, (id, a) -> Answer.response(
                "{\"batchItemFailures\":[{\"itemIdentifier\":\"" + id + "-r0\"},{\"itemIdentifier\":\"" + id + "-r0\"}]}",
                a.deadlineMillis()));
        assertCaught(result, "names a record twice");
        assertCaught(result, "it would be handled twice");
    }

    @Test
    void aFifoReportThatIsNotTheSuffixFromTheFirstFailureIsCaught() throws Exception {
        // Report only what failed, as for a standard queue: the records after the first failure, which
        // never ran, would be acknowledged.
        assertCaught(run(BatchSource.SQS_FIFO, (id, a) -> {
            String onlyFirst = a.response().replaceFirst("(\\{\"itemIdentifier\":\"[^\"]+\"\\}).*\\]", "$1]");
            return Answer.response(onlyFirst, a.deadlineMillis());
        }), "FIFO: expected the first failure");
    }

    @Test
    void anInvocationFailedAsAWholeIsCaught() throws Exception {
        assertCaught(run(BatchSource.KINESIS, (id, a) -> Answer.error("Lift.HandlerError: a handler failed",
                a.deadlineMillis())), "failed as a whole");
    }

    @Test
    void aWrongShapeIsCaught() throws Exception {
        assertCaught(run(BatchSource.DYNAMODB_STREAMS, (id, a) -> Answer.response(
                "{\"statusCode\":200,\"body\":" + a.response() + "}", a.deadlineMillis())), "not a partial batch response");
    }
}
