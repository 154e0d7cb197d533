package dev.lift.benchmarks;

import dev.lift.kernel.Lift;
import dev.lift.plugins.alb.AlbAdapter;
import dev.lift.plugins.apigatewayv1.ApiGatewayV1Adapter;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.dynamodb.DynamoDbStreamsAdapter;
import dev.lift.plugins.eventbridge.EventBridgeAdapter;
import dev.lift.plugins.kinesis.KinesisAdapter;
import dev.lift.plugins.s3.S3Adapter;
import dev.lift.plugins.sqs.SqsAdapter;
import dev.lift.spi.EventAdapter;
import java.io.IOException;
import java.util.Map;
import java.util.function.Supplier;

/** The event sources the suite dispatches, each with its sample event, its adapter and its bare handler. */
public enum EventSource {
    APIGW_V1("apigw_rest_event.json", ApiGatewayV1Adapter::new, BareHandlers::apiGatewayV1),
    APIGW_V2("apigw_http_event.json", ApiGatewayV2Adapter::new, BareHandlers::apiGatewayV2),
    ALB("elb_event.json", AlbAdapter::new, BareHandlers::alb),
    /** The sample message widened to 10 records. */
    SQS(null, SqsAdapter::new, BareHandlers::sqs),
    S3("s3_event.json", S3Adapter::new, BareHandlers::s3),
    EVENTBRIDGE("eventbridge_event.json", EventBridgeAdapter::new, BareHandlers::eventBridge),
    DYNAMODB("dynamodb_event.json", DynamoDbStreamsAdapter::new, BareHandlers::dynamodb),
    KINESIS("kinesis_event.json", KinesisAdapter::new, BareHandlers::kinesis);

    static final int SQS_RECORDS = 10;

    private final String file;
    private final Supplier<EventAdapter> adapter;
    private final Bare bare;

    EventSource(String file, Supplier<EventAdapter> adapter, Bare bare) {
        this.file = file;
        this.adapter = adapter;
        this.bare = bare;
    }

    byte[] event() {
        return file == null ? Fixtures.sqsEvent(SQS_RECORDS) : Fixtures.bytes(file);
    }

    EventAdapter adapter() {
        return adapter.get();
    }

    byte[] bare(byte[] event) throws IOException {
        return bare.handle(event);
    }

    /**
     * A kernel as {@code lift.jar} sees these events: every adapter of the suite present (detection runs
     * over all of them), {@link DispatchApplication}, no discovery, no environment.
     */
    static Lift.Builder kernelWithEveryAdapter() {
        Lift.Builder b = Lift.builder().discover(false).environment(Map.of()).plugin(new DispatchApplication());
        for (EventSource s : values()) {
            b.plugin(s.adapter());
        }
        return b;
    }

    @FunctionalInterface
    interface Bare {
        byte[] handle(byte[] event) throws IOException;
    }
}
