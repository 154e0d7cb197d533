package dev.lift.plugins.failsafe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A downstream service on a real local HTTP server ({@code 127.0.0.1}, a free port), and the
 * client call a handler would make to it. Paths: {@code /ok} answers 200 at once, {@code /fail}
 * 503 at once, {@code /slow} only when the test ends (so it outlives any deadline), and
 * {@code /fail-then-slow} 503 the first time, then like {@code /slow}. Handlers run on their own
 * threads, so a slow one holds up nothing else; closing releases them.
 */
final class LocalDependency implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "local-dependency");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LocalDependency() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int hit = hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try {
            if (path.equals("/ok")) {
                answer(exchange, 200, "ok");
            } else if (path.equals("/fail") || (path.equals("/fail-then-slow") && hit == 1)) {
                answer(exchange, 503, "down");
            } else if (path.equals("/slow") || path.equals("/fail-then-slow")) {
                try {
                    released.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, 200, "late");
            } else {
                answer(exchange, 404, "no " + path);
            }
        } finally {
            exchange.close();
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * The downstream call: GET {@code path} with {@link HttpClient} and no request timeout of its
     * own; a 5xx answer is an {@link IOException}, so transient.
     */
    String get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        java.net.http.HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).GET().build(), BodyHandlers.ofString());
        if (r.statusCode() >= 500) {
            throw new IOException(path + " answered " + r.statusCode());
        }
        return r.body();
    }

    /** Requests that reached {@code path} so far. */
    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
