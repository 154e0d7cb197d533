package dev.lift.cli;

import dev.lift.kernel.LiftKernel;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lift serve}: the function behind a local HTTP API, until Ctrl-C or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the function over HTTP as API Gateway's HTTP API (payload 2.0) would.",
                "With no plugins of your own, this runs the example application: try GET /hello/you or /todos.",
                "One access-log line per request goes to stderr.",
                "Each connection with a request in progress has a thread of its own (at most twice --max-connections); a",
                "client slower than --read-timeout to send its request or --write-timeout to take in the response is",
                "disconnected. TCP_NODELAY is on unless -Dsun.net.httpserver.nodelay=false is given to java."})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    LiftCli cli;

    @Spec
    CommandSpec spec;

    @Mixin
    PluginOptions plugins;

    @Option(names = "--port", defaultValue = "8080", description = "Port to listen on; 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--threads", defaultValue = "16", description = "Requests run at once; 16 times as many may wait, "
            + "beyond that a request is answered 503 at once (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-connections", defaultValue = "512", description = "Open connections, kept-alive ones included; "
            + "further ones are closed at once (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--read-timeout", defaultValue = "30", paramLabel = "SECONDS", description = "The most a client may "
            + "take to send a request, headers and body (default: ${DEFAULT-VALUE}).")
    int readTimeout;

    @Option(names = "--write-timeout", defaultValue = "30", paramLabel = "SECONDS", description = "The most a client may "
            + "take to take in a response (default: ${DEFAULT-VALUE}).")
    int writeTimeout;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0 to 65535, was " + port);
        }
        requireRange("--threads", threads, 1, 10_000);
        requireRange("--max-connections", maxConnections, 1, 100_000);
        requireRange("--read-timeout", readTimeout, 1, 86_400);
        requireRange("--write-timeout", writeTimeout, 1, 86_400);
        // Before anything creates a JDK HTTP server in this process: it reads these once.
        String jdk = LocalServer.configureJdkServer(maxConnections);
        LocalServer.Limits limits = new LocalServer.Limits(threads, threads * 16, maxConnections,
                Duration.ofSeconds(readTimeout), Duration.ofSeconds(writeTimeout));
        LiftKernel kernel = plugins.boot(cli);
        LocalServer server = new LocalServer(kernel, host, port, limits, cli.err);
        try {
            server.start();
        } catch (BindException e) {
            kernel.shutdown();
            throw new IOException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); choose another port with --port", e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // Never exit here: Runtime.exit in main waits for this hook.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop(kernel, server);
            stopped.countDown();
        }, "lift-serve-shutdown"));
        cli.err.println("lift: serve: " + threads + " request threads, " + limits.queue() + " more requests may wait; "
                + readTimeout + " s to send a request, " + writeTimeout + " s to take in a response; " + jdk);
        cli.out.println("Lift listening on " + server.uri());
        cli.out.flush();
        stopped.await();
        return 0;
    }

    private void requireRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), option + " must be " + min + " to " + max + ", was " + value);
        }
    }

    /** The most {@link #stop} waits, after the kernel has drained, for responses still being written. */
    static final Duration WRITE_GRACE = Duration.ofSeconds(2);

    /**
     * Stops listening, drains through the kernel, then stops the server: new connections are refused,
     * {@link LiftKernel#shutdown()} refuses new invocations (the server answers them 503 with
     * {@code Connection: close} on connections already open) and waits for those in flight within
     * {@code lift.kernel.drain-time}; then the server waits for the responses still being written
     * (at most {@link #WRITE_GRACE}) and closes. An idle server stops at once.
     */
    static void stop(LiftKernel kernel, LocalServer server) {
        server.drain();
        try {
            kernel.shutdown();
        } finally {
            server.stop(WRITE_GRACE);
        }
    }
}
