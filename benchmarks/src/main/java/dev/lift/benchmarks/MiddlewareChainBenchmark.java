package dev.lift.benchmarks;

import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * The HTTP API (v2) sample through chains of 0, 1, 5, 10 and 25 global no-op middleware
 * ({@link MiddlewareBenchmark.NoOp}: each only calls {@code next}). {@code baseline} is the bare handler, run
 * once per chain length so that every ratio has its baseline from the same fork.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MiddlewareChainBenchmark {

    @Param({"0", "1", "5", "10", "25"})
    public int middleware;

    private byte[] event;
    private LiftKernel kernel;
    private LambdaRequest request;

    @Setup
    public void setUp() {
        event = Fixtures.bytes("apigw_http_event.json");
        request = Fixtures.request();
        Lift.Builder b = Lift.builder().discover(false).environment(Map.of()).plugin(new ApiGatewayV2Adapter())
                .plugin(new HttpV2Benchmark.EchoApplication());
        for (int i = 0; i < middleware; i++) {
            b.plugin(new MiddlewareBenchmark.NoOp(i));
        }
        kernel = b.build();
    }

    @TearDown
    public void tearDown() {
        kernel.close();
    }

    @Benchmark
    public byte[] baseline() throws IOException {
        return BareHandlers.apiGatewayV2(event);
    }

    @Benchmark
    public byte[] lift() {
        return kernel.invoke(event, request);
    }
}
