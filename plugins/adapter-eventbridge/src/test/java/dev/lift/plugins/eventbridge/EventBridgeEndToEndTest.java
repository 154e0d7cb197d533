package dev.lift.plugins.eventbridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.events.EventBridgeEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.plugins.testsupport.TestApp;

/** The EventBridge adapter inside a real kernel. */
class EventBridgeEndToEndTest {

    record Backup(String instance, String message) {
    }

    private LiftKernel kernel;

    @BeforeEach
    void boot() {
        // Less specific handlers are registered first, so only specificity can make the specific ones win.
        kernel = Lift.builder().discover(false).plugin(new EventBridgeAdapter())
                .plugin(new TestApp(r -> r
                        .onEvent(EventBridgeEvent.any(), (e, ctx) -> "any:" + e.source())
                        .onEvent(EventBridgeEvent.matching("aws.*", null), (e, ctx) -> "aws:" + e.source())
                        .onEvent(EventBridgeEvent.matching("aws.rds", "RDS DB Instance Event"), (e, ctx) ->
                                new Backup(e.detail().get("SourceIdentifier").asText(), e.detail().get("Message").asText()))))
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
    void theMostSpecificHandlersResultIsWrittenAsJson() {
        assertEquals("{\"instance\":\"rdz6xmpliljlb1\",\"message\":\"Finished DB Instance backup\"}",
                invoke(Fixtures.event("eventbridge_event.json")));
    }

    @Test
    void lessSpecificHandlersTakeWhatTheMoreSpecificOnesLeave() {
        ObjectNode event = Fixtures.event("eventbridge_event.json");
        event.put("detail-type", "RDS DB Cluster Event");
        assertEquals("\"aws:aws.rds\"", invoke(event));
        event.put("source", "com.example.orders");
        assertEquals("\"any:com.example.orders\"", invoke(event));
    }

    /** Schedules are adapter-eventbridge-scheduled's; without that jar they are ordinary EventBridge events. */
    @Test
    void withoutTheScheduledAdapterAScheduleIsAnOrdinaryEventBridgeEvent() {
        assertEquals("\"aws:aws.events\"", invoke(Fixtures.event("scheduled_event.json")));
    }

    @Test
    void aBrokenEventFailsTheInvocationNamingTheField() {
        ObjectNode event = Fixtures.event("eventbridge_event.json");
        event.remove("id");
        RuntimeException e = assertThrows(RuntimeException.class, () -> invoke(event));
        assertTrue(e.getMessage().contains("The EventBridge event is malformed: id is missing"), e.getMessage());
    }
}
