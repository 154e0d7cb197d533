package dev.lift.plugins.awsevents;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.kinesis.Record;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.util.Date;
import org.joda.time.DateTime;

/**
 * The one mapper that reads Lambda events into aws-lambda-java-events types. Those classes carry no
 * Jackson annotations (the library does not depend on Jackson), so what Lambda's JSON needs beyond
 * plain bean setters is said here:
 * <ul>
 *   <li>property names are matched regardless of case: Lambda writes {@code Records}, {@code Sns},
 *       {@code TopicArn}, {@code eventSourceARN}, DynamoDB's {@code Keys}, {@code S}, {@code NULL},
 *       while the setters are {@code setRecords}, {@code setSns}, {@code setEventSourceArn}, {@code setS};</li>
 *   <li>{@code java.util.Date} fields are epoch seconds with a fraction (Kinesis, DynamoDB Streams),
 *       not Jackson's default epoch milliseconds;</li>
 *   <li>joda {@code DateTime} fields are ISO-8601 text, parsed as the library itself parses S3's
 *       {@code eventTime} ({@link DateTime#parse(String)}: the offset in the text is kept);</li>
 *   <li>{@code detail-type} of EventBridge events has a dash;</li>
 *   <li>base64 text into {@code ByteBuffer} is Jackson's own handling.</li>
 * </ul>
 * Unknown properties are ignored, because AWS adds fields to its events; an unknown enum constant
 * (DynamoDB's {@code StreamViewType}) reads as null instead of failing the whole event.
 */
final class LambdaEventsMapper {

    private LambdaEventsMapper() {
    }

    static ObjectMapper create() {
        SimpleModule joda = new SimpleModule("lift-events-aws-joda");
        joda.addDeserializer(DateTime.class, new IsoDateTimeDeserializer());
        return JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                .addModule(joda)
                .addMixIn(Record.class, KinesisRecordMixIn.class)
                .addMixIn(StreamRecord.class, DynamodbStreamRecordMixIn.class)
                .addMixIn(ScheduledEvent.class, ScheduledEventMixIn.class)
                .build();
    }

    abstract static class KinesisRecordMixIn {
        @JsonDeserialize(using = EpochSecondsDateDeserializer.class)
        abstract void setApproximateArrivalTimestamp(Date date);
    }

    abstract static class DynamodbStreamRecordMixIn {
        @JsonDeserialize(using = EpochSecondsDateDeserializer.class)
        abstract void setApproximateCreationDateTime(Date date);
    }

    abstract static class ScheduledEventMixIn {
        @JsonProperty("detail-type")
        abstract void setDetailType(String detailType);
    }
}
