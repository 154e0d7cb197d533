package dev.lift.benchmarks;

import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.plugins.sqs.SqsAdapter;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * A standard SQS queue's batch of 10, 100 or 1,000 messages (the sample message, widened), each handler
 * reading the body. {@code sequential}: records one after another ({@code lift.batch.parallelism=1});
 * {@code parallel}: {@link #THREADS} threads ({@code lift.batch.parallelism=4}) on the Lift side, and a fixed
 * pool of as many threads for the bare handler, which submits every record and waits for all.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BatchBenchmark {

    static final int THREADS = 4;

    @Param({"10", "100", "1000"})
    public int records;

    @Param({"sequential", "parallel"})
    public String mode;

    private byte[] event;
    private LiftKernel kernel;
    private LambdaRequest request;
    private ExecutorService pool;

    @Setup
    public void setUp() {
        boolean parallel = "parallel".equals(mode);
        event = Fixtures.sqsEvent(records);
        request = Fixtures.request();
        kernel = Lift.builder().discover(false).environment(Map.of()).plugin(new SqsAdapter())
                .plugin(new DispatchApplication())
                .setting("lift.batch.parallelism", String.valueOf(parallel ? THREADS : 1)).build();
        pool = parallel ? Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "bench-bare-batch");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    @TearDown
    public void tearDown() {
        kernel.close();
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Benchmark
    public byte[] baseline() throws IOException {
        return BareHandlers.sqs(event, pool);
    }

    @Benchmark
    public byte[] lift() {
        return kernel.invoke(event, request);
    }
}
