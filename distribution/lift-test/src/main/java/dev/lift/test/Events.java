package dev.lift.test;

import dev.lift.api.Api;

/**
 * Builders for every kind of Lambda event Lift handles, producing the JSON that the real service
 * sends (field names, nesting, string-typed numbers, base64 where AWS uses it). Defaults are fixed
 * values (account {@code 123456789012}, region {@code us-east-1}, ids numbered from 1, a fixed
 * time) so that a test's expected output never changes between runs.
 *
 * <pre>{@code
 * kit.invoke(Events.http("POST", "/todos").json("{\"title\":\"Write tests\"}")).http()
 *    .assertStatus(201);
 * kit.invoke(Events.sqs("orders").message("m-1", "{}").message("m-2", "oops")).batch()
 *    .assertFailed("m-2");
 * }</pre>
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class Events {

    /** The default account of built events. */
    public static final String ACCOUNT = "123456789012";
    /** The default region of built events. */
    public static final String REGION = "us-east-1";

    /** The timestamp form S3 and SNS use: {@code 2025-01-01T00:00:00.000Z}. */
    static final java.time.format.DateTimeFormatter MILLIS =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private Events() {
    }

    /** An API Gateway HTTP API (payload format 2.0) request; also the shape of function URLs. */
    public static HttpApiEventBuilder http(String method, String path) {
        return new HttpApiEventBuilder(method, path);
    }

    /** An API Gateway REST API (payload format 1.0) proxy request. */
    public static RestApiEventBuilder restApi(String method, String path) {
        return new RestApiEventBuilder(method, path);
    }

    /** An Application Load Balancer request to a Lambda target. */
    public static AlbEventBuilder alb(String method, String path) {
        return new AlbEventBuilder(method, path);
    }

    /** An API Gateway WebSocket event on a route: {@code $connect}, {@code $disconnect}, or a message route. */
    public static WebSocketEventBuilder webSocket(String routeKey) {
        return new WebSocketEventBuilder(routeKey);
    }

    /** An SQS batch from the standard queue {@code queueName}. */
    public static SqsEventBuilder sqs(String queueName) {
        return new SqsEventBuilder(queueName, false);
    }

    /** An SQS batch from the FIFO queue {@code queueName} (the {@code .fifo} suffix is added if missing). */
    public static SqsEventBuilder sqsFifo(String queueName) {
        return new SqsEventBuilder(queueName.endsWith(".fifo") ? queueName : queueName + ".fifo", true);
    }

    /** SNS notifications from topic {@code topicName}. */
    public static SnsEventBuilder sns(String topicName) {
        return new SnsEventBuilder(topicName);
    }

    /** S3 event notifications for bucket {@code bucket}. */
    public static S3EventBuilder s3(String bucket) {
        return new S3EventBuilder(bucket);
    }

    /** An EventBridge event with this source and detail-type. */
    public static EventBridgeEventBuilder eventBridge(String source, String detailType) {
        return new EventBridgeEventBuilder(source, detailType);
    }

    /** The event an EventBridge schedule rule named {@code ruleName} sends. */
    public static EventBridgeEventBuilder scheduled(String ruleName) {
        return new EventBridgeEventBuilder("aws.events", "Scheduled Event").rule(ruleName);
    }

    /** DynamoDB Streams records of table {@code table}. */
    public static DynamoDbEventBuilder dynamoDb(String table) {
        return new DynamoDbEventBuilder(table);
    }

    /** Kinesis records of stream {@code stream}. */
    public static KinesisEventBuilder kinesis(String stream) {
        return new KinesisEventBuilder(stream);
    }
}
