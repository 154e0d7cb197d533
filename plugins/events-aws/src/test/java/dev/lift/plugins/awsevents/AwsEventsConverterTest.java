package dev.lift.plugins.awsevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.plugins.testsupport.Fixtures;
import dev.lift.spi.EventConverter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The contract: identity, registration, which types, failures, and that the event is left alone. */
class AwsEventsConverterTest {

    private final AwsEventsConverter converter = new AwsEventsConverter();

    /** Every supported type with the real sample event of its kind. */
    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of(APIGatewayV2HTTPEvent.class, "apigw_http_event.json"),
                Arguments.of(APIGatewayProxyRequestEvent.class, "apigw_rest_event.json"),
                Arguments.of(ApplicationLoadBalancerRequestEvent.class, "elb_event.json"),
                Arguments.of(APIGatewayV2WebSocketEvent.class, "apigw_websocket_event.json"),
                Arguments.of(SQSEvent.class, "sqs_event.json"),
                Arguments.of(SNSEvent.class, "sns_event.json"),
                Arguments.of(S3Event.class, "s3_event.json"),
                Arguments.of(S3EventNotification.class, "s3_event.json"),
                Arguments.of(ScheduledEvent.class, "scheduled_event.json"),
                Arguments.of(DynamodbEvent.class, "dynamodb_event.json"),
                Arguments.of(KinesisEvent.class, "kinesis_event.json"));
    }

    @Test
    void identityAndRegistration() {
        assertEquals("events-aws", converter.id());
        assertEquals(0, converter.order());
        assertEquals(List.of(AwsEventsConverter.class),
                ServiceLoader.load(EventConverter.class).stream().map(ServiceLoader.Provider::type).toList());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void convertsEverySupportedTypeWithoutChangingTheEvent(Class<?> type, String fixture) {
        ObjectNode event = Fixtures.event(fixture);
        JsonNode before = event.deepCopy();

        Object converted = converter.convert(event, type);

        assertTrue(converter.canConvert(type));
        assertNotNull(converted);
        assertTrue(type.isInstance(converted));
        assertEquals(before, event, "the kernel's tree is shared; a converter never changes it");
    }

    @Test
    void canConvertOnlyTheSupportedTypes() {
        assertEquals(11, samples().count());
        for (Class<?> type : List.of(String.class, Object.class, JsonNode.class, Map.class, byte[].class,
                APIGatewayV2HTTPResponse.class, SQSEvent.SQSMessage.class, KinesisEvent.Record.class,
                DynamodbEvent.DynamodbStreamRecord.class, com.amazonaws.services.lambda.runtime.events.models.kinesis.Record.class)) {
            assertFalse(converter.canConvert(type), type.getName());
        }
    }

    @Test
    void anUnsupportedTypeIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> converter.convert(Fixtures.event("sqs_event.json"), String.class));

        assertEquals("events-aws does not convert events to java.lang.String", e.getMessage());
    }

    @Test
    void theMapperIsBuiltOnTheFirstConversionNotAtConstruction() {
        AwsEventsConverter fresh = new AwsEventsConverter();
        assertFalse(fresh.mapperBuilt());
        assertTrue(fresh.canConvert(SQSEvent.class));
        assertFalse(fresh.mapperBuilt(), "answering canConvert builds nothing");

        fresh.convert(Fixtures.event("sqs_event.json"), SQSEvent.class);

        assertTrue(fresh.mapperBuilt());
    }

    @Test
    void concurrentFirstConversionsShareOneTreeAndAgree() throws Exception {
        AwsEventsConverter fresh = new AwsEventsConverter();
        JsonNode event = Fixtures.event("kinesis_event.json");
        JsonNode before = event.deepCopy();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    ByteBuffer data = fresh.convert(event, KinesisEvent.class).getRecords().get(0).getKinesis().getData();
                    return StandardCharsets.UTF_8.decode(data).toString();
                }));
            }
            start.countDown();
            for (Future<String> r : results) {
                assertEquals("Hello, this is a test 123.", r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(before, event);
    }

    @ParameterizedTest
    @ValueSource(classes = {SQSEvent.class, SNSEvent.class, S3Event.class, DynamodbEvent.class, KinesisEvent.class})
    void recordsThatAreNotAnArrayFailNamingTheType(Class<?> type) {
        for (String json : List.of("{\"Records\":\"x\"}", "{\"Records\":{\"a\":1}}", "{\"Records\":5}")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> converter.convert(Fixtures.parse(json), type), json);
            assertTrue(e.getMessage().startsWith("The event cannot be read as " + type.getName() + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("Records") || e.getMessage().contains("records"), e.getMessage());
        }
    }

    @Test
    void brokenFieldsFailNamingTheTypeAndTheField() {
        ObjectNode kinesis = Fixtures.event("kinesis_event.json");
        ((ObjectNode) kinesis.path("Records").path(0).path("kinesis")).put("approximateArrivalTimestamp", "yesterday");
        ObjectNode sns = Fixtures.event("sns_event.json");
        ((ObjectNode) sns.path("Records").path(0).path("Sns")).put("Timestamp", "not a time");
        ObjectNode s3 = Fixtures.event("s3_event.json");
        ((ObjectNode) s3.path("Records").path(0)).put("eventTime", "not a time");
        ObjectNode s3Size = Fixtures.event("s3_event.json");
        ((ObjectNode) s3Size.path("Records").path(0).path("s3").path("object")).put("size", "big");
        ObjectNode http = Fixtures.event("apigw_http_event.json");
        http.putArray("headers").add("Header1");

        assertFailure(kinesis, KinesisEvent.class, "approximateArrivalTimestamp");
        assertFailure(sns, SNSEvent.class, "Timestamp");
        assertFailure(s3, S3Event.class, "Records[0].eventTime");
        assertFailure(s3Size, S3Event.class, "Records[0].s3.object.size");
        assertFailure(http, APIGatewayV2HTTPEvent.class, "headers");
    }

    @Test
    void anEventThatIsNotAnObjectFailsNamingTheType() {
        for (String json : List.of("[]", "\"text\"", "null", "42")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> converter.convert(Fixtures.parse(json), SQSEvent.class), json);
            assertTrue(e.getMessage().startsWith("The event cannot be read as " + SQSEvent.class.getName()), e.getMessage());
        }
    }

    @Test
    void anEventOfAnotherKindReadsAsAnEmptyShellNotAsAnError() {
        // Converters do not detect event kinds (adapters do); unknown fields are ignored by design.
        SQSEvent sqsFromHttp = converter.convert(Fixtures.event("apigw_http_event.json"), SQSEvent.class);
        S3Event s3FromHttp = converter.convert(Fixtures.event("apigw_http_event.json"), S3Event.class);

        assertNull(sqsFromHttp.getRecords());
        assertNull(s3FromHttp.getRecords(), "S3 is read by hand but answers like the others");
    }

    private void assertFailure(JsonNode event, Class<?> type, String field) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> converter.convert(event, type));
        assertTrue(e.getMessage().startsWith("The event cannot be read as " + type.getName() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(field), () -> "expected " + field + " in: " + e.getMessage());
    }
}
