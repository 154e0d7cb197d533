package dev.lift.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerRequestEvent;
import com.amazonaws.services.lambda.runtime.events.ApplicationLoadBalancerResponseEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.BatchResponse;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftEvent;
import dev.lift.spi.EventAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An adapter's two halves alone, from an already parsed event: {@code decode} is {@link EventAdapter#decode}
 * from the Jackson tree into Lift's event, {@code baselineDecode} Jackson binding the same tree into the
 * aws-lambda-java-events type; {@code encode} writes the handler's answer in the shape AWS expects,
 * {@code baselineEncode} writes the aws-lambda-java-events response with the same JSON generator setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AdapterBenchmark {

    @Param({"APIGW_V1", "APIGW_V2", "ALB", "SQS", "S3", "EVENTBRIDGE", "DYNAMODB", "KINESIS"})
    public EventSource source;

    private EventAdapter adapter;
    private JsonNode tree;
    private LiftEvent decoded;
    private Object result;
    private Class<?> awsType;
    private Object awsResponse;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);

    @Setup
    public void setUp() {
        adapter = source.adapter();
        tree = Fixtures.tree(source.event());
        decoded = adapter.decode(tree);
        String body = tree.path("body").asText(null);
        switch (source) {
            case APIGW_V1 -> {
                awsType = APIGatewayProxyRequestEvent.class;
                result = HttpResponse.text(body);
                APIGatewayProxyResponseEvent r = new APIGatewayProxyResponseEvent().withStatusCode(200)
                        .withHeaders(Map.of("Content-Type", BareHandlers.TEXT)).withBody(body).withIsBase64Encoded(false);
                awsResponse = r;
            }
            case APIGW_V2 -> {
                awsType = APIGatewayV2HTTPEvent.class;
                result = HttpResponse.text(body);
                awsResponse = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                        .withHeaders(Map.of("Content-Type", BareHandlers.TEXT)).withBody(body).build();
            }
            case ALB -> {
                awsType = ApplicationLoadBalancerRequestEvent.class;
                result = HttpResponse.text(body);
                ApplicationLoadBalancerResponseEvent r = new ApplicationLoadBalancerResponseEvent();
                r.setStatusCode(200);
                r.setStatusDescription("200 OK");
                r.setHeaders(Map.of("Content-Type", BareHandlers.TEXT));
                r.setBody(body);
                r.setIsBase64Encoded(false);
                awsResponse = r;
            }
            case SQS -> {
                awsType = SQSEvent.class;
                result = BatchResponse.allSucceeded();
                awsResponse = new SQSBatchResponse(List.of());
            }
            case S3 -> {
                awsType = null; // read by hand: the S3 classes have no setters
                result = BatchResponse.allSucceeded();
                awsResponse = null;
            }
            case EVENTBRIDGE -> {
                awsType = ScheduledEvent.class;
                result = null;
                awsResponse = null;
            }
            case DYNAMODB -> {
                awsType = DynamodbEvent.class;
                result = BatchResponse.allSucceeded();
                awsResponse = new StreamsEventResponse(List.of());
            }
            case KINESIS -> {
                awsType = KinesisEvent.class;
                result = BatchResponse.allSucceeded();
                awsResponse = new StreamsEventResponse(List.of());
            }
            default -> throw new IllegalStateException("no adapter case for " + source);
        }
    }

    @Benchmark
    public Object baselineDecode() throws IOException {
        return awsType == null ? BareHandlers.s3Event(tree) : BareHandlers.MAPPER.treeToValue(tree, awsType);
    }

    @Benchmark
    public LiftEvent decode() {
        return adapter.decode(tree);
    }

    @Benchmark
    public int baselineEncode() throws IOException {
        out.reset();
        try (JsonGenerator g = BareHandlers.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            BareHandlers.MAPPER.writeValue(g, awsResponse);
        }
        return out.size();
    }

    @Benchmark
    public int encode() throws IOException {
        out.reset();
        // As the kernel does: one generator per response, closed so its buffer goes back to Jackson's recycler.
        try (JsonGenerator g = BareHandlers.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            adapter.encode(decoded, result, g);
        }
        return out.size();
    }
}
