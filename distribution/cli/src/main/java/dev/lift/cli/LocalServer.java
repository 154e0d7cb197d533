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
import dev.lift.spi.LifecycleState;
import dev.lift.spi.support.UrlEncoding;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local HTTP server that behaves like the function's front door: by default API Gateway's HTTP
 * API (each request becomes a payload-format-2.0 event, the kernel handles it in-process, and the
 * 2.0 response becomes the HTTP response), or a REST API or an ALB ({@link FrontDoor}). It also
 * answers the Lambda Invoke API ({@link InvokeApi}) before any routing, and can swap the kernel for
 * a new one while serving ({@link #swap}).
 *
 * <p>Each connection with a request in progress has a thread of its own (at most twice
 * {@link Limits#maxConnections()} threads: see {@link #start()}): it reads the request, runs it through the kernel and writes the
 * answer, so a slow client holds only its own thread, never one that another client needs. At most
 * {@link Limits#threads()} requests run in the kernel at once and {@link Limits#queue()} more wait;
 * beyond that a request is answered at once with a 503 problem response and {@code Retry-After}.
 * A client that takes longer than {@link Limits#readTimeout()} to send its request (headers and
 * body), or than {@link Limits#writeTimeout()} to take in the response, has its connection closed.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver}, so it costs no dependency and starts in
 * milliseconds. That server reads some settings (TCP_NODELAY, how many connections may stay open)
 * once per JVM from system properties: {@link #configureJdkServer} sets them, as {@code lift serve} does.
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class LocalServer implements AutoCloseable {

    /** Lambda's limit for a synchronous invocation's payload. */
    static final int MAX_BODY_BYTES = 6 * 1024 * 1024;

    static final String NODELAY = "sun.net.httpserver.nodelay";
    static final String MAX_CONNECTIONS = "jdk.httpserver.maxConnections";
    static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";
    private static final String SENTINEL_HEADER = "X-Lift-Drain";

    private static final ObjectMapper MAPPER = Json.mapper();
    // The server computes framing itself; copying these from a handler's response would corrupt it.
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection");
    private static final byte[] TOO_LARGE = "{\"message\":\"Request Entity Too Large\"}".getBytes(StandardCharsets.UTF_8);

    /**
     * How much the server takes on.
     *
     * @param threads requests that run in the kernel at once
     * @param queue requests that may wait for one of those threads (0: none wait)
     * @param maxConnections connections with a request in progress, each on a thread of its own
     * @param readTimeout the most a client may take to send a request, headers and body
     * @param writeTimeout the most a client may take to take in a response
     */
    record Limits(int threads, int queue, int maxConnections, Duration readTimeout, Duration writeTimeout) {

        static final int DEFAULT_MAX_CONNECTIONS = 512;
        static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

        Limits {
            threads = Math.max(1, threads);
            queue = Math.max(0, queue);
            maxConnections = Math.max(1, maxConnections);
            Objects.requireNonNull(readTimeout);
            Objects.requireNonNull(writeTimeout);
        }

        /** {@code threads} request threads, 16 times as many waiting, and the defaults for the rest. */
        static Limits of(int threads) {
            return new Limits(threads, Math.max(1, threads) * 16, DEFAULT_MAX_CONNECTIONS, DEFAULT_TIMEOUT, DEFAULT_TIMEOUT);
        }
    }

    /** A kernel and the requests using it, so that a swapped-out kernel is shut down only once they are done. */
    private static final class Served {
        final LiftKernel kernel;
        final AtomicInteger users = new AtomicInteger();

        Served(LiftKernel kernel) {
            this.kernel = Objects.requireNonNull(kernel);
        }
    }

    private final AtomicReference<Served> served;
    private volatile FrontDoor format = FrontDoor.HTTP_API;
    private final String host;
    private final int requestedPort;
    private final Limits limits;
    private final PrintStream log;
    // A request holds `admitted` from the moment it asks for a thread until it is answered; `running`
    // while it runs in the kernel. A request that finds no `admitted` permit is refused with a 503.
    private final Semaphore admitted;
    private final Semaphore running;
    // Exchanges handed to a connection thread and not finished yet: being read, run or answered.
    private final AtomicInteger exchanges = new AtomicInteger();
    private final Set<Tracked> inProgress = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Tracked> current = new ThreadLocal<>();
    private final AtomicInteger slowRequests = new AtomicInteger();
    private final AtomicInteger slowResponses = new AtomicInteger();
    private final AtomicInteger refusedConnections = new AtomicInteger();
    private final Object idle = new Object();
    private volatile boolean draining;
    private HttpServer server;
    private Thread stopper;
    private final AtomicLong dispatched = new AtomicLong();
    private final String sentinelToken = java.util.UUID.randomUUID().toString();
    private final CountDownLatch sentinelHeld = new CountDownLatch(1);
    private final CountDownLatch sentinelRelease = new CountDownLatch(1);
    private Socket sentinel;
    private volatile int boundPort;
    private volatile InetAddress boundAddress;
    private ThreadPoolExecutor connections;
    private ScheduledExecutorService watchdog;
    // Invoke API calls of type Event, run after their 202; as many as may be admitted, so never refused.
    private ThreadPoolExecutor background;
    private final AtomicLong answered = new AtomicLong();
    private volatile long answeredAtDrain = -1;

    /**
     * @param kernel the kernel that handles the requests
     * @param host the address to bind, for example {@code 127.0.0.1}
     * @param port the port, or 0 for any free port
     * @param threads how many requests run at once
     * @param log where the access log and errors go (stderr for the CLI)
     */
    public LocalServer(LiftKernel kernel, String host, int port, int threads, PrintStream log) {
        this(kernel, host, port, Limits.of(threads), log);
    }

    /** As above, with {@code queue} requests that may wait for a thread (0: none wait). */
    LocalServer(LiftKernel kernel, String host, int port, int threads, int queue, PrintStream log) {
        this(kernel, host, port, new Limits(threads, queue, Limits.DEFAULT_MAX_CONNECTIONS, Limits.DEFAULT_TIMEOUT,
                Limits.DEFAULT_TIMEOUT), log);
    }

    LocalServer(LiftKernel kernel, String host, int port, Limits limits, PrintStream log) {
        this.served = new AtomicReference<>(new Served(kernel));
        this.host = Objects.requireNonNull(host);
        this.requestedPort = port;
        this.limits = Objects.requireNonNull(limits);
        this.log = Objects.requireNonNull(log);
        this.admitted = new Semaphore(limits.threads() + limits.queue());
        this.running = new Semaphore(limits.threads(), true);
    }

    /** Serves as {@code format}'s source delivers requests (the default: API Gateway's HTTP API); call before {@link #start()}. */
    LocalServer format(FrontDoor format) {
        this.format = Objects.requireNonNull(format);
        return this;
    }

    FrontDoor format() {
        return format;
    }

    /** The kernel that handles new requests. */
    LiftKernel kernel() {
        return served.get().kernel;
    }

    /**
     * Hands new requests to {@code next} from now on, then waits until no request is using the
     * previous kernel any more (at most {@code wait}) and returns it, for the caller to shut down:
     * a request that has started with a kernel finishes with it. Thread-safe.
     *
     * @return the previous kernel
     */
    LiftKernel swap(LiftKernel next, Duration wait) {
        Served previous = served.getAndSet(new Served(next));
        long deadline = System.nanoTime() + wait.toNanos();
        while (previous.users.get() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int left = previous.users.get();
        if (left > 0) {
            log.println("lift: " + left + " request(s) still use the replaced application after " + seconds(wait)
                    + "; shutting it down anyway");
        }
        return previous.kernel;
    }

    /** The kernel for one request, counted as in use until {@link #release}. */
    private Served acquire() {
        while (true) {
            Served s = served.get();
            s.users.incrementAndGet();
            if (served.get() == s) {
                return s;
            }
            s.users.decrementAndGet(); // swapped meanwhile: take the new one
        }
    }

    private static void release(Served s) {
        s.users.decrementAndGet();
    }

    /** Requests answered so far (every status, the Invoke API's included). */
    long answered() {
        return answered.get();
    }

    /** Requests answered since {@link #drain()} began (those in flight then, and 503s to later ones); 0 before. */
    long answeredWhileDraining() {
        long at = answeredAtDrain;
        return at < 0 ? 0 : answered.get() - at;
    }

    /**
     * Sets the JDK HTTP server's process-wide settings for a server with at most {@code maxConnections}
     * connections, unless the command line set them: TCP_NODELAY on (otherwise every response waits
     * for the client's delayed ACK, about 40 ms), at most {@code maxConnections} open connections,
     * and as many of them kept alive between requests (the JDK's default closes all beyond 200). The
     * JDK reads them once, when its first server is created: call this before that.
     *
     * @return what is in effect, one phrase each, naming a property the command line set
     */
    static synchronized String configureJdkServer(int maxConnections) {
        String n = Integer.toString(Math.max(1, maxConnections));
        boolean userNoDelay = setIfAbsent(NODELAY, "true");
        boolean userMax = setIfAbsent(MAX_CONNECTIONS, n);
        boolean userIdle = setIfAbsent(MAX_IDLE_CONNECTIONS, n);
        return "TCP_NODELAY " + (Boolean.getBoolean(NODELAY) ? "on" : "off") + given(userNoDelay, NODELAY)
                + ", at most " + System.getProperty(MAX_CONNECTIONS) + " open connections" + given(userMax, MAX_CONNECTIONS)
                + ", " + System.getProperty(MAX_IDLE_CONNECTIONS) + " of them kept alive" + given(userIdle, MAX_IDLE_CONNECTIONS);
    }

    /** Sets a system property unless it is set; true when it was (by the user). */
    private static boolean setIfAbsent(String name, String value) {
        if (System.getProperty(name) != null) {
            return true;
        }
        System.setProperty(name, value);
        return false;
    }

    private static String given(boolean byUser, String name) {
        return byUser ? " (-D" + name + "=" + System.getProperty(name) + ")" : "";
    }

    /** What one connection thread is doing, so that the watchdog can close a connection whose client is too slow. */
    private static final class Tracked {
        enum Phase { READING, RUNNING, WRITING, DONE }

        final Thread thread = Thread.currentThread();
        // guarded by this
        private Phase phase = Phase.READING;
        private long deadline;
        private boolean timedOut;

        Tracked(long deadline) {
            this.deadline = deadline;
        }

        /** Moves on to {@code next}; false when the watchdog has already closed the connection. */
        synchronized boolean enter(Phase next, long nextDeadline) {
            if (timedOut) {
                return false;
            }
            phase = next;
            deadline = nextDeadline;
            return true;
        }

        synchronized boolean timedOut() {
            return timedOut;
        }

        /**
         * Interrupts the thread if it is reading or writing past its deadline: interrupting a thread
         * blocked on a socket channel closes the channel, which ends the read or write with an
         * exception. Only in those phases, and under this lock, so a request running in the kernel,
         * or the next exchange on the same thread, is never interrupted.
         */
        synchronized Phase expire(long now) {
            if ((phase == Phase.READING || phase == Phase.WRITING) && !timedOut && now - deadline > 0) {
                timedOut = true;
                thread.interrupt();
                return phase;
            }
            return null;
        }

        synchronized void done() {
            phase = Phase.DONE;
        }
    }

    /** Binds and starts serving; returns this. */
    public synchronized LocalServer start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("The server is already started");
        }
        AtomicInteger n = new AtomicInteger();
        // No queue: an exchange gets a thread at once or its connection is closed (the JDK server does
        // that when the executor refuses). A connection has at most two threads at a time: one for its
        // request and, for a moment, the one finishing its previous request (the JDK hands on the next
        // request as the response is written, before that thread is back in the pool).
        int most = connectionThreads();
        connections = new ThreadPoolExecutor(0, most, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "lift-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (r, executor) -> {
            refusedConnections.incrementAndGet();
            throw new RejectedExecutionException("all " + most + " connection threads are taken");
        });
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lift-http-timeouts");
            t.setDaemon(true);
            return t;
        });
        long tick = Math.max(50, Math.min(1000, Math.min(limits.readTimeout().toMillis(), limits.writeTimeout().toMillis()) / 4));
        watchdog.scheduleWithFixedDelay(this::expireSlowClients, tick, tick, TimeUnit.MILLISECONDS);
        background = new ThreadPoolExecutor(limits.threads(), limits.threads(), 30, TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "lift-invoke-event-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        background.allowCoreThreadTimeOut(true);
        server = HttpServer.create(new InetSocketAddress(host, requestedPort), 128);
        server.createContext("/", this::handle);
        server.setExecutor(this::dispatch);
        boundPort = server.getAddress().getPort();
        boundAddress = server.getAddress().getAddress();
        server.start();
        return this;
    }

    private int connectionThreads() {
        return (int) Math.min(Integer.MAX_VALUE, 2L * limits.maxConnections());
    }

    /** Runs an exchange (reading the request included) on a connection thread, tracked until it is finished. */
    private void dispatch(Runnable exchange) {
        exchanges.incrementAndGet();
        dispatched.incrementAndGet();
        try {
            connections.execute(() -> {
                Tracked tracked = new Tracked(System.nanoTime() + limits.readTimeout().toNanos());
                inProgress.add(tracked);
                current.set(tracked);
                try {
                    exchange.run();
                } finally {
                    tracked.done();
                    inProgress.remove(tracked);
                    current.remove();
                    Thread.interrupted(); // a watchdog's interrupt ends with its exchange
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

    /** Closes the connections of clients that are too slow, and says so once per round rather than once per connection. */
    private void expireSlowClients() {
        long now = System.nanoTime();
        for (Tracked t : inProgress) {
            Tracked.Phase p = t.expire(now);
            if (p == Tracked.Phase.READING) {
                slowRequests.incrementAndGet();
            } else if (p == Tracked.Phase.WRITING) {
                slowResponses.incrementAndGet();
            }
        }
        int requests = slowRequests.getAndSet(0);
        if (requests > 0) {
            log.println("lift: closed " + requests + " connection(s) that sent no complete request within "
                    + seconds(limits.readTimeout()));
        }
        int responses = slowResponses.getAndSet(0);
        if (responses > 0) {
            log.println("lift: closed " + responses + " connection(s) that took in no complete response within "
                    + seconds(limits.writeTimeout()));
        }
        int refused = refusedConnections.getAndSet(0);
        if (refused > 0) {
            log.println("lift: closed " + refused + " connection(s) at once: all " + connectionThreads()
                    + " connection threads were taken (twice --max-connections " + limits.maxConnections() + ")");
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The bound port. */
    public int port() {
        return boundPort;
    }

    /** The base address, for example {@code http://127.0.0.1:8080}. */
    public URI uri() {
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /**
     * Begins stopping: the listening socket closes at once, so new connections are refused; from now
     * on every response carries {@code Connection: close}; requests on connections already open are
     * still read and answered (503 once the kernel is stopping). Call it before shutting the kernel
     * down, then {@link #stop(Duration)}.
     */
    public synchronized void drain() {
        if (server == null || stopper != null) {
            return;
        }
        HttpServer s = server;
        answeredAtDrain = answered.get();
        // The JDK server's stop closes the listener and goes on serving open connections, but only
        // until its count of exchanges touches 0, which under load happens between two requests while
        // other connections' requests wait unread. One exchange of our own stays open until stop():
        // the sentinel, a request to ourselves that handle() holds.
        try {
            openSentinel();
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.println("lift: could not hold the server open while draining (" + e.getMessage() + ")");
        }
        stopper = new Thread(() -> s.stop(3600), "lift-http-stop");
        stopper.setDaemon(true);
        stopper.start();
        // The JDK's stop closes the listener first, then waits. Only then Connection: close: a client told
        // earlier would reconnect into the listener's backlog, which closing it resets.
        for (int i = 0; i < 200 && stopper.getState() != Thread.State.TIMED_WAITING
                && stopper.getState() != Thread.State.TERMINATED; i++) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        draining = true;
    }

    private void openSentinel() throws IOException, InterruptedException {
        InetAddress bound = boundAddress;
        InetAddress target = bound.isAnyLocalAddress()
                ? (bound instanceof java.net.Inet6Address ? InetAddress.getByName("::1") : InetAddress.getByName("127.0.0.1"))
                : bound;
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(target, port()), 5_000);
        sentinel = socket;
        socket.getOutputStream().write(("GET /.lift-drain HTTP/1.1\r\nHost: localhost\r\n" + SENTINEL_HEADER + ": "
                + sentinelToken + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        if (!sentinelHeld.await(5, TimeUnit.SECONDS)) {
            throw new IOException("the drain request was not taken in 5 s");
        }
    }

    /**
     * Stops: as {@link #drain()} if it was not called, then waits until no request has been in
     * flight (being read, run or answered) for a moment, for at most {@code grace}, and closes every
     * connection. An idle server stops at once. The kernel is not shut down here: call
     * {@link #drain()}, shut the kernel down ({@link LiftKernel#shutdown()} refuses new invocations,
     * with a 503 for HTTP, and lets the running ones finish), then stop the server, so that their
     * responses still go out.
     */
    public void stop(Duration grace) {
        HttpServer s;
        Thread draining;
        synchronized (this) {
            if (server == null) {
                return;
            }
            drain();
            s = server;
            draining = stopper;
            server = null;
            stopper = null;
        }
        long deadline = System.nanoTime() + Math.max(0, grace.toNanos());
        try {
            // Quiet for 100 ms: requests that clients had already sent on open connections are in by then.
            while (System.nanoTime() - deadline < 0) {
                long seen = dispatched.get();
                synchronized (idle) {
                    while (exchanges.get() > 0 && System.nanoTime() - deadline < 0) {
                        idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    }
                }
                if (exchanges.get() > 0) {
                    break;
                }
                Thread.sleep(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
                if (exchanges.get() == 0 && dispatched.get() == seen) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = exchanges.get();
        if (left > 0) {
            log.println("lift: " + left + " request(s) still in flight after " + grace.toMillis() + " ms; closing them");
        }
        sentinelRelease.countDown();
        s.stop(0); // closes what is left now; the JDK's own stop (drain) then returns too
        try {
            draining.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (sentinel != null) {
            try {
                sentinel.close();
            } catch (IOException ignored) {
                // closed by the server already
            }
        }
        connections.shutdown();
        watchdog.shutdownNow();
        background.shutdown();
        try {
            // Event invocations accepted before the drain: the kernel has refused those not yet started.
            background.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

    /** Moves this thread's exchange on, or fails when the watchdog has closed its connection. */
    private void enter(Tracked.Phase phase, Duration timeout) throws IOException {
        Tracked t = current.get();
        if (t != null && !t.enter(phase, timeout == null ? 0 : System.nanoTime() + timeout.toNanos())) {
            throw new IOException("the connection was closed: the client was too slow");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        LambdaRequest request = LambdaRequest.local();
        String rawPath = rawPath(exchange.getRequestURI());
        String note = "";
        if (sentinelHeld.getCount() > 0 && sentinelToken.equals(exchange.getRequestHeaders().getFirst(SENTINEL_HEADER))) {
            holdSentinel(exchange);
            return;
        }
        // Matched before routing: the application never sees a request to the Lambda API's path.
        boolean lambdaApi = InvokeApi.owns(rawPath);
        try {
            byte[] body = readBody(exchange);
            enter(Tracked.Phase.RUNNING, null);
            if (body == null) {
                send(exchange, lambdaApi ? InvokeApi.error(413, "RequestTooLargeException", "The request payload exceeded"
                        + " the Invoke request body JSON input quota of " + MAX_BODY_BYTES + " bytes")
                        : new FrontDoor.Response(413, Map.of("content-type", List.of("application/json")), List.of(),
                        TOO_LARGE), request, !lambdaApi);
                return;
            }
            InvokeApi.Call call = null;
            if (lambdaApi) {
                try {
                    call = InvokeApi.parse(exchange.getRequestMethod(), rawPath, exchange.getRequestHeaders(), body);
                } catch (InvokeApi.Refused refused) {
                    send(exchange, refused.response, request, false);
                    return;
                }
                request = call.request();
                if (call.type() == InvokeApi.Type.DRY_RUN) {
                    send(exchange, InvokeApi.dryRun(request), request, false);
                    return;
                }
            }
            if (!admitted.tryAcquire()) {
                // Answered here, before the kernel: the same small shape as the kernel's own fallback.
                byte[] refusal = MAPPER.writeValueAsBytes(Map.of("status", 503, "error", "Service Unavailable",
                        "detail", "The local server is busy: all " + limits.threads() + " request threads are taken and "
                                + limits.queue() + " requests are waiting; retry shortly", "requestId", request.requestId()));
                send(exchange, new FrontDoor.Response(503, Map.of("content-type", List.of("application/json"),
                        "retry-after", List.of("1")), List.of(), refusal), request, !lambdaApi);
                return;
            }
            if (call != null && call.type() == InvokeApi.Type.EVENT) {
                runLater(call, request); // holds the admission until it has run
                send(exchange, InvokeApi.accepted(request), request, false);
                return;
            }
            try {
                if (call != null) {
                    invokeApi(exchange, call, request);
                } else {
                    invoke(exchange, body, request);
                }
            } finally {
                admitted.release();
            }
        } catch (IOException e) {
            note = interrupted(exchange);
            throw e;
        } finally {
            exchange.close(); // closes the connection itself when the response could not be completed
            int sent = exchange.getResponseCode();
            if (sent > 0) {
                answered.incrementAndGet();
            }
            // Escaped: the method and a decoded path are the client's text and must not forge log lines.
            log.println(LogText.escape(exchange.getRequestMethod()) + " " + LogText.escape(rawPath) + " "
                    + (sent > 0 ? Integer.toString(sent) : "-") + " "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms " + request.requestId() + note);
        }
    }

    /** Runs an Event invocation on a background thread; the caller holds an admission, which this releases. */
    private void runLater(InvokeApi.Call call, LambdaRequest request) {
        Served s = acquire();
        try {
            background.execute(() -> {
                running.acquireUninterruptibly();
                try {
                    s.kernel.invoke(call.payload(), request);
                } catch (Throwable e) {
                    log.println("lift: event invocation " + request.requestId() + " failed: "
                            + LogText.escape(RuntimeLoop.report(e, request.requestId()).errorMessage()));
                } finally {
                    running.release();
                    release(s);
                    admitted.release();
                }
            });
        } catch (RejectedExecutionException e) { // stopped meanwhile
            release(s);
            admitted.release();
            throw e;
        }
    }

    /** A RequestResponse invocation through the Invoke API: the kernel's bytes, or the error object. */
    private void invokeApi(HttpExchange exchange, InvokeApi.Call call, LambdaRequest request) throws IOException {
        FrontDoor.Response response;
        long began = System.nanoTime();
        Served s = acquire();
        running.acquireUninterruptibly();
        try {
            response = InvokeApi.result(call, request, s.kernel.invoke(call.payload(), request), System.nanoTime() - began);
        } catch (Throwable e) { // reported to the caller as Lambda reports a function error
            log.println("lift: invocation " + request.requestId() + " failed: "
                    + (e instanceof Error ? e.getClass().getName() + ": " : "") + LogText.escape(e.getMessage()));
            response = InvokeApi.failure(call, request, e, System.nanoTime() - began);
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                running.release();
                release(s);
                send(exchange, response, request, false);
                throw (VirtualMachineError) e;
            }
        }
        running.release();
        release(s);
        Thread.interrupted();
        send(exchange, response, request, false);
    }

    /** Holds the drain's own request, uncounted, until {@link #stop} lets the JDK server close. */
    private void holdSentinel(HttpExchange exchange) {
        finished();
        try {
            enter(Tracked.Phase.RUNNING, null);
            sentinelHeld.countDown();
            sentinelRelease.await(1, TimeUnit.HOURS);
        } catch (IOException | InterruptedException e) {
            // closed or stopped: nothing to answer
        } finally {
            exchanges.incrementAndGet(); // the dispatch wrapper counts it out again
            exchange.close();
        }
    }

    /** Why an exchange's reading or writing failed, for its access-log line: the status stays the one sent, if any. */
    private String interrupted(HttpExchange exchange) {
        Tracked t = current.get();
        boolean responding = exchange.getResponseCode() > 0;
        if (t != null && t.timedOut()) {
            return responding
                    ? " (closed: the client took in no complete response within " + seconds(limits.writeTimeout()) + ")"
                    : " (closed: the client sent no complete request within " + seconds(limits.readTimeout()) + ")";
        }
        return responding ? " (the client went away before the response was complete)"
                : " (the client went away before the request was complete)";
    }

    /** Runs the request through the kernel, on one of the request threads, and writes the answer. */
    private void invoke(HttpExchange exchange, byte[] body, LambdaRequest request) throws IOException {
        byte[] response;
        FrontDoor door = format;
        Served s = acquire();
        running.acquireUninterruptibly();
        try {
            byte[] event = MAPPER.writeValueAsBytes(toEvent(exchange, body, request.requestId()));
            response = s.kernel.invoke(event, request);
        } catch (Throwable e) { // whatever a handler did, the client gets an answer
            running.release();
            release(s);
            Thread.interrupted(); // a handler's interrupt must not cut the answer short
            // What the front door answers when the function fails; the reason goes to the log.
            log.println("lift: request " + request.requestId() + " failed: "
                    + (e instanceof Error ? e.getClass().getName() + ": " : "") + LogText.escape(e.getMessage()));
            send(exchange, door.functionError(), request, true);
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e; // answered; out of memory still reaches the JVM's handler
            }
            return;
        }
        running.release();
        release(s);
        Thread.interrupted(); // likewise: an interrupted thread's socket write would close the connection
        send(exchange, door.response(response), request, true);
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

    /** The event {@link #format()}'s source delivers for this request. */
    ObjectNode toEvent(HttpExchange exchange, byte[] body, String requestId) {
        URI uri = exchange.getRequestURI();
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
        return format.event(new FrontDoor.Request(exchange.getRequestMethod(), rawPath(uri), rawQuery, headers,
                exchange.getProtocol(), exchange.getRemoteAddress().getAddress().getHostAddress(), host + ":" + port(),
                port(), body, requestId));
    }

    /** True from {@link #stop} on, or while the kernel refuses invocations because it is stopping. */
    private boolean stopping() {
        LifecycleState state = served.get().kernel.state();
        return draining || state == LifecycleState.STOPPING || state == LifecycleState.STOPPED;
    }

    /** Writes a response; {@code fromGateway} adds the headers the front door adds to every response. */
    private void send(HttpExchange exchange, FrontDoor.Response response, LambdaRequest request, boolean fromGateway)
            throws IOException {
        enter(Tracked.Phase.WRITING, limits.writeTimeout());
        int status = response.status();
        byte[] body = response.body();
        com.sun.net.httpserver.Headers out = exchange.getResponseHeaders();
        response.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> out.add(name, v));
            }
        });
        response.cookies().forEach(c -> out.add("Set-Cookie", c));
        if (fromGateway) {
            Map<String, List<String>> extra = new LinkedHashMap<>();
            format.gatewayHeaders(extra, request.requestId());
            extra.forEach((name, values) -> out.put(name, values));
        }
        if (stopping()) {
            // The JDK server closes the connection after this response; the client knows not to reuse it.
            out.set("Connection", "close");
        }
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
