package dev.lift.plugins.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.events.SnsMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.TestApp;

/** The SNS adapter inside a real kernel. */
class SnsEndToEndTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();

    private LiftKernel kernel(boolean fail) {
        return Lift.builder().discover(false).plugin(new SnsAdapter())
                .plugin(new TestApp(r -> r
                        .onRecord(SnsMessage.any(), (m, ctx) -> seen.add("any:" + m.messageId()))
                        .onRecord(SnsMessage.topic("TopicSendToMe"), (m, ctx) -> {
                            seen.add(m.topicName() + ":" + m.subject());
                            if (fail) {
                                throw new IllegalStateException("downstream unavailable");
                            }
                        })))
                .build();
    }

    @Test
    void theMostSpecificHandlerGetsTheNotificationAndTheAnswerIsNull() {
        try (LiftKernel k = kernel(false)) {
            assertEquals("null", Fixtures.utf8(k.invoke(Fixtures.bytes(Fixtures.event("sns_event.json")))));
        }
        assertEquals(List.of("TopicSendToMe:Test sns message"), seen);
    }

    @Test
    void aFailedNotificationFailsTheWholeInvocationSoLambdaRetriesIt() {
        try (LiftKernel k = kernel(true)) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> k.invoke(Fixtures.bytes(Fixtures.event("sns_event.json"))));
            assertTrue(e.getMessage().contains("dc918f50-80c6-56a2-ba33-d8a9bbf013ab"), e.getMessage());
        }
    }
}
