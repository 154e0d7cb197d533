package dev.lift.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.kernel.LiftBootException;
import dev.lift.plugins.alb.AlbAdapter;
import dev.lift.plugins.apigatewayv1.ApiGatewayV1Adapter;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.dynamodb.DynamoDbStreamsAdapter;
import dev.lift.plugins.eventbridge.EventBridgeAdapter;
import dev.lift.plugins.scheduled.ScheduledEventAdapter;
import dev.lift.plugins.kinesis.KinesisAdapter;
import dev.lift.plugins.s3.S3Adapter;
import dev.lift.plugins.sns.SnsAdapter;
import dev.lift.plugins.sqs.SqsAdapter;
import dev.lift.plugins.websocket.WebSocketAdapter;
import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The kit boots exactly the named plugins, and its builders make events the real adapters accept. */
class LiftTestKitTest {

    private KitApp app;
    private LiftTestKit kit;

    @BeforeEach
    void boot() {
        app = new KitApp();
        kit = LiftTestKit.withPlugins(new ApiGatewayV2Adapter(), new ApiGatewayV1Adapter(), new AlbAdapter(),
                new WebSocketAdapter(), new SqsAdapter(), new SnsAdapter(), new S3Adapter(),
                new EventBridgeAdapter(), new ScheduledEventAdapter(), new KinesisAdapter(), new DynamoDbStreamsAdapter(),
                app);
    }

    @AfterEach
    void close() {
        kit.close();
    }

    @Test
    void httpRequestsReachTheRouteAndResponsesCanBeAsserted() {
        HttpResult r = kit.invoke(Events.http("GET", "/greet/ada").query("q", "x y")).http()
                .assertStatus(200)
                .assertHeader("x-trace", "t-1")
                .assertHeader("Content-Type", "application/json")
                .assertJsonBody("{\"q\":\"x y\",\"hello\":\"ada\"}");
        assertEquals(List.of("seen=1"), r.cookies());
    }

    @Test
    void restApiAndAlbRequestsReachTheSameRoutes() {
        kit.invoke(Events.restApi("GET", "/greet/rest").query("q", "a b")).http().assertStatus(200)
                .assertJsonBody("{\"hello\":\"rest\",\"q\":\"a b\"}");
        HttpResult alb = kit.invoke(Events.alb("GET", "/greet/alb").query("q", "a b")).http().assertStatus(200)
                .assertJsonBody("{\"hello\":\"alb\",\"q\":\"a b\"}");
        assertEquals("200 OK", alb.raw().path("statusDescription").asText());
        HttpResult multi = kit.invoke(Events.alb("GET", "/greet/multi").multiValue()).http().assertStatus(200);
        assertTrue(multi.raw().has("multiValueHeaders"), multi.raw().toString());
    }

    @Test
    void webSocketRoutesAnswerConnectAndMessages() {
        kit.invoke(Events.webSocket("$connect").query("token", "t")).assertJson("{\"statusCode\":200}");
        kit.invoke(Events.webSocket("$connect")).http().assertStatus(401);
        kit.invoke(Events.webSocket("say").body("hi")).assertJson("{\"statusCode\":200,\"body\":\"you said hi\"}");
    }

    @Test
    void binaryBodiesRoundTripThroughBase64() {
        byte[] bytes = {0, 1, 2, (byte) 0xff, (byte) 0xfe};
        HttpResult r = kit.invoke(Events.http("POST", "/echo").body(bytes, "application/octet-stream")).http();
        assertTrue(r.raw().path("isBase64Encoded").asBoolean());
        assertEquals(List.of(0, 1, 2, 255, 254), toList(r.body()));
    }

    private static List<Integer> toList(byte[] b) {
        Integer[] out = new Integer[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xff;
        }
        return List.of(out);
    }

    @Test
    void assertionsFailWithWhatWasExpectedAndWhatCame() {
        HttpResult r = kit.invoke(Events.http("GET", "/teapot")).http();
        AssertionFailedError status = assertThrows(AssertionFailedError.class, () -> r.assertStatus(200));
        assertTrue(status.getMessage().startsWith("Expected status 200 but was 418"), status.getMessage());
        AssertionFailedError header = assertThrows(AssertionFailedError.class, () -> r.assertHeader("x-nope", "1"));
        assertEquals("Expected header x-nope: 1 but was absent", header.getMessage());
        assertThrows(AssertionFailedError.class, () -> r.assertJsonBody("{\"status\":500}"));
        assertThrows(AssertionFailedError.class, () -> kit.invoke(Events.http("GET", "/teapot")).batch());
    }

    @Test
    void sqsFailuresAreReportedPerMessage() {
        kit.invoke(Events.sqs("orders").message("m-1", "ok").message("m-2", "fail now").message("m-3", "ok too"))
                .batch().assertFailed("m-2");
        assertEquals(List.of("sqs:ok", "sqs:ok too"), app.seen);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> kit.invoke(Events.sqs("orders").message("m-9", "fail")).batch().assertAllSucceeded());
        assertEquals("Expected every record to succeed, but these failed: [m-9]", e.getMessage());
    }

    @Test
    void kinesisFailuresAreReportedBySequenceNumber() {
        kit.invoke(Events.kinesis("clicks").record("a").record("bad")).batch()
                .assertFailed(KinesisEventBuilder.sequenceNumber(2));
        assertEquals(List.of("kinesis:a"), app.seen);
    }

    @Test
    void dynamoDbSnsAndS3RecordsReachTheirHandlers() {
        kit.invoke(Events.dynamoDb("Todos").insert(Map.of("Id", 1), Map.of("Id", 1, "Title", "x"))
                .remove(Map.of("Id", 2), Map.of("Id", 2))).batch().assertAllSucceeded();
        kit.invoke(Events.sns("alerts").message("disk full"));
        kit.invoke(Events.s3("uploads").objectCreated("in/a b.csv", 3));
        assertEquals(List.of("ddb:INSERT:1", "ddb:REMOVE:2", "sns:disk full", "s3:in/a b.csv"), app.seen);
    }

    @Test
    void eventBridgeAndScheduledEventsReturnTheHandlersResult() {
        kit.invoke(Events.eventBridge("com.example", "Thing Happened").detail("{\"n\":42}")).assertJson("{\"got\":42}");
        kit.invoke(Events.scheduled("nightly")).assertJson("{\"rule\":\"nightly\"}");
    }

    @Test
    void anEventNoAdapterKnowsFailsTheInvocation() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> kit.invoke("{\"hello\":1}"));
        assertTrue(e.getMessage().startsWith("No installed adapter recognises this event (a JSON object with 1 top-level field(s))"),
                e.getMessage());
    }

    @Test
    void bootFailuresSurfaceAsTheKernelReportsThem() {
        LiftApplication broken = new LiftApplication() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public void configure(Routes routes) {
                throw new IllegalStateException("no database");
            }
        };
        LiftBootException e = assertThrows(LiftBootException.class, () -> LiftTestKit.withPlugins(broken));
        assertTrue(e.getMessage().contains("no database"), e.getMessage());
    }
}
