package dev.lift.benchmarks;

import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.LiftKernel;
import java.io.IOException;
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
 * One invocation per event source, bytes in to bytes out: {@code lift} is {@link LiftKernel#invoke(byte[],
 * LambdaRequest)} on a kernel with every adapter of the suite, {@code baseline} the bare handler for the same
 * event ({@link BareHandlers}). Run with {@code -prof gc} for allocation per invocation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DispatchBenchmark {

    @Param({"APIGW_V1", "APIGW_V2", "ALB", "SQS", "S3", "EVENTBRIDGE", "DYNAMODB", "KINESIS"})
    public EventSource source;

    private byte[] event;
    private LiftKernel kernel;
    private LambdaRequest request;

    @Setup
    public void setUp() {
        event = source.event();
        request = Fixtures.request();
        kernel = EventSource.kernelWithEveryAdapter().build();
    }

    @TearDown
    public void tearDown() {
        kernel.close();
    }

    @Benchmark
    public byte[] baseline() throws IOException {
        return source.bare(event);
    }

    @Benchmark
    public byte[] lift() {
        return kernel.invoke(event, request);
    }
}
