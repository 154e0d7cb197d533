package dev.lift.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Event detection and decoding of API Gateway REST (v1), HTTP API (v2) and function URL, ALB and WebSocket events, through the whole kernel:
 * each target starts from its real AWS sample events (the seed corpus in
 * {@code HttpEventFuzzTestInputs/<method>/}, as they are and with edit scripts, see {@link EventInput}) and
 * the fuzzer changes them. Every adapter is installed, so a changed event may also be claimed by
 * another adapter, or by none. {@link Outcome} says what is a finding.
 */
@ExtendWith(SeedCorpusCheck.class)
class HttpEventFuzzTest {

    /** Boots the kernel before fuzzing starts, so that boot time does not count against the first input's timeout. */
    @BeforeAll
    static void bootKernel() {
        FuzzKernel.KIT.kernel();
    }


    /** REST API (payload 1.0) events; seeds apigw_rest_event*.json. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void apiGatewayV1(byte[] input) {
        Outcome.check(EventInput.event(input));
    }

    /** HTTP API and function URL (payload 2.0) events; seed apigw_http_event.json. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void apiGatewayV2(byte[] input) {
        Outcome.check(EventInput.event(input));
    }

    /** Application Load Balancer events; seed elb_event.json. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void alb(byte[] input) {
        Outcome.check(EventInput.event(input));
    }

    /** API Gateway WebSocket events; seed apigw_websocket_event.json. */
    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void webSocket(byte[] input) {
        Outcome.check(EventInput.event(input));
    }
}
