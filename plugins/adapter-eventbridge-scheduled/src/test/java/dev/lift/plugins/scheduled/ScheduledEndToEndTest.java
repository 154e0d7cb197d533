package dev.lift.plugins.scheduled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.events.ScheduledEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.TestApp;

/** The scheduled-rule adapter inside a real kernel: schedules reach their handlers by rule name. */
class ScheduledEndToEndTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private LiftKernel kernel;

    @BeforeEach
    void boot() {
        // The catch-all is registered first, so only specificity can make the rule's handler win.
        kernel = Lift.builder().discover(false).plugin(new ScheduledEventAdapter())
                .plugin(new TestApp(r -> r
                        .onEvent(ScheduledEvent.any(), (e, ctx) -> "other schedule")
                        .onEvent(ScheduledEvent.rule("demoschedule"), (e, ctx) -> {
                            seen.add(e.ruleName() + "@" + e.time());
                            return null;
                        })))
                .build();
    }

    @AfterEach
    void close() {
        kernel.close();
    }

    private String invoke(ObjectNode event) {
        return Fixtures.utf8(kernel.invoke(Fixtures.bytes(event)));
    }

    @Test
    void scheduledEventsGoToScheduleHandlersByRuleName() {
        assertEquals("null", invoke(Fixtures.event("scheduled_event.json")));
        assertEquals(List.of("demoschedule@2020-09-30T15:58:34Z"), seen);

        ObjectNode other = Fixtures.event("scheduled_event.json");
        other.putArray("resources").add("arn:aws:events:eu-central-1:123456789012:rule/hourly");
        assertEquals("\"other schedule\"", invoke(other));
        assertEquals(1, seen.size());
    }

    @Test
    void aScheduleWithoutItsIdFailsTheInvocationNamingTheField() {
        ObjectNode event = Fixtures.event("scheduled_event.json");
        event.remove("id");
        RuntimeException e = assertThrows(RuntimeException.class, () -> invoke(event));
        assertTrue(e.getMessage().contains("id is missing"), e.getMessage());
    }
}
