package dev.lift.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.spi.LifecycleState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A static extension field boots one kernel for the class and hands it to parameters too. */
class LiftExtensionTest {

    @RegisterExtension
    static final LiftExtension LIFT = LiftExtension.withPlugins(new ApiGatewayV2Adapter(), new KitApp());

    private static LiftTestKit first;

    @Test
    void routesAnswerThroughTheExtension(LiftTestKit kit) {
        LIFT.invoke(Events.http("GET", "/greet/bob")).http().assertStatus(200).assertJsonBody("{\"hello\":\"bob\",\"q\":\"\"}");
        remember(kit);
    }

    @Test
    void theSameKernelServesEveryTestOfTheClass(LiftTestKit kit) {
        LIFT.invoke(Events.http("GET", "/nothing")).http().assertStatus(404);
        remember(kit);
    }

    private static synchronized void remember(LiftTestKit kit) {
        assertSame(LIFT.kit(), kit);
        if (first == null) {
            first = kit;
        }
        assertSame(first, kit);
        assertEquals(LifecycleState.READY, kit.kernel().state());
    }

    @AfterAll
    static void closedAfterTheClass() {
        // afterAll of the extension runs after this method, so the kernel is still up here.
        assertEquals(LifecycleState.READY, first.kernel().state());
    }
}
