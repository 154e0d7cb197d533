package dev.lift.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import dev.lift.api.HttpResponse;
import dev.lift.api.LiftApplication;
import dev.lift.api.Routes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One API Gateway HTTP API (v2) request, from the event bytes to the response bytes: Lift against a
 * bare handler that does only the unavoidable work. Both echo the request body as
 * {@code text/plain; charset=utf-8} with status 200.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HttpV2Benchmark {

    static final int STATUS = 200;
    static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    /** What a bare handler would use: one shared mapper that ignores fields it has no property for. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private byte[] event;
    private LiftKernel kernel;
    private LambdaRequest request;

    @Setup
    public void setUp() {
        event = eventBytes();
        kernel = Lift.builder().discover(false).plugin(new ApiGatewayV2Adapter()).plugin(new EchoApplication()).build();
        // Once, like the Lambda runtime's context: the benchmark measures the invocation, not the id.
        request = new LambdaRequest("3f1f6c1e-bench-0000-0000-000000000000", System.currentTimeMillis() + 3_600_000L,
                "arn:aws:lambda:us-east-1:123456789012:function:bench", null, "bench", "$LATEST", 512);
    }

    @TearDown
    public void tearDown() {
        kernel.close();
    }

    /** Parse into the aws-lambda-java-events type, build the same response, write it. */
    @Benchmark
    public byte[] baseline() throws IOException {
        APIGatewayV2HTTPEvent in = MAPPER.readValue(event, APIGatewayV2HTTPEvent.class);
        APIGatewayV2HTTPResponse out = new APIGatewayV2HTTPResponse();
        out.setStatusCode(STATUS);
        out.setHeaders(Map.of("Content-Type", CONTENT_TYPE));
        out.setBody(in.getBody());
        return MAPPER.writeValueAsBytes(out);
    }

    /** The same request through the Lift kernel, the v2 adapter and a route. */
    @Benchmark
    public byte[] lift() {
        return kernel.invoke(event, request);
    }

    /** The benchmark's input: the AWS sample HTTP API event (see events/NOTICE). */
    static byte[] eventBytes() {
        try (InputStream in = HttpV2Benchmark.class.getResourceAsStream("/events/apigw_http_event.json")) {
            if (in == null) {
                throw new IllegalStateException("events/apigw_http_event.json is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Lift side's application: {@code POST /my/path} echoes the body. */
    public static final class EchoApplication implements LiftApplication {

        @Override
        public String id() {
            return "bench-echo";
        }

        @Override
        public void configure(Routes routes) {
            routes.post("/my/path", (req, ctx) -> HttpResponse.text(req.bodyText()));
        }
    }
}
