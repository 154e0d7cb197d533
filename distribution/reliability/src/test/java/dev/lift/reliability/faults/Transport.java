package dev.lift.reliability.faults;

import dev.lift.api.LiftPlugin;
import dev.lift.cli.RuntimeLoop;
import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.test.LiftTestKit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** How invocations reach Lift: in-process through the test kit, or through the custom runtime's loop. */
interface Transport extends AutoCloseable {

    /** Starts an invocation with this request id, event and time budget; the future completes with its answer. */
    CompletableFuture<Answer> invoke(String requestId, byte[] event, long budgetMillis);

    /** What the transport logged itself, for failure messages. */
    default String log() {
        return "";
    }

    @Override
    void close() throws Exception;

    /** Which transport. */
    enum Kind {
        TEST_KIT, RUNTIME_LOOP;

        Transport open(List<LiftPlugin> plugins, Map<String, String> settings, int concurrency) throws IOException {
            return this == TEST_KIT ? new InProcess(plugins, settings, concurrency)
                    : new ThroughRuntimeLoop(plugins, settings, concurrency);
        }
    }

    /**
     * The test kit, called from {@code concurrency} threads of the suite's own (as the local server
     * and Managed Instances call the kernel), each invocation with its own deadline.
     */
    final class InProcess implements Transport {
        private final LiftTestKit kit;
        private final ExecutorService callers;

        InProcess(List<LiftPlugin> plugins, Map<String, String> settings, int concurrency) {
            LiftTestKit.Builder b = LiftTestKit.builder();
            plugins.forEach(b::plugin);
            settings.forEach(b::setting);
            kit = b.build();
            AtomicInteger n = new AtomicInteger();
            callers = Executors.newFixedThreadPool(concurrency, r -> {
                Thread t = new Thread(r, "faults-caller-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public CompletableFuture<Answer> invoke(String requestId, byte[] event, long budgetMillis) {
            return CompletableFuture.supplyAsync(() -> {
                long deadline = System.currentTimeMillis() + budgetMillis;
                LambdaRequest request = new LambdaRequest(requestId, deadline,
                        "arn:aws:lambda:us-east-1:123456789012:function:lift-faults", null, "lift-faults", "$LATEST", 512);
                try {
                    return Answer.response(kit.invoke(event, request).text(), deadline);
                } catch (Throwable e) { // the invocation failed as a whole: reported as such, not rethrown
                    return Answer.error(e.getClass().getName() + ": " + e.getMessage(), deadline);
                }
            }, callers);
        }

        @Override
        public void close() throws InterruptedException {
            callers.shutdown();
            callers.awaitTermination(30, TimeUnit.SECONDS);
            kit.close();
        }
    }

    /**
     * {@link RuntimeLoop}, Lift's custom runtime, with {@code concurrency} loops (as
     * {@code AWS_LAMBDA_MAX_CONCURRENCY} on Managed Instances), against a {@link RuntimeApiEmulator}.
     */
    final class ThroughRuntimeLoop implements Transport {
        private final RuntimeApiEmulator api;
        private final RuntimeLoop loop;
        private final Thread runner;
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final ByteArrayOutputStream log = new ByteArrayOutputStream();

        ThroughRuntimeLoop(List<LiftPlugin> plugins, Map<String, String> settings, int concurrency) throws IOException {
            api = new RuntimeApiEmulator();
            RuntimeLoop.Config config = RuntimeLoop.Config.fromEnvironment(Map.of("AWS_LAMBDA_RUNTIME_API", api.address(),
                    "AWS_LAMBDA_MAX_CONCURRENCY", Integer.toString(concurrency), "AWS_LAMBDA_FUNCTION_NAME", "lift-faults"));
            loop = new RuntimeLoop(config, () -> boot(plugins, settings), new PrintStream(log, true, StandardCharsets.UTF_8));
            runner = new Thread(() -> exit.complete(loop.run()), "faults-runtime-loop");
            runner.setDaemon(true);
            runner.start();
        }

        private static LiftKernel boot(List<LiftPlugin> plugins, Map<String, String> settings) {
            Lift.Builder b = Lift.builder().discover(false).environment(Map.of()).settings(settings);
            plugins.forEach(b::plugin);
            return b.build();
        }

        @Override
        public CompletableFuture<Answer> invoke(String requestId, byte[] event, long budgetMillis) {
            return api.enqueue(requestId, event, budgetMillis);
        }

        @Override
        public String log() {
            return log.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws Exception {
            try {
                loop.stop();
                int code = exit.get(30, TimeUnit.SECONDS);
                if (code != 0) {
                    throw new IllegalStateException("the runtime loop ended with " + code + ": " + log());
                }
            } finally {
                if (loop.kernel() != null) {
                    loop.kernel().shutdown();
                }
                api.close();
            }
        }
    }
}
