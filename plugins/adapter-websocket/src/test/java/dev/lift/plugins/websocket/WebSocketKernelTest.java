package dev.lift.plugins.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import dev.lift.events.WebSocketMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import dev.lift.plugins.testsupport.Fixtures;

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
            routes.onEvent(WebSocketMessage.route("order"), (m, ctx) -> "ordered " + m.bodyAs(Order.class).item());
            routes.onEvent(WebSocketMessage.route("crash"), (m, ctx) -> {
                throw new IllegalStateException("db password=hunter2 rejected");
            });
            routes.onEvent(WebSocketMessage.any(), (m, ctx) -> null);
        }
    }

    record Order(String item) {
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

    private String invoke(String event, String requestId) {
        return new String(kernel.invoke(event.getBytes(StandardCharsets.UTF_8), new LambdaRequest(requestId,
                System.currentTimeMillis() + 10_000, "arn:aws:lambda:us-east-1:123456789012:function:chat", null, "chat",
                "$LATEST", 512)), StandardCharsets.UTF_8);
    }

    @Test
    void aHandlerThatRejectsTheMessageAnswersTheClientWithTheProblemInsteadOfFailingTheInvocation() {
        assertEquals("{\"statusCode\":200,\"body\":\"ordered pen\"}",
                invoke(WebSocketAdapterTest.message("order", "{\"item\":\"pen\"}").toString(), "ws-1"));
        assertEquals("{\"statusCode\":400,\"headers\":{\"Content-Type\":\"application/json\"},"
                + "\"body\":\"{\\\"status\\\":400,\\\"error\\\":\\\"Bad Request\\\","
                + "\\\"detail\\\":\\\"The body of WebSocket message on route order is not valid JSON at line 1, column 9\\\","
                + "\\\"requestId\\\":\\\"ws-2\\\"}\"}",
                invoke(WebSocketAdapterTest.message("order", "{\"item\":").toString(), "ws-2"));
    }

    @Test
    void anUnexpectedFailureIsAGeneric500RouteResponseWithNothingOfTheException() {
        String response = invoke(WebSocketAdapterTest.message("crash", "x").toString(), "ws-3");
        assertEquals("{\"statusCode\":500,\"headers\":{\"Content-Type\":\"application/json\"},"
                + "\"body\":\"{\\\"status\\\":500,\\\"error\\\":\\\"Internal Server Error\\\","
                + "\\\"requestId\\\":\\\"ws-3\\\"}\"}", response);
        assertFalse(response.contains("hunter2") || response.contains("IllegalState"), response);
    }
}
