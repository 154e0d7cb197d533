package dev.lift.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Event detection and decoding of EventBridge events and scheduled rules, through the whole kernel:
 * each target starts from its real AWS sample events (the seed corpus in
 * {@code SingleEventFuzzTestInputs/<method>/}, as they are and with edit scripts, see {@link EventInput}) and
 * the fuzzer changes them. Every adapter is installed, so a changed event may also be claimed by
 * another adapter, or by none. {@link Outcome} says what is a finding.
 */
@ExtendWith(SeedCorpusCheck.class)
class SingleEventFuzzTest {

    /** Boots the kernel before fuzzing starts, so that boot time does not count against the first input's timeout. */
    @BeforeAll
    static void bootKernel() {
        FuzzKernel.KIT.kernel();
    }


    /** EventBridge events; seed eventbridge_event.json. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void eventBridge(byte[] input) {
        Outcome.check(EventInput.event(input));
    }

    /** Scheduled rule events; seed scheduled_event.json. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void scheduled(byte[] input) {
        Outcome.check(EventInput.event(input));
    }
}
