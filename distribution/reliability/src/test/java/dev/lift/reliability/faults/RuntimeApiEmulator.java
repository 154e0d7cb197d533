package dev.lift.reliability.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Lambda Runtime API on 127.0.0.1, as far as a runtime uses it to serve invocations: it
 * hands out queued events on {@code GET /2018-06-01/runtime/invocation/next} with
 * {@code Lambda-Runtime-Aws-Request-Id}, {@code -Deadline-Ms} (set when the invocation is handed
 * out, from its time budget, as Lambda does) and {@code -Invoked-Function-Arn}, and completes each
 * invocation's future with what the runtime posts to {@code /response} or {@code /error}.
 */
final class RuntimeApiEmulator implements AutoCloseable {

    private record Queued(String requestId, byte[] event, long budgetMillis) {
    }

    static {
        // Without TCP_NODELAY the JDK's server writes a response's headers and body as two segments and
        // the second waits for the client's delayed ACK: about 40 ms per call on loopback, which would make
        // the runtime loop look slow. Read once, when the first server starts in this JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api-emulator");
        t.setDaemon(true);
        return t;
    });
    private final BlockingQueue<Queued> pending = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final Map<String, Long> deadlines = new ConcurrentHashMap<>();
    private volatile boolean closed;

    RuntimeApiEmulator() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/2018-06-01/runtime/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /** {@code host:port}, as {@code AWS_LAMBDA_RUNTIME_API} gives it. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an invocation; the future completes when the runtime answers it. */
    CompletableFuture<Answer> enqueue(String requestId, byte[] event, long budgetMillis) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        pending.add(new Queued(requestId, event, budgetMillis));
        return answer;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/2018-06-01/runtime/invocation/next") && "GET".equals(exchange.getRequestMethod())) {
                next(exchange);
            } else if (path.startsWith("/2018-06-01/runtime/invocation/")
                    && (path.endsWith("/response") || path.endsWith("/error"))) {
                String[] parts = path.split("/");
                String id = parts[parts.length - 2];
                CompletableFuture<Answer> answer = answers.remove(id);
                if (answer == null) {
                    // Lambda answers a second post for the same request (or an unknown one) with an error.
                    reply(exchange, 400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                String text = new String(body, StandardCharsets.UTF_8);
                long deadline = deadlines.remove(id);
                answer.complete(path.endsWith("/response") ? Answer.response(text, deadline)
                        : Answer.error(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type")
                                + ": " + text, deadline));
                reply(exchange, 202, "{\"status\":\"OK\"}");
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unknown path\"}");
            }
        } finally {
            exchange.close();
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Queued q = null;
        try {
            while (q == null && !closed) {
                q = pending.poll(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (q == null) {
            reply(exchange, 500, "{\"errorMessage\":\"the emulator is shutting down\"}");
            return;
        }
        long deadline = System.currentTimeMillis() + q.budgetMillis();
        deadlines.put(q.requestId(), deadline);
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", q.requestId());
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:lift-faults");
        exchange.sendResponseHeaders(200, q.event().length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(q.event());
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
