package dev.lift.plugins.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.spi.HttpResponse;
import dev.lift.spi.LiftApplication;
import dev.lift.spi.Routes;
import dev.lift.spi.events.WebSocketMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WebSocket events through a real kernel: routed by route key, answered in API Gateway's shape. */
class WebSocketKernelTest {

    static final class ChatApp implements LiftApplication {
        @Override
        public String id() {
            return "chat-app";
        }

        @Override
        public void configure(Routes routes) {
            routes.onEvent(WebSocketMessage.route("$connect"), (m, ctx) ->
                    m.queryParam("param1").isPresent()
                            ? HttpResponse.ok().header("Sec-WebSocket-Protocol", "chat")
                            : HttpResponse.status(401));
            routes.onEvent(WebSocketMessage.route("sendMessage"), (m, ctx) -> "echo " + m.body());
            routes.onEvent(WebSocketMessage.any(), (m, ctx) -> null);
        }
    }

    private final LiftKernel kernel = Lift.builder().discover(false)
            .plugin(new WebSocketAdapter()).plugin(new ChatApp()).build();

    @AfterEach
    void close() {
        kernel.close();
    }

    private String invoke(String event) {
        return new String(kernel.invoke(event.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void theSampleConnectEventIsAccepted() {
        String fixture = new String(Fixtures.bytes("apigw_websocket_event.json"), StandardCharsets.UTF_8);
        assertEquals("{\"statusCode\":200,\"headers\":{\"Sec-WebSocket-Protocol\":\"chat\"}}", invoke(fixture));
    }

    @Test
    void theMostSpecificRouteWinsAndOthersFallToAny() {
        assertEquals("{\"statusCode\":200,\"body\":\"echo hello\"}",
                invoke(WebSocketAdapterTest.message("sendMessage", "hello").toString()));
        assertEquals("{\"statusCode\":200}", invoke(WebSocketAdapterTest.message("$default", "other").toString()));
    }
}
