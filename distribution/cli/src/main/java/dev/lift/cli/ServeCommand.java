package dev.lift.cli;

import dev.lift.kernel.LiftKernel;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        description = {"Serves the function over HTTP as its front door would: API Gateway's HTTP API (payload 2.0),",
                "a REST API (payload 1.0) or an ALB (--format), and answers the Lambda Invoke API",
                "(POST /2015-03-31/functions/{name}/invocations) so that any event can be sent, e.g. with",
                "aws lambda invoke --endpoint-url http://127.0.0.1:8080 --function-name any --payload fileb://e.json out.json.",
                "With no plugins of your own, this runs the example application: try GET /hello/you or /todos.",
                "With --watch, a changed jar in the plugins directory is reloaded without a restart.",
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

    @Option(names = "--format", defaultValue = "http-api", paramLabel = "FORMAT", description = "The front door to "
            + "emulate: http-api (API Gateway HTTP API, payload 2.0), rest (API Gateway REST API, payload 1.0), alb or "
            + "alb-multi (Application Load Balancer, multi-value headers off or on) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--watch", description = "Reload the applications in the plugins directory (--plugins or "
            + "LIFT_PLUGINS_DIR) when a jar there changes; the previous version serves until the new one booted.")
    boolean watch;

    @Override
    public Integer call() throws Exception {
        long began = System.nanoTime();
        FrontDoor door;
        try {
            door = FrontDoor.of(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        java.nio.file.Path pluginsDir = plugins.directory(cli);
        if (watch && pluginsDir == null) {
            throw new ParameterException(spec.commandLine(), "--watch needs a plugins directory: give --plugins DIR or"
                    + " set LIFT_PLUGINS_DIR");
        }
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
        PluginReloader reloader = watch ? new PluginReloader(pluginsDir, PluginOptions.terminalLogs(cli.env), cli.err,
                WATCH_POLL, WATCH_SETTLE) : null;
        PluginReloader.Generation first = reloader == null ? null : reloader.boot();
        LiftKernel kernel = first == null ? plugins.boot(cli) : first.kernel();
        LocalServer server = new LocalServer(kernel, host, port, limits, cli.err).format(door);
        try {
            server.start();
        } catch (BindException e) {
            if (first != null) {
                first.retire(cli.err);
            } else {
                kernel.shutdown();
            }
            throw new IOException("cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "); choose another port with --port", e);
        }
        if (reloader != null) {
            reloader.watch(first, server);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // Never exit here: Runtime.exit in main waits for this hook.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long stopping = System.nanoTime();
            if (reloader != null) {
                reloader.close(); // no reload while stopping; the version serving now is the one to drain
            }
            LiftKernel last = server.kernel();
            stop(last, server);
            if (reloader != null) {
                reloader.current().retire(cli.err); // shut down already: closes its jars and copies
            }
            cli.err.println(stopped(server, System.nanoTime() - stopping));
            cli.err.flush();
            stopped.countDown();
        }, "lift-serve-shutdown"));
        java.util.function.UnaryOperator<String> source = reloader == null ? s -> s : reloader::displaySource;
        cli.err.print(startup(server, kernel, source, pluginsDir, watch, System.nanoTime() - began));
        cli.err.println("lift: serve: " + threads + " request threads, " + limits.queue() + " more requests may wait; "
                + readTimeout + " s to send a request, " + writeTimeout + " s to take in a response; " + jdk);
        cli.err.flush();
        cli.out.println("Lift listening on " + server.uri());
        cli.out.flush();
        stopped.await();
        return 0;
    }

    /** How often {@code --watch} looks at the plugins directory, and how long its jars must stay unchanged. */
    static final Duration WATCH_POLL = Duration.ofMillis(250);
    static final Duration WATCH_SETTLE = Duration.ofMillis(300);

    /**
     * What serve says at start, on stderr: where, as which front door, which applications from
     * where, how many routes, and whether the example application stepped aside.
     */
    static String startup(LocalServer server, LiftKernel kernel, java.util.function.UnaryOperator<String> source,
                          java.nio.file.Path pluginsDir, boolean watch, long bootNanos) {
        StringBuilder sb = new StringBuilder();
        sb.append("lift: serve: ").append(server.uri()).append(" as ").append(server.format().describe())
                .append(", ready in ").append(bootNanos / 1_000_000).append(" ms\n");
        sb.append("lift: serve: applications: ").append(applications(kernel, source)).append("; ")
                .append(routeCount(kernel)).append('\n');
        for (dev.lift.kernel.PluginInfo p : kernel.plugins()) {
            if (p.kinds().contains("application") && !p.active() && p.id().equals(EXAMPLE_APP)) {
                sb.append("lift: serve: the example application (").append(EXAMPLE_APP).append(") stepped aside for the")
                        .append(" application(s) above; LIFT_EXAMPLE_APP_ENABLED=true keeps it\n");
            }
        }
        sb.append("lift: serve: the Lambda Invoke API answers POST ").append(server.uri()).append(InvokeApi.PREFIX)
                .append("{name}/invocations\n");
        if (watch) {
            sb.append("lift: serve: watching ").append(pluginsDir).append(" for changed jars\n");
        }
        return sb.toString();
    }

    private static final String EXAMPLE_APP = "example-app";

    /** The active applications, each with where it was loaded from, for example {@code acme-greeter (plugins/acme.jar)}. */
    static String applications(LiftKernel kernel, java.util.function.UnaryOperator<String> source) {
        List<String> apps = new ArrayList<>();
        for (dev.lift.kernel.PluginInfo p : kernel.plugins()) {
            if (p.kinds().contains("application") && p.active()) {
                apps.add(p.id() + " (" + source.apply(p.source()) + ")");
            }
        }
        return apps.isEmpty() ? "none (no application plugin is installed)" : String.join(", ", apps);
    }

    private static String routeCount(LiftKernel kernel) {
        List<dev.lift.api.RouteDescriptor> routes = kernel.routes();
        long http = routes.stream().filter(r -> r.method() != null).count();
        return routes.size() + " route(s), " + http + " of them HTTP";
    }

    /** What serve says when it stopped: how much it drained, in how long. */
    static String stopped(LocalServer server, long nanos) {
        return "lift: serve: stopped in " + nanos / 1_000_000 + " ms; " + server.answeredWhileDraining()
                + " request(s) answered while draining, " + server.answered() + " in all";
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
