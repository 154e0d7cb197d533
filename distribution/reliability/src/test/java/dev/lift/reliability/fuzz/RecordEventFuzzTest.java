package dev.lift.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Event detection and decoding of the batch sources: SQS, SNS, S3, DynamoDB Streams and Kinesis, through the whole kernel:
 * each target starts from its real AWS sample events (the seed corpus in
 * {@code RecordEventFuzzTestInputs/<method>/}, as they are and with edit scripts, see {@link EventInput}) and
 * the fuzzer changes them. Every adapter is installed, so a changed event may also be claimed by
 * another adapter, or by none. {@link Outcome} says what is a finding.
 */
@ExtendWith(SeedCorpusCheck.class)
class RecordEventFuzzTest {

    /** Boots the kernel before fuzzing starts, so that boot time does not count against the first input's timeout. */
    @BeforeAll
    static void bootKernel() {
        FuzzKernel.KIT.kernel();
    }


    /** SQS batches; seeds sqs_event.json and sqs_event_nobody.json. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void sqs(byte[] input) {
        Outcome.check(EventInput.event(input));
    }

    /** SNS notifications; seed sns_event.json. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void sns(byte[] input) {
        Outcome.check(EventInput.event(input));
    }

    /** S3 notifications; seed s3_event.json. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void s3(byte[] input) {
        Outcome.check(EventInput.event(input));
    }

    /** DynamoDB Streams batches; seed dynamodb_event.json. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void dynamoDb(byte[] input) {
        Outcome.check(EventInput.event(input));
    }

    /** Kinesis batches; seed kinesis_event.json. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void kinesis(byte[] input) {
        Outcome.check(EventInput.event(input));
    }
}
