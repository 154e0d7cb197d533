package dev.lift.reliability.fuzz;

import dev.lift.plugins.alb.AlbAdapter;
import dev.lift.plugins.apigatewayv1.ApiGatewayV1Adapter;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.plugins.awsevents.AwsEventsConverter;
import dev.lift.plugins.dynamodb.DynamoDbStreamsAdapter;
import dev.lift.plugins.eventbridge.EventBridgeAdapter;
import dev.lift.plugins.kinesis.KinesisAdapter;
import dev.lift.plugins.problem.ProblemDetailsErrorStrategy;
import dev.lift.plugins.problem.RecordFailurePolicy;
import dev.lift.plugins.s3.S3Adapter;
import dev.lift.plugins.scheduled.ScheduledEventAdapter;
import dev.lift.plugins.sns.SnsAdapter;
import dev.lift.plugins.sqs.SqsAdapter;
import dev.lift.plugins.websocket.WebSocketAdapter;
import dev.lift.test.LiftTestKit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One kernel per JVM for the fuzz targets, booted by the test kit with what {@code lift.jar} ships
 * for event handling: every adapter, the AWS events converter, the problem-details error strategy
 * and the record failure policy, plus {@link FuzzApp}. Discovery is off so that the example
 * application's routes do not change what the router target expects.
 */
final class FuzzKernel {

    /** Lift logs each failed record and each 500; at fuzzing speed that is noise, and not what is checked. */
    private static final Logger LIFT_LOGS = Logger.getLogger("lift");

    static final FuzzApp APP = new FuzzApp();
    static final LiftTestKit KIT;

    static {
        LIFT_LOGS.setLevel(Level.OFF);
        KIT = LiftTestKit.builder()
                .plugin(new ApiGatewayV2Adapter())
                .plugin(new ApiGatewayV1Adapter())
                .plugin(new AlbAdapter())
                .plugin(new WebSocketAdapter())
                .plugin(new SqsAdapter())
                .plugin(new SnsAdapter())
                .plugin(new S3Adapter())
                .plugin(new EventBridgeAdapter())
                .plugin(new ScheduledEventAdapter())
                .plugin(new DynamoDbStreamsAdapter())
                .plugin(new KinesisAdapter())
                .plugin(new AwsEventsConverter())
                .plugin(new ProblemDetailsErrorStrategy())
                .plugin(new RecordFailurePolicy())
                .plugin(APP)
                .build();
    }

    private FuzzKernel() {
    }
}
