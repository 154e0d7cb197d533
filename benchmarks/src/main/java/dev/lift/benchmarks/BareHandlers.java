package dev.lift.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.kinesis.Record;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.joda.time.DateTime;

/**
 * The bare handlers every benchmark is measured beside: each does only the unavoidable work of a Lambda
 * function written without a framework — Jackson reads the event bytes into the aws-lambda-java-events type,
 * the same per-record work as the Lift side runs, the same response is built and written with the same mapper.
 */
final class BareHandlers {

    /**
     * What a bare handler needs to read Lambda's JSON into those classes (they carry no Jackson annotations):
     * case-insensitive names ({@code Records}, {@code eventSourceARN}), epoch-second dates for Kinesis and
     * DynamoDB, ISO dates into joda {@code DateTime}, {@code detail-type}; unknown fields ignored.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            .addModule(new SimpleModule("bare-joda").addDeserializer(DateTime.class, new JsonDeserializer<>() {
                @Override
                public DateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    return DateTime.parse(p.getText());
                }
            }))
            .addMixIn(Record.class, KinesisMixIn.class)
            .addMixIn(StreamRecord.class, DynamodbMixIn.class)
            .addMixIn(ScheduledEvent.class, ScheduledMixIn.class)
            .build();

    static final String TEXT = "text/plain; charset=utf-8";

    private BareHandlers() {
    }

    /** The per-record work both sides do: look at one field, so that reading it is paid for. */
    static void touch(Object field) {
        if (field == null) {
            throw new IllegalStateException("a sample record without the field the handler reads");
        }
    }

    static byte[] apiGatewayV1(byte[] event) throws IOException {
        APIGatewayProxyRequestEvent in = MAPPER.readValue(event, APIGatewayProxyRequestEvent.class);
        APIGatewayProxyResponseEvent out = new APIGatewayProxyResponseEvent();
        out.setStatusCode(200);
        out.setHeaders(Map.of("Content-Type", TEXT));
        out.setBody(in.getBody());
        out.setIsBase64Encoded(false);
        return MAPPER.writeValueAsBytes(out);
    }

    static byte[] apiGatewayV2(byte[] event) throws IOException {
        APIGatewayV2HTTPEvent in = MAPPER.readValue(event, APIGatewayV2HTTPEvent.class);
        APIGatewayV2HTTPResponse out = new APIGatewayV2HTTPResponse();
        out.setStatusCode(200);
        out.setHeaders(Map.of("Content-Type", TEXT));
        out.setBody(in.getBody());
        return MAPPER.writeValueAsBytes(out);
    }

    static byte[] alb(byte[] event) throws IOException {
        ApplicationLoadBalancerRequestEvent in = MAPPER.readValue(event, ApplicationLoadBalancerRequestEvent.class);
        ApplicationLoadBalancerResponseEvent out = new ApplicationLoadBalancerResponseEvent();
        out.setStatusCode(200);
        out.setStatusDescription("200 OK");
        out.setHeaders(Map.of("Content-Type", TEXT));
        out.setBody(in.getBody());
        out.setIsBase64Encoded(false);
        return MAPPER.writeValueAsBytes(out);
    }

    static byte[] sqs(byte[] event) throws IOException {
        SQSEvent in = MAPPER.readValue(event, SQSEvent.class);
        for (SQSEvent.SQSMessage m : in.getRecords()) {
            touch(m.getBody());
        }
        return MAPPER.writeValueAsBytes(new SQSBatchResponse(List.of()));
    }

    /**
     * As {@link #sqs}, with the records run on {@code pool} when it is not null (one task each, all awaited):
     * what a bare handler would write to use more than one core.
     */
    static byte[] sqs(byte[] event, ExecutorService pool) throws IOException {
        if (pool == null) {
            return sqs(event);
        }
        SQSEvent in = MAPPER.readValue(event, SQSEvent.class);
        List<Callable<Object>> tasks = new ArrayList<>(in.getRecords().size());
        for (SQSEvent.SQSMessage m : in.getRecords()) {
            tasks.add(() -> {
                touch(m.getBody());
                return null;
            });
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try {
            List<Future<Object>> done = pool.invokeAll(tasks);
            for (int i = 0; i < done.size(); i++) {
                try {
                    done.get(i).get();
                } catch (ExecutionException e) {
                    failures.add(new SQSBatchResponse.BatchItemFailure(in.getRecords().get(i).getMessageId()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return MAPPER.writeValueAsBytes(new SQSBatchResponse(failures));
    }

    static byte[] s3(byte[] event) throws IOException {
        S3Event in = s3Event(MAPPER.readTree(event));
        for (S3EventNotificationRecord r : in.getRecords()) {
            touch(r.getS3().getObject().getKey());
        }
        return MAPPER.writeValueAsBytes(null);
    }

    /** S3's classes have no setters: a bare handler reads the tree and calls their constructors. */
    static S3Event s3Event(JsonNode tree) {
        List<S3EventNotificationRecord> records = new ArrayList<>();
        for (JsonNode r : tree.path("Records")) {
            JsonNode s3 = r.path("s3");
            JsonNode object = s3.path("object");
            S3Entity entity = new S3Entity(s3.path("configurationId").asText(null),
                    new S3BucketEntity(s3.path("bucket").path("name").asText(null), null,
                            s3.path("bucket").path("arn").asText(null)),
                    new S3ObjectEntity(object.path("key").asText(null), object.path("size").asLong(),
                            object.path("eTag").asText(null), object.path("versionId").asText(null),
                            object.path("sequencer").asText(null)),
                    s3.path("s3SchemaVersion").asText(null));
            records.add(new S3EventNotificationRecord(r.path("awsRegion").asText(null), r.path("eventName").asText(null),
                    r.path("eventSource").asText(null), r.path("eventTime").asText(null),
                    r.path("eventVersion").asText(null), null, null, entity, null));
        }
        return new S3Event(records);
    }

    static byte[] eventBridge(byte[] event) throws IOException {
        ScheduledEvent in = MAPPER.readValue(event, ScheduledEvent.class);
        touch(in.getDetailType());
        return MAPPER.writeValueAsBytes(null);
    }

    static byte[] dynamodb(byte[] event) throws IOException {
        DynamodbEvent in = MAPPER.readValue(event, DynamodbEvent.class);
        for (DynamodbEvent.DynamodbStreamRecord r : in.getRecords()) {
            touch(r.getEventID());
        }
        return MAPPER.writeValueAsBytes(new StreamsEventResponse(List.of()));
    }

    static byte[] kinesis(byte[] event) throws IOException {
        KinesisEvent in = MAPPER.readValue(event, KinesisEvent.class);
        for (KinesisEvent.KinesisEventRecord r : in.getRecords()) {
            touch(r.getKinesis().getSequenceNumber());
        }
        return MAPPER.writeValueAsBytes(new StreamsEventResponse(List.of()));
    }

    abstract static class KinesisMixIn {
        @JsonDeserialize(using = EpochSeconds.class)
        abstract void setApproximateArrivalTimestamp(Date date);
    }

    abstract static class DynamodbMixIn {
        @JsonDeserialize(using = EpochSeconds.class)
        abstract void setApproximateCreationDateTime(Date date);
    }

    abstract static class ScheduledMixIn {
        @JsonProperty("detail-type")
        abstract void setDetailType(String detailType);
    }

    /** Kinesis and DynamoDB Streams write dates as epoch seconds with a fraction. */
    static final class EpochSeconds extends JsonDeserializer<Date> {
        @Override
        public Date deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return new Date(new BigDecimal(p.getText()).movePointRight(3).longValue());
        }
    }
}
