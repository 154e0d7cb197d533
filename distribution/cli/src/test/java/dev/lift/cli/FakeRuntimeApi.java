package dev.lift.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The Lambda Runtime API as the tests need it, on 127.0.0.1: hands out queued invocations and records what comes back. */
public final class FakeRuntimeApi implements AutoCloseable {

    public record Invocation(String requestId, long deadlineMs, String traceId, byte[] event) {
    }

    /** A response or error as posted. */
    public record Posted(String body, String errorType) {
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-runtime-api");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    public final Map<String, Posted> responses = new ConcurrentHashMap<>();
    public final Map<String, Posted> errors = new ConcurrentHashMap<>();
    final CountDownLatch initError = new CountDownLatch(1);
    volatile Posted initErrorPosted;
    private volatile CountDownLatch answered = new CountDownLatch(0);
    /** Every call in arrival order, as {@code METHOD path}, with the extension's name on a registration. */
    final java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FakeRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/2018-06-01/runtime/", this::handle);
        server.createContext("/2020-01-01/extension/", this::extension);
        server.setExecutor(pool);
        server.start();
    }

    /** {@code host:port}, as AWS_LAMBDA_RUNTIME_API gives it. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues invocations and arms {@link #awaitAnswers}. */
    public void enqueue(Invocation... invocations) {
        answered = new CountDownLatch(invocations.length);
        for (Invocation i : invocations) {
            pending.add(i);
        }
    }

    /** Waits (bounded) until every queued invocation got a response or an error. */
    boolean awaitAnswers() throws InterruptedException {
        return answered.await(20, TimeUnit.SECONDS);
    }

    /** As {@link #awaitAnswers()}, but gives up as soon as {@code runtime}, the process answering, has ended. */
    public boolean awaitAnswers(Process runtime) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (answered.await(100, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!runtime.isAlive()) {
                return answered.getCount() == 0;
            }
        }
        return false;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(exchange.getRequestMethod() + " " + path);
            if (path.equals("/2018-06-01/runtime/invocation/next")) {
                next(exchange);
            } else if (path.equals("/2018-06-01/runtime/init/error")) {
                initErrorPosted = new Posted(new String(body, StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
                initError.countDown();
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else if (path.endsWith("/response") || path.endsWith("/error")) {
                String[] parts = path.split("/");
                String id = parts[parts.length - 2];
                Posted posted = new Posted(new String(body, StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
                (path.endsWith("/response") ? responses : errors).put(id, posted);
                answered.countDown();
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unknown path\"}");
            }
        } finally {
            exchange.close();
        }
    }

    /** The Extensions API: a registration gets an id; the next event never comes (Lambda holds it until shutdown). */
    private void extension(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.equals("/2020-01-01/extension/register")) {
                calls.add("POST " + path + " name=" + exchange.getRequestHeaders().getFirst("Lambda-Extension-Name")
                        + " body=" + body);
                exchange.getResponseHeaders().set("Lambda-Extension-Identifier", "ext-0001");
                reply(exchange, 200, "{\"functionName\":\"lift-example\",\"functionVersion\":\"$LATEST\"}");
            } else if (path.equals("/2020-01-01/extension/event/next")) {
                calls.add("GET " + path + " id=" + exchange.getRequestHeaders().getFirst("Lambda-Extension-Identifier"));
                while (!closed) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                reply(exchange, 500, "{\"errorMessage\":\"shutting down\"}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unknown path\"}");
            }
        } finally {
            exchange.close();
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation i = null;
        try {
            while (i == null && !closed) {
                i = pending.poll(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (i == null) {
            reply(exchange, 500, "{\"errorMessage\":\"shutting down\"}");
            return;
        }
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", i.requestId());
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(i.deadlineMs()));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:lift-example");
        if (i.traceId() != null) {
            exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", i.traceId());
        }
        exchange.sendResponseHeaders(200, i.event().length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(i.event());
        }
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        pool.shutdownNow();
    }
}
