package dev.lift.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Building and closing a kernel with the v2 adapter and an application of 10 or 1,000 routes, in a warm JVM:
 * the kernel's own boot work (registry, route table, chains), not class loading or JIT, which the whole-process
 * start-up harness ({@code benchmarks/startup}) measures. {@code baseline} is what a bare handler does at init:
 * build its mapper and its reader for the event type.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BootBenchmark {

    @Param({"10", "1000"})
    public int routes;

    @Benchmark
    public ObjectReader baseline() {
        ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return mapper.readerFor(APIGatewayV2HTTPEvent.class);
    }

    @Benchmark
    public int lift() {
        try (LiftKernel kernel = Lift.builder().discover(false).environment(Map.of()).plugin(new ApiGatewayV2Adapter())
                .plugin(new RoutingBenchmark.ManyRoutes(routes, true)).build()) {
            return kernel.routes().size();
        }
    }
}
