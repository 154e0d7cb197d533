package dev.lift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lift.kernel.LambdaRequest;
import dev.lift.kernel.LiftKernel;
import dev.lift.api.Api;
import dev.lift.api.HttpResponse;
import dev.lift.api.Json;
import dev.lift.api.LiftException;
import dev.lift.api.LogText;
import dev.lift.spi.support.UrlEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server that behaves like API Gateway's HTTP API in front of the function: each
 * request becomes a payload-format-2.0 event, the kernel handles it in-process, and the 2.0
 * response becomes the HTTP response. Requests are served concurrently by a bounded pool with a
 * bounded queue; when both are full, the request is answered at once with a 503 problem response
 * and {@code Retry-After}, so that the thread accepting connections never runs a request itself.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver}, so it costs no dependency and starts in
 * milliseconds.
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class LocalServer implements AutoCloseable {

    /** Lambda's limit for a synchronous invocation's payload. */
    static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

    private static final ObjectMapper MAPPER = Json.mapper();
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);
    // The server computes framing itself; copying these from a handler's response would corrupt it.
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection");
    private static final byte[] GATEWAY_ERROR = "{\"message\":\"Internal Server Error\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TOO_LARGE = "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8);

    private final LiftKernel kernel;
    private final String host;
    private final int requestedPort;
    private final int threads;
    private final int queue;
    private final PrintStream log;
    // Exchanges handed to the executor and not finished yet: queued, running or being answered.
    private final AtomicInteger exchanges = new AtomicInteger();
    private final Object idle = new Object();
    private HttpServer server;
    private ThreadPoolExecutor pool;
    private ExecutorService busy;

    /**
     * @param kernel the kernel that handles the requests
     * @param host the address to bind, for example {@code 127.0.0.1}
     * @param port the port, or 0 for any free port
     * @param threads how many requests run at once
     * @param log where the access log and errors go (stderr for the CLI)
     */
    public LocalServer(LiftKernel kernel, String host, int port, int threads, PrintStream log) {
        this(kernel, host, port, threads, Math.max(1, threads) * 16, log);
    }

    /** As above, with {@code queue} requests that may wait for a thread (0: none wait). */
    LocalServer(LiftKernel kernel, String host, int port, int threads, int queue, PrintStream log) {
        this.kernel = Objects.requireNonNull(kernel);
        this.host = Objects.requireNonNull(host);
        this.requestedPort = port;
        this.threads = Math.max(1, threads);
        this.queue = Math.max(0, queue);
        this.log = Objects.requireNonNull(log);
    }

    /** How much the server takes on: request threads, waiting requests, connections, and how long a client may take. */
    record Limits(int threads, int queue, int maxConnections, Duration readTimeout, Duration writeTimeout) {
    }

    LocalServer(LiftKernel kernel, String host, int port, Limits limits, PrintStream log) {
        this(kernel, host, port, limits.threads(), limits.queue(), log);
    }

    /** The threads that answer 503 when the pool and its queue are full; {@link #handle} recognises them. */
    private static final class BusyThread extends Thread {
        BusyThread(Runnable r, String name) {
            super(r, name);
            setDaemon(true);
        }
    }

    /** Binds and starts serving; returns this. */
    public synchronized LocalServer start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("The server is already started");
        }
        AtomicInteger n = new AtomicInteger();
        AtomicInteger b = new AtomicInteger();
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        busy = Executors.newCachedThreadPool(r -> new BusyThread(r, "lift-http-busy-" + b.incrementAndGet()));
        // When every thread is taken and the queue is full, the exchange goes to a busy thread, which
        // answers 503 at once. (Running it on the caller would stall the server's dispatcher thread,
        // and with it every other connection, for as long as the request takes.)
        pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, waiting, r -> {
            Thread t = new Thread(r, "lift-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (r, executor) -> busy.execute(r));
        pool.allowCoreThreadTimeOut(true);
        server = HttpServer.create(new InetSocketAddress(host, requestedPort), 128);
        server.createContext("/", this::handle);
        server.setExecutor(this::dispatch);
        server.start();
        return this;
    }

    /** Hands an exchange to the pool and counts it until it is finished, so that {@link #stop} can wait for it. */
    private void dispatch(Runnable exchange) {
        exchanges.incrementAndGet();
        try {
            pool.execute(() -> {
                try {
                    exchange.run();
                } finally {
                    finished();
                }
            });
        } catch (RuntimeException | Error e) {
            finished();
            throw e;
        }
    }

    private void finished() {
        if (exchanges.decrementAndGet() == 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** The bound port. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base address, for example {@code http://127.0.0.1:8080}. */
    public URI uri() {
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /**
     * Waits until no request is in flight (queued, running or being written), for at most
     * {@code grace}, then closes the listening socket and every connection at once. Returns as soon
     * as the server is idle: an idle server stops immediately. The kernel is not shut down here:
     * shut it down first ({@link LiftKernel#shutdown()} refuses new invocations, with a 503 for HTTP,
     * and lets the running ones finish), then stop the server, so that their responses still go out.
     */
    public synchronized void stop(Duration grace) {
        if (server == null) {
            return;
        }
        long deadline = System.nanoTime() + Math.max(0, grace.toNanos());
        try {
            synchronized (idle) {
                while (exchanges.get() > 0) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        break;
                    }
                    idle.wait(left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = exchanges.get();
        if (left > 0) {
            log.println("lift: " + left + " request(s) still in flight after " + grace.toMillis() + " ms; closing them");
        }
        // 0: the JDK's HttpServer would otherwise wait out the whole delay even when idle.
        server.stop(0);
        pool.shutdown();
        busy.shutdown();
        server = null;
    }

    /**
     * As {@link #stop(Duration)} with whole seconds.
     *
     * @param graceSeconds the most to wait for requests in flight; 0 closes them at once
     */
    public void stop(int graceSeconds) {
        stop(Duration.ofSeconds(Math.max(0, graceSeconds)));
    }

    /** Stops at once, closing any request still in flight. */
    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        LambdaRequest request = LambdaRequest.local();
        String rawPath = rawPath(exchange.getRequestURI());
        int status = 500;
        try {
            if (Thread.currentThread() instanceof BusyThread) {
                status = 503;
                // Answered here, before the kernel: the same small shape as the kernel's own fallback.
                byte[] refusal = MAPPER.writeValueAsBytes(Map.of("status", 503, "error", "Service Unavailable",
                        "detail", "The local server is busy: all " + threads + " request threads are taken and "
                                + queue + " requests are waiting; retry shortly", "requestId", request.requestId()));
                send(exchange, 503, Map.of("content-type", List.of("application/json"), "retry-after", List.of("1")),
                        List.of(), refusal, request);
                return;
            }
            byte[] body = readBody(exchange);
            if (body == null) {
                status = 413;
                send(exchange, 413, Map.of("content-type", List.of("application/json")), List.of(), TOO_LARGE, request);
                return;
            }
            byte[] event = MAPPER.writeValueAsBytes(toEvent(exchange, body, request.requestId()));
            byte[] response;
            try {
                response = kernel.invoke(event, request);
            } catch (Throwable e) { // whatever a handler did, the client gets an answer
                Thread.interrupted(); // a handler's interrupt must not cut the answer short
                // What API Gateway answers when the function fails; the reason goes to the log.
                log.println("lift: request " + request.requestId() + " failed: "
                        + (e instanceof Error ? e.getClass().getName() + ": " : "") + LogText.escape(e.getMessage()));
                send(exchange, 500, Map.of("content-type", List.of("application/json")), List.of(), GATEWAY_ERROR, request);
                if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                    throw (VirtualMachineError) e; // answered; out of memory still reaches the JVM's handler
                }
                return;
            }
            Thread.interrupted(); // likewise: an interrupted thread's socket write would close the connection
            status = writeResponse(exchange, response, request);
        } finally {
            exchange.close();
            // Escaped: the method and a decoded path are the client's text and must not forge log lines.
            log.println(LogText.escape(exchange.getRequestMethod()) + " " + LogText.escape(rawPath) + " " + status + " "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms " + request.requestId());
        }
    }

    /**
     * The path as the client sent it. {@link URI} reads a request target that starts with
     * {@code //} (such as {@code GET //hello/x}) as an authority and a path ({@code hello} and
     * {@code /x}); a request line's target in origin form has no authority, so the path is
     * everything before the query.
     */
    static String rawPath(URI uri) {
        String path;
        if (uri.getScheme() == null && !uri.isOpaque()) {
            String target = uri.getRawSchemeSpecificPart(); // path and query, without the fragment
            int q = target.indexOf('?');
            path = q < 0 ? target : target.substring(0, q);
        } else {
            path = uri.getRawPath(); // absolute form, http://host/path, as sent to a proxy
        }
        return path == null || path.isEmpty() ? "/" : path;
    }

    /** The body, or null when it is larger than Lambda accepts. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    /** The API Gateway HTTP API (payload format 2.0) event for this request. */
    ObjectNode toEvent(HttpExchange exchange, byte[] body, String requestId) {
        URI uri = exchange.getRequestURI();
        String rawPath = rawPath(uri);
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String line : h.getValue()) {
                    for (String c : line.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.trim());
                        }
                    }
                }
            } else {
                headers.computeIfAbsent(name, k -> new ArrayList<>()).addAll(h.getValue());
            }
        }
        Instant now = Instant.now();
        String hostHeader = first(headers, "host", host + ":" + port());

        ObjectNode e = MAPPER.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", "$default");
        // A deployed HTTP API hands the function rawPath already percent-decoded (the adapter does not
        // decode it again), so the local server does the same.
        e.put("rawPath", UrlEncoding.decode(rawPath, false));
        e.put("rawQueryString", rawQuery);
        if (!cookies.isEmpty()) {
            ArrayNode c = e.putArray("cookies");
            cookies.forEach(c::add);
        }
        ObjectNode h = e.putObject("headers");
        headers.forEach((name, values) -> h.put(name, String.join(",", values)));
        Map<String, List<String>> query = parseQuery(rawQuery);
        if (!query.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            query.forEach((name, values) -> q.put(name, String.join(",", values)));
        }
        ObjectNode rc = e.putObject("requestContext");
        rc.put("accountId", "000000000000");
        rc.put("apiId", "local");
        rc.put("domainName", hostHeader);
        int dot = hostHeader.indexOf('.');
        rc.put("domainPrefix", dot > 0 ? hostHeader.substring(0, dot) : hostHeader);
        ObjectNode http = rc.putObject("http");
        http.put("method", exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.put("path", UrlEncoding.decode(rawPath, false));
        http.put("protocol", exchange.getProtocol());
        http.put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        http.put("userAgent", first(headers, "user-agent", ""));
        rc.put("requestId", requestId);
        rc.put("routeKey", "$default");
        rc.put("stage", "$default");
        rc.put("time", CLF.format(now.atOffset(ZoneOffset.UTC)));
        rc.put("timeEpoch", now.toEpochMilli());
        boolean base64 = false;
        if (body.length > 0) {
            String text = textOrNull(body, first(headers, "content-type", null));
            base64 = text == null;
            e.put("body", base64 ? Base64.getEncoder().encodeToString(body) : text);
        }
        e.put("isBase64Encoded", base64);
        return e;
    }

    /**
     * The body as text when it travels as text: a textual content type, or none and valid UTF-8.
     * Anything else is base64-encoded, as API Gateway does for binary media.
     */
    private static String textOrNull(byte[] body, String contentType) {
        if (contentType != null && !HttpResponse.isTextual(contentType)) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> headers, String name, String fallback) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? fallback : v.get(0);
    }

    private static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Writes a 2.0 response (or, like API Gateway, any other JSON value as a 200 JSON body). */
    private int writeResponse(HttpExchange exchange, byte[] response, LambdaRequest request) throws IOException {
        JsonNode root = MAPPER.readTree(response);
        if (root == null || !root.isObject() || !root.has("statusCode")) {
            send(exchange, 200, Map.of("content-type", List.of("application/json")), List.of(), response, request);
            return 200;
        }
        int status = root.path("statusCode").asInt(500);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        root.path("headers").properties().forEach(h -> headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>())
                .add(h.getValue().asText()));
        root.path("multiValueHeaders").properties().forEach(h -> {
            List<String> values = headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>());
            h.getValue().forEach(v -> values.add(v.asText()));
        });
        List<String> cookies = new ArrayList<>();
        root.path("cookies").forEach(c -> cookies.add(c.asText()));
        JsonNode bodyNode = root.path("body");
        String text = bodyNode.isMissingNode() || bodyNode.isNull() ? "" : bodyNode.asText();
        byte[] body = root.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(text)
                : text.getBytes(StandardCharsets.UTF_8);
        send(exchange, status, headers, cookies, body, request);
        return status;
    }

    private static void send(HttpExchange exchange, int status, Map<String, List<String>> headers, List<String> cookies,
                             byte[] body, LambdaRequest request) throws IOException {
        com.sun.net.httpserver.Headers out = exchange.getResponseHeaders();
        headers.forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> out.add(name, v));
            }
        });
        cookies.forEach(c -> out.add("Set-Cookie", c));
        out.set("Apigw-Requestid", request.requestId());
        boolean noBody = body.length == 0 || status == 204 || status == 304 || status < 200
                || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        }
    }
}
