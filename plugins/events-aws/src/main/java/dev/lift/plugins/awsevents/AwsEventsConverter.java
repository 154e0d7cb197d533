package dev.lift.plugins.awsevents;

import dev.lift.api.SpiVersion;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.api.Api;
import dev.lift.spi.EventConverter;
import java.util.Objects;
import java.util.Set;

/**
 * Hands handlers the raw Lambda event as the standard {@code aws-lambda-java-events} types, the ones
 * Powertools utilities and most Lambda libraries are written against: {@link APIGatewayV2HTTPEvent}
 * (HTTP API and function URLs), {@link APIGatewayProxyRequestEvent} (REST API),
 * {@link ApplicationLoadBalancerRequestEvent}, {@link APIGatewayV2WebSocketEvent}, {@link SQSEvent},
 * {@link SNSEvent}, {@link S3Event} (also asked for as {@link S3EventNotification}),
 * {@link ScheduledEvent} (any EventBridge event), {@link DynamodbEvent} and {@link KinesisEvent}.
 *
 * <p>Fields are read the way Lambda writes them: property names regardless of case ({@code Records},
 * {@code Sns}, {@code eventSourceARN}), base64 text into {@code ByteBuffer}s (Kinesis {@code data},
 * DynamoDB {@code B}/{@code BS}, SQS binary attributes), epoch seconds with a fraction into
 * {@code java.util.Date} (Kinesis {@code approximateArrivalTimestamp}, DynamoDB
 * {@code ApproximateCreationDateTime}) and ISO-8601 text into joda {@code DateTime} (SNS
 * {@code Timestamp}, S3 {@code eventTime}, EventBridge {@code time}). Unknown fields are ignored.
 *
 * <p>The Jackson mapper is built on the first conversion, not at boot, so a function that never asks
 * for these types pays nothing for them. Stateless apart from that mapper; thread-safe.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class AwsEventsConverter implements EventConverter {

    private volatile ObjectMapper mapper;

    @Override
    public String id() {
        return "events-aws";
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    /** Exactly the event types listed above; for any other type, including their supertypes, no. */
    @Override
    public boolean canConvert(Class<?> type) {
        return Supported.TYPES.contains(type);
    }

    /**
     * @throws IllegalArgumentException naming the type and the field when the event does not have the
     *     shape of {@code type}, for example when {@code Records} is not an array, or when this converter
     *     does not produce {@code type}
     */
    @Override
    public <T> T convert(JsonNode rawEvent, Class<T> type) {
        Objects.requireNonNull(rawEvent, "rawEvent");
        Objects.requireNonNull(type, "type");
        if (!canConvert(type)) {
            throw new IllegalArgumentException(id() + " does not convert events to " + type.getName());
        }
        if (!rawEvent.isObject()) {
            throw new IllegalArgumentException("The event cannot be read as " + type.getName()
                    + ": it is " + rawEvent.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not an object");
        }
        Object converted;
        if (type == S3Event.class || type == S3EventNotification.class) {
            converted = S3EventReader.read(rawEvent);
        } else {
            try {
                converted = mapper().treeToValue(rawEvent, type);
            } catch (JsonMappingException e) {
                throw new IllegalArgumentException("The event cannot be read as " + type.getName() + ": "
                        + e.getOriginalMessage() + " (at " + path(e) + ")", e);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new IllegalArgumentException("The event cannot be read as " + type.getName() + ": " + e.getMessage(), e);
            }
        }
        return type.cast(converted);
    }

    /** Whether the mapper has been built; package-private for the test that boot stays cheap. */
    boolean mapperBuilt() {
        return mapper != null;
    }

    private ObjectMapper mapper() {
        ObjectMapper m = mapper;
        if (m == null) {
            synchronized (this) {
                m = mapper;
                if (m == null) {
                    m = LambdaEventsMapper.create();
                    mapper = m;
                }
            }
        }
        return m;
    }

    /** {@code Records[0].body}, from Jackson's path of the failing field. */
    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.length() == 0 ? "the top level" : b.toString();
    }

    /** Loaded on the first {@code canConvert}, so that constructing the plugin loads no event classes. */
    private static final class Supported {
        static final Set<Class<?>> TYPES = Set.of(APIGatewayV2HTTPEvent.class, APIGatewayProxyRequestEvent.class,
                ApplicationLoadBalancerRequestEvent.class, APIGatewayV2WebSocketEvent.class, SQSEvent.class,
                SNSEvent.class, S3Event.class, S3EventNotification.class, ScheduledEvent.class, DynamodbEvent.class,
                KinesisEvent.class);
    }
}
