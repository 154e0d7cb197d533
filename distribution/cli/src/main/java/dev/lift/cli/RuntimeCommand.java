package dev.lift.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code lift runtime}: the custom runtime loop (see the bootstrap script). */
@Command(name = "runtime", mixinStandardHelpOptions = true,
        description = {"Runs as a custom Lambda runtime (provided.al2023): fetches invocations from the Runtime API at "
                + "AWS_LAMBDA_RUNTIME_API and answers them, AWS_LAMBDA_MAX_CONCURRENCY at a time (default 1).",
                "Boot failures are reported to /runtime/init/error."})
final class RuntimeCommand implements Callable<Integer> {

    @ParentCommand
    LiftCli cli;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        RuntimeLoop.Config config = RuntimeLoop.Config.fromEnvironment(cli.env);
        RuntimeLoop loop = new RuntimeLoop(config, () -> plugins.bootForLambda(cli), cli.err);
        // SIGTERM reaches a custom runtime when an extension is registered (the lambda-extension plugin
        // registers one): stop fetching, drain, close, then let a loop post the answer of an invocation
        // that finished during the drain before the JVM halts.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            loop.stop();
            if (loop.kernel() != null) {
                loop.kernel().shutdown();
            }
            loop.awaitLoops(java.time.Duration.ofMillis(100));
        }, "lift-runtime-shutdown"));
        return loop.run();
    }
}
