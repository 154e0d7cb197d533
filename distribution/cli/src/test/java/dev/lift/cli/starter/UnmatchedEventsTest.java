package dev.lift.cli.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import dev.lift.events.DynamoDbStreamRecord;
import dev.lift.events.EventBridgeEvent;
import dev.lift.events.KinesisRecord;
import dev.lift.events.S3Notification;
import dev.lift.events.ScheduledEvent;
import dev.lift.events.SnsMessage;
import dev.lift.events.SqsMessage;
import dev.lift.events.WebSocketMessage;
import dev.lift.plugins.alb.AlbAdapter;
import dev.lift.plugins.apigatewayv1.ApiGatewayV1Adapter;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.dynamodb.DynamoDbStreamsAdapter;
import dev.lift.plugins.eventbridge.EventBridgeAdapter;
import dev.lift.plugins.kinesis.KinesisAdapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.s3.S3Adapter;
import dev.lift.plugins.scheduled.ScheduledEventAdapter;
import dev.lift.plugins.sns.SnsAdapter;
import dev.lift.plugins.sqs.SqsAdapter;
import dev.lift.plugins.websocket.WebSocketAdapter;
import dev.lift.test.LiftTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one rule for an event no handler matches, for every source (README, "Starting a project"):
 * front doors that answer a client (HTTP APIs, ALB, WebSocket) answer 404; sources with partial
 * batch responses (SQS, Kinesis, DynamoDB Streams) report the unmatched records in
 * batchItemFailures and process the others; the rest (SNS, S3, EventBridge, schedules) fail the
 * invocation, so Lambda retries it and then hands it to the failure destination. Each message
 * names the field the selectors looked at.
 */
class UnmatchedEventsTest {

    private LiftTestKit kit;

    @BeforeEach
    void boot() {
        kit = LiftTestKit.withPlugins(new WebSocketAdapter(), new ApiGatewayV2Adapter(), new ApiGatewayV1Adapter(),
                new AlbAdapter(), new SqsAdapter(), new SnsAdapter(), new S3Adapter(), new EventBridgeAdapter(),
                new ScheduledEventAdapter(), new DynamoDbStreamsAdapter(), new KinesisAdapter(),
                new ProblemDetailsErrorStrategy(), EventsParametersTest.app(r -> {
                    r.get("/known", (req, ctx) -> "ok");
                    r.onEvent(WebSocketMessage.route("known"), (m, c) -> "ok");
                    r.onRecord(SqsMessage.queue("known"), (m, c) -> { });
                    r.onRecord(SnsMessage.topic("known"), (m, c) -> { });
                    r.onRecord(S3Notification.bucket("known"), (m, c) -> { });
                    r.onRecord(DynamoDbStreamRecord.table("known"), (m, c) -> { });
                    r.onRecord(KinesisRecord.stream("known"), (m, c) -> { });
                    r.onEvent(EventBridgeEvent.matching("known", "Known"), (e, c) -> "ok");
                    r.onEvent(ScheduledEvent.rule("known"), (e, c) -> "ok");
                }));
    }

    @AfterEach
    void close() {
        kit.close();
    }

    private static String event(String... args) {
        EventsParametersTest.Run r = EventsParametersTest.lift(args);
        assertEquals(0, r.exitCode(), r.err());
        return r.out();
    }

    private JsonNode invoke(String event) {
        return kit.invoke(event).json();
    }

    @Test
    void httpFrontDoorsAnswer404() {
        for (String type : new String[] {"apigw-v2", "apigw-v1", "alb"}) {
            kit.invoke(event("events", type, "--method", "GET", "--path", "/unknown")).http().assertStatus(404);
        }
    }

    @Test
    void anUnmatchedWebSocketRouteIsA404NamingTheRouteKey() throws Exception {
        JsonNode answer = invoke(event("events", "websocket", "--route-key", "sendMessage", "--body", "{}"));
        assertEquals(404, answer.path("statusCode").asInt(), answer.toString());
        JsonNode problem = Json.mapper().readTree(answer.path("body").asText());
        assertEquals("No handler matches WebSocket MESSAGE on route sendMessage", problem.path("detail").asText(),
                answer.toString());
    }

    @Test
    void batchSourcesWithPartialResponsesReportTheUnmatchedRecords() throws Exception {
        assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"d9144555-9a4f-4ec3-99a0-34ce359b4b54\"}]}",
                invoke(event("events", "sqs", "--queue", "orders")).toString());
        JsonNode kinesis = invoke(event("events", "kinesis", "--stream", "clicks"));
        assertEquals("49545115243490985018280067714973144582180062593244200961",
                kinesis.path("batchItemFailures").path(0).path("itemIdentifier").asText(), kinesis.toString());
        JsonNode dynamo = invoke(event("events", "dynamodb", "--table", "Orders"));
        assertEquals(3, dynamo.path("batchItemFailures").size(), dynamo.toString());
    }

    @Test
    void otherSourcesFailTheInvocationNamingWhatTheSelectorsLookAt() {
        assertTrue(fails(event("events", "sns", "--topic", "alerts")).contains("of topic arn:aws:sns:eu-central-1:123456789012:alerts"));
        assertTrue(fails(event("events", "s3", "--bucket", "uploads")).contains("of bucket uploads key "));
        assertTrue(fails(event("events", "eventbridge", "--source", "com.acme", "--detail-type", "Order Placed"))
                .contains("from com.acme (detail-type Order Placed)"));
        assertTrue(fails(event("events", "scheduled", "--rule", "nightly")).contains("of rule arn:aws:events:eu-central-1:123456789012:rule/nightly"));
    }

    private String fails(String event) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> kit.invoke(event));
        assertTrue(e.getMessage().startsWith("No handler matches "), e.getMessage());
        return e.getMessage();
    }
}
