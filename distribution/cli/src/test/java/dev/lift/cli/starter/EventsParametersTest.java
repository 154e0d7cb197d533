package dev.lift.cli.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.HttpRequest;
import dev.lift.api.LiftApplication;
import dev.lift.api.LiftPlugin;
import dev.lift.api.Routes;
import dev.lift.cli.LiftCli;
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
import dev.lift.plugins.s3.S3Adapter;
import dev.lift.plugins.scheduled.ScheduledEventAdapter;
import dev.lift.plugins.sns.SnsAdapter;
import dev.lift.plugins.sqs.SqsAdapter;
import dev.lift.plugins.websocket.WebSocketAdapter;
import dev.lift.test.LiftTestKit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@code lift events TYPE --option value}: the event printed is decoded by the real adapter,
 * through the test kit, into exactly the values given, and the handler selected by those values
 * receives it.
 */
class EventsParametersTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run lift(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LiftCli.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** An application whose routes put what they receive into {@code seen}. */
    static LiftApplication app(Consumer<Routes> configure) {
        return new LiftApplication() {
            @Override
            public String id() {
                return "capture";
            }

            @Override
            public void configure(Routes routes) {
                configure.accept(routes);
            }
        };
    }

    private static String event(String... args) {
        Run r = lift(args);
        assertEquals(0, r.exitCode(), r.err());
        return r.out();
    }

    private static void invoke(String event, LiftPlugin adapter, LiftApplication app) {
        try (LiftTestKit kit = LiftTestKit.withPlugins(adapter, app)) {
            kit.invoke(event);
        }
    }

    private static void assertHttp(String type, LiftPlugin adapter) {
        Queue<HttpRequest> seen = new ConcurrentLinkedQueue<>();
        String event = event("events", type, "--method", "put", "--path", "/orders/42?expand=lines&tag=a%20b",
                "--header", "X-Tenant=acme", "--header", "content-type=application/json", "--body", "{\"qty\":3}");
        try (LiftTestKit kit = LiftTestKit.withPlugins(adapter, app(routes -> routes.put("/orders/{id}", (req, ctx) -> {
            seen.add(req);
            return Map.of("ok", true);
        })))) {
            kit.invoke(event).http().assertStatus(200);
        }
        assertEquals(1, seen.size(), type);
        HttpRequest req = seen.peek();
        assertEquals("PUT", req.method(), type);
        assertEquals("/orders/42", req.path(), type);
        assertEquals("lines", req.queryParam("expand").orElse(null), type);
        assertEquals("a b", req.queryParam("tag").orElse(null), type);
        assertEquals("acme", req.header("x-tenant").orElse(null), type);
        assertEquals("application/json", req.header("Content-Type").orElse(null), type);
        assertEquals("{\"qty\":3}", req.bodyText(), type);
    }

    @Test
    void httpApiRequestsCarryTheGivenMethodPathQueryHeadersAndBody() {
        assertHttp("apigw-v2", new ApiGatewayV2Adapter());
    }

    @Test
    void restApiRequestsCarryTheGivenMethodPathQueryHeadersAndBody() {
        assertHttp("apigw-v1", new ApiGatewayV1Adapter());
    }

    @Test
    void albRequestsCarryTheGivenMethodPathQueryHeadersAndBody() {
        assertHttp("alb", new AlbAdapter());
    }

    @Test
    void webSocketMessagesGoToTheGivenRouteKey() {
        Queue<WebSocketMessage> seen = new ConcurrentLinkedQueue<>();
        invoke(event("events", "websocket", "--route-key", "sendMessage", "--body", "{\"text\":\"hi\"}"),
                new WebSocketAdapter(), app(r -> r.onEvent(WebSocketMessage.route("sendMessage"), (m, c) -> seen.add(m))));
        assertEquals(1, seen.size());
        assertEquals("sendMessage", seen.peek().routeKey());
        assertEquals(WebSocketMessage.EventType.MESSAGE, seen.peek().eventType());
        assertEquals("{\"text\":\"hi\"}", seen.peek().body());
    }

    @Test
    void sqsRecordsComeFromTheGivenQueueWithTheGivenBody() {
        Queue<SqsMessage> seen = new ConcurrentLinkedQueue<>();
        invoke(event("events", "sqs", "--queue", "orders", "--body", "{\"id\":7}"),
                new SqsAdapter(), app(r -> r.onRecord(SqsMessage.queue("orders"), (m, c) -> seen.add(m))));
        assertEquals(1, seen.size());
        assertEquals("orders", seen.peek().queueName());
        assertEquals("arn:aws:sqs:eu-central-1:123456789012:orders", seen.peek().eventSourceArn());
        assertEquals("{\"id\":7}", seen.peek().body());
    }

    @Test
    void snsMessagesComeFromTheGivenTopic() {
        Queue<SnsMessage> seen = new ConcurrentLinkedQueue<>();
        invoke(event("events", "sns", "--topic", "alerts", "--body", "disk full"),
                new SnsAdapter(), app(r -> r.onRecord(SnsMessage.topic("alerts"), (m, c) -> seen.add(m))));
        assertEquals(1, seen.size());
        assertEquals("alerts", seen.peek().topicName());
        assertEquals("disk full", seen.peek().message());
    }

    @Test
    void s3NotificationsNameTheGivenBucketAndKeyDecodedOnce() {
        Queue<S3Notification> seen = new ConcurrentLinkedQueue<>();
        invoke(event("events", "s3", "--bucket", "uploads", "--key", "in/My Photo+1%.jpg"),
                new S3Adapter(), app(r -> r.onRecord(S3Notification.bucket("uploads"), (n, c) -> seen.add(n))));
        assertEquals(1, seen.size());
        assertEquals("uploads", seen.peek().bucket());
        assertEquals("in/My Photo+1%.jpg", seen.peek().key());
    }

    @Test
    void eventBridgeEventsCarryTheGivenSourceDetailTypeAndDetail() {
        Queue<EventBridgeEvent> seen = new ConcurrentLinkedQueue<>();
        invoke(event("events", "eventbridge", "--source", "com.acme.orders", "--detail-type", "Order Placed",
                        "--detail", "{\"orderId\":\"42\"}"),
                new EventBridgeAdapter(), app(r -> r.onEvent(EventBridgeEvent.matching("com.acme.orders", "Order Placed"),
                        (e, c) -> seen.add(e))));
        assertEquals(1, seen.size());
        assertEquals("com.acme.orders", seen.peek().source());
        assertEquals("Order Placed", seen.peek().detailType());
        assertEquals("42", seen.peek().detail().path("orderId").asText());
    }

    @Test
    void scheduledEventsComeFromTheGivenRule() {
        Queue<ScheduledEvent> seen = new ConcurrentLinkedQueue<>();
        invoke(event("events", "scheduled", "--rule", "nightly-report"),
                new ScheduledEventAdapter(), app(r -> r.onEvent(ScheduledEvent.rule("nightly-report"), (e, c) -> seen.add(e))));
        assertEquals(1, seen.size());
        assertEquals("arn:aws:events:eu-central-1:123456789012:rule/nightly-report", seen.peek().ruleArn());
    }

    @Test
    void dynamoDbRecordsComeFromTheGivenTable() {
        Queue<DynamoDbStreamRecord> seen = new ConcurrentLinkedQueue<>();
        invoke(event("events", "dynamodb", "--table", "Orders"),
                new DynamoDbStreamsAdapter(), app(r -> r.onRecord(DynamoDbStreamRecord.table("Orders"), (m, c) -> seen.add(m))));
        assertEquals(3, seen.size()); // the sample has three records
        List<String> tables = new ArrayList<>();
        seen.forEach(rec -> tables.add(rec.tableName()));
        assertEquals(List.of("Orders", "Orders", "Orders"), tables);
    }

    @Test
    void kinesisRecordsComeFromTheGivenStreamWithTheGivenData() {
        Queue<KinesisRecord> seen = new ConcurrentLinkedQueue<>();
        invoke(event("events", "kinesis", "--stream", "clicks", "--body", "{\"page\":\"/\"}"),
                new KinesisAdapter(), app(r -> r.onRecord(KinesisRecord.stream("clicks"), (m, c) -> seen.add(m))));
        assertEquals(1, seen.size());
        assertEquals("clicks", seen.peek().streamName());
        assertEquals("{\"page\":\"/\"}", seen.peek().dataAsText());
    }

    @Test
    void withoutOptionsTheSampleIsPrintedAsAwsWroteIt() throws Exception {
        String printed = event("events", "sqs");
        try (var in = LiftCli.class.getResourceAsStream("events/sqs_event.json")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip(), printed.strip());
        }
    }

    @Test
    void anOptionOfAnotherTypeIsAUsageErrorNamingWhatTheTypeTakes() {
        Run r = lift("events", "sqs", "--bucket", "uploads");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Option --bucket does not apply to sqs events; they take --body, --queue"), r.err());
    }

    @Test
    void aHeaderWithoutValueAndADetailThatIsNotAnObjectAreUsageErrors() {
        Run h = lift("events", "apigw-v2", "--header", "x-tenant");
        assertEquals(2, h.exitCode());
        assertTrue(h.err().contains("--header takes NAME=VALUE"), h.err());
        Run d = lift("events", "eventbridge", "--detail", "[1,2]");
        assertEquals(2, d.exitCode());
        assertTrue(d.err().contains("--detail must be a JSON object"), d.err());
    }
}
