package dev.lift.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.LiftKernel;
import dev.lift.api.Api;
import dev.lift.api.Json;
import dev.lift.api.LiftException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A custom runtime: boots Lift, then fetches invocations from the Lambda Runtime API and posts
 * their responses, in {@code concurrency} loops at once (Lambda Managed Instances hand out up to
 * {@code AWS_LAMBDA_MAX_CONCURRENCY} invocations to one environment; on-demand Lambda, one).
 *
 * <ul>
 *   <li>{@code GET /2018-06-01/runtime/invocation/next} without a client timeout: the environment
 *       may be frozen for any time between invocations;</li>
 *   <li>{@code POST .../invocation/{id}/response} with the response JSON, or on failure
 *       {@code POST .../invocation/{id}/error} with {@code {"errorMessage","errorType","stackTrace":[]}}
 *       and {@code Lambda-Runtime-Function-Error-Type} (see {@link #report});</li>
 *   <li>{@code POST /2018-06-01/runtime/init/error} when Lift cannot boot.</li>
 * </ul>
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class RuntimeLoop {

    /** The Lambda Runtime API version path. */
    static final String API = "/2018-06-01/runtime";
    /** What Lambda's Java runtime reads the trace header from. */
    static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

    /** errorType of an invocation in which application code (a handler, middleware, a plugin) threw. */
    static final String HANDLER_ERROR = "Lift.HandlerError";
    /** errorType of an invocation Lift itself could not complete: an event it cannot read or route, shutdown, a batch to retry. */
    static final String INVOCATION_ERROR = "Lift.InvocationError";
    /** errorType of a boot failure, posted to {@code /init/error}. */
    static final String INIT_ERROR = "Lift.InitError";

    /**
     * What is posted for a failed invocation: {@code errorType} (also the
     * {@code Lambda-Runtime-Function-Error-Type} header) is one of the stable strings above, and
     * {@code errorMessage} is one line that is safe to show whoever invoked the function.
     */
    record ErrorReport(String errorType, String errorMessage) {
    }

    /**
     * Where the Runtime API is and how many invocations to run at once.
     *
     * @param runtimeApi {@code host:port} from {@code AWS_LAMBDA_RUNTIME_API}
     * @param concurrency loops running at once, from {@code AWS_LAMBDA_MAX_CONCURRENCY} (at least 1)
     * @param functionName {@code AWS_LAMBDA_FUNCTION_NAME}
     * @param functionVersion {@code AWS_LAMBDA_FUNCTION_VERSION}
     * @param memoryMb {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}
     */
    @Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
    public record Config(String runtimeApi, int concurrency, String functionName, String functionVersion, int memoryMb) {

        public Config {
            Objects.requireNonNull(runtimeApi, "runtimeApi");
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
            }
        }

        /** Reads the variables Lambda sets in the execution environment. */
        public static Config fromEnvironment(Map<String, String> env) {
            String api = env.get("AWS_LAMBDA_RUNTIME_API");
            if (api == null || api.isBlank()) {
                throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API is not set: `lift runtime` runs inside a "
                        + "Lambda execution environment (custom runtime provided.al2023) or against a Runtime API emulator");
            }
            return new Config(api.trim(), positive(env, "AWS_LAMBDA_MAX_CONCURRENCY", 1),
                    env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "function"),
                    env.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                    positive(env, "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", 512));
        }

        private static int positive(Map<String, String> env, String name, int fallback) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a whole number of at least 1, was '" + v + "'");
        }
    }

    private final Config config;
    private final Supplier<LiftKernel> boot;
    private static final System.Logger LOG = System.getLogger("lift.runtime");

    private final PrintStream log;
    private final HttpClient client;
    private final URI base;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Thread> loops = new ArrayList<>();
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    private volatile LiftKernel kernel;

    /**
     * @param config where the Runtime API is and how many loops to run
     * @param boot boots the kernel; a failure is reported to {@code /runtime/init/error}
     * @param log where problems are reported (stderr, which Lambda sends to CloudWatch Logs)
     */
    public RuntimeLoop(Config config, Supplier<LiftKernel> boot, PrintStream log) {
        this.config = Objects.requireNonNull(config);
        this.boot = Objects.requireNonNull(boot);
        this.log = Objects.requireNonNull(log);
        this.base = URI.create("http://" + config.runtimeApi() + API);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                // The Runtime API is plain HTTP on the sandbox's loopback. Without a context of its own the
                // client builds the default TLS one, loading the trust store, at every cold start: about
                // 100 ms that buy nothing here. An uninitialised context is never used for http://.
                .sslContext(plainHttpOnly()).sslParameters(new SSLParameters())
                .build();
    }

    /**
     * Boots and runs the loops until {@link #stop()} or until the Runtime API cannot be reached.
     *
     * @return 0 after a stop, 1 when boot failed or the Runtime API failed
     */
    public int run() {
        try {
            kernel = boot.get();
        } catch (RuntimeException | LinkageError e) {
            String why = String.valueOf(e.getMessage());
            // The kernel's boot failures already start with "Lift could not boot"; say it once.
            log.println("lift runtime: " + (why.startsWith("Lift could not boot") ? why : "Lift could not boot: " + why));
            // A boot failure names the plugin and what it reported, which is what the operator needs to fix it.
            postError(base.resolve(API + "/init/error"), new ErrorReport(INIT_ERROR, firstLine(e.getMessage(), e)));
            return 1;
        }
        AtomicBoolean failed = new AtomicBoolean();
        synchronized (loops) {
            for (int i = 1; i <= config.concurrency(); i++) {
                Thread t = new Thread(() -> {
                    try {
                        if (!loop()) {
                            failed.set(true);
                        }
                    } catch (VirtualMachineError e) {
                        // Out of memory or a broken JVM (its invocation was answered): end the runtime
                        // with a failure, so that Lambda starts a fresh one.
                        failed.set(true);
                        log.println("lift runtime: stopping after " + e.getClass().getName() + "; the JVM is not fit to go on");
                        stop();
                    }
                }, "lift-runtime-" + i);
                loops.add(t);
            }
            loops.forEach(Thread::start);
        }
        for (Thread t : loops) {
            try {
                t.join();
            } catch (InterruptedException e) {
                stop();
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return failed.get() ? 1 : 0;
    }

    private static SSLContext plainHttpOnly() {
        try {
            return SSLContext.getInstance("TLS");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no TLS provider", e);
        }
    }

    /** The kernel, once booted (for shutdown hooks). */
    public LiftKernel kernel() {
        return kernel;
    }

    /**
     * Waits, at most {@code timeout}, until every loop has ended, so that the answer of an invocation
     * that finished during a drain is posted before the JVM halts. Returns whether all ended.
     */
    public boolean awaitLoops(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> threads;
        synchronized (loops) {
            threads = new ArrayList<>(loops);
        }
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedJoin(t, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return threads.stream().noneMatch(Thread::isAlive);
    }

    /** Ends the loops: those waiting for an invocation stop at once, busy ones after their invocation. */
    public void stop() {
        stopping.set(true);
        // Only loops blocked in invocation/next are interrupted; an invocation in progress is not cut short.
        waiting.forEach(Thread::interrupt);
    }

    /** One loop; false when it ended because the Runtime API failed. */
    private boolean loop() {
        HttpRequest next = HttpRequest.newBuilder(URI.create(base + "/invocation/next")).GET().build();
        while (!stopping.get()) {
            HttpResponse<byte[]> invocation;
            Thread self = Thread.currentThread();
            // Only stop() ends the loop: an interrupt a handler left behind must not cancel the next poll.
            Thread.interrupted();
            waiting.add(self);
            try {
                if (stopping.get()) {
                    return true;
                }
                invocation = client.send(next, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                if (stopping.get()) {
                    return true;
                }
                continue; // not from stop(): poll again
            } catch (IOException e) {
                if (stopping.get()) {
                    return true;
                }
                log.println("lift runtime: could not fetch the next invocation from " + config.runtimeApi() + ": " + e);
                return false;
            } finally {
                waiting.remove(self);
            }
            // A stop() that raced with a successful fetch must not interrupt the handler; the flag above says stop.
            Thread.interrupted();
            if (invocation.statusCode() != 200) {
                log.println("lift runtime: the Runtime API answered " + invocation.statusCode()
                        + " to invocation/next: " + new String(invocation.body(), StandardCharsets.UTF_8));
                return false;
            }
            handle(invocation);
        }
        return true;
    }

    private void handle(HttpResponse<byte[]> invocation) {
        String requestId = invocation.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElse(null);
        if (requestId == null) {
            log.println("lift runtime: an invocation came without Lambda-Runtime-Aws-Request-Id; skipped");
            return;
        }
        long deadline = invocation.headers().firstValue("Lambda-Runtime-Deadline-Ms").map(RuntimeLoop::parseLong)
                .orElse(System.currentTimeMillis() + 3_000);
        String arn = invocation.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn").orElse("");
        String trace = invocation.headers().firstValue("Lambda-Runtime-Trace-Id").orElse(null);
        // Process-wide, as in Lambda's own Java runtime; with several loops the request's own trace id
        // travels in LambdaRequest, which is what Lift's InvocationContext reports.
        if (trace != null) {
            System.setProperty(TRACE_PROPERTY, trace);
        } else {
            System.clearProperty(TRACE_PROPERTY);
        }
        LambdaRequest request = new LambdaRequest(requestId, deadline, arn, trace, config.functionName(),
                config.functionVersion(), config.memoryMb());
        URI invocationUri = URI.create(base + "/invocation/" + requestId);
        byte[] response;
        try {
            response = kernel.invoke(invocation.body(), request);
        } catch (Throwable e) { // whatever a handler did, its invocation is answered
            Thread.interrupted(); // a handler's interrupt must not cancel the post
            // The whole exception goes to the log (CloudWatch Logs), where the request id finds it.
            LOG.log(System.Logger.Level.ERROR, "Request " + requestId + " failed", e);
            postError(URI.create(invocationUri + "/error"), report(e, requestId));
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e; // out of memory: answered, and the runtime ends (see run)
            }
            return;
        }
        Thread.interrupted(); // a handler's interrupt must not cancel the post of its response
        post(URI.create(invocationUri + "/response"), HttpRequest.newBuilder(URI.create(invocationUri + "/response"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(response)).build());
    }

    private static long parseLong(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return System.currentTimeMillis() + 3_000;
        }
    }

    /**
     * The error to post for an invocation that threw. Lift's own failures (no adapter recognises
     * the event, it is not JSON, no handler matches, Lift is stopping, a batch must be retried
     * whole) keep their message, which Lift wrote. For anything application code threw, the
     * message says only that a handler failed: like the HTTP problem responses, it never carries
     * the exception's text (which may hold a connection string or a password) or its class or
     * stack; the log has them. A {@link LiftException}'s detail, meant for clients, is kept.
     */
    static ErrorReport report(Throwable error, String requestId) {
        if (error instanceof LiftException) {
            LiftException le = (LiftException) error;
            return new ErrorReport(HANDLER_ERROR, firstLine(le.detail() == null ? le.title() : le.detail(), error));
        }
        if (writtenByLift(error)) {
            return new ErrorReport(INVOCATION_ERROR, firstLine(error.getMessage(), error));
        }
        return new ErrorReport(HANDLER_ERROR, "A handler failed on request " + requestId
                + "; the function's log has the exception");
    }

    /**
     * Whether Lift's kernel raised this error with a message of its own: thrown from kernel code,
     * and not quoting the message of an exception it wraps.
     */
    private static boolean writtenByLift(Throwable error) {
        StackTraceElement[] at = error.getStackTrace();
        String origin = at.length > 0 ? at[0].getClassName() : error.getClass().getName();
        if (!origin.startsWith("dev.lift.kernel.") || error.getMessage() == null) {
            return false;
        }
        Throwable cause = error.getCause();
        return cause == null || cause.getMessage() == null || cause.getMessage().isBlank()
                || !error.getMessage().contains(cause.getMessage());
    }

    /** The first line of a message, at most 1,000 characters: never a stack trace. */
    private static String firstLine(String message, Throwable error) {
        if (message == null || message.isBlank()) {
            return "Lift failed with " + error.getClass().getSimpleName();
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() <= 1000 ? line : line.substring(0, 1000) + "...";
    }

    private void postError(URI uri, ErrorReport error) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("errorMessage", error.errorMessage());
        body.put("errorType", error.errorType());
        body.putArray("stackTrace");
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        post(uri, HttpRequest.newBuilder(uri).header("Lambda-Runtime-Function-Error-Type", error.errorType())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    }

    private void post(URI uri, HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                log.println("lift runtime: the Runtime API answered " + r.statusCode() + " to " + uri.getPath() + ": "
                        + r.body());
            }
        } catch (IOException e) {
            log.println("lift runtime: could not post to " + uri.getPath() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
