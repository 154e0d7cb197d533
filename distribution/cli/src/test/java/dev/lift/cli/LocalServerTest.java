package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.api.Json;
import dev.lift.spi.LifecycleState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code lift serve}'s server, started in-process on a free port and driven over real HTTP. */
class LocalServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private LiftKernel kernel;
    private LocalServer server;
    private HttpClient client;

    @BeforeEach
    void start() throws IOException {
        kernel = Lift.builder().environment(Cli.BOTH_APPS).build();
        server = new LocalServer(kernel, "127.0.0.1", 0, 8, new PrintStream(logBytes, true, StandardCharsets.UTF_8)).start();
        client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        kernel.shutdown();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(server.uri() + pathAndQuery)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.BodyPublisher json(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    private static JsonNode parse(String json) throws IOException {
        return Json.mapper().readTree(json);
    }

    private String log() {
        synchronized (logBytes) {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void servesTheExampleTodoApiEndToEnd() throws Exception {
        HttpResponse<String> created = send(request("/todos").header("Content-Type", "application/json")
                .POST(json("{\"title\":\"Try Lift\"}")));
        assertEquals(201, created.statusCode());
        assertEquals("/todos/1", created.headers().firstValue("location").orElse(null));
        assertEquals(parse("{\"id\":\"1\",\"title\":\"Try Lift\",\"done\":false}"), parse(created.body()));

        HttpResponse<String> read = send(request("/todos/1").GET());
        assertEquals(200, read.statusCode());
        assertEquals("application/json", read.headers().firstValue("content-type").orElse(null));
        assertEquals(parse("{\"id\":\"1\",\"title\":\"Try Lift\",\"done\":false}"), parse(read.body()));

        HttpResponse<String> updated = send(request("/todos/1").header("Content-Type", "application/json")
                .PUT(json("{\"title\":\"Try Lift\",\"done\":true}")));
        assertEquals(200, updated.statusCode());
        assertEquals(parse("{\"id\":\"1\",\"title\":\"Try Lift\",\"done\":true}"), parse(updated.body()));

        HttpResponse<String> list = send(request("/todos").GET());
        assertEquals(parse("[{\"id\":\"1\",\"title\":\"Try Lift\",\"done\":true}]"), parse(list.body()));

        HttpResponse<String> deleted = send(request("/todos/1").DELETE());
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());

        HttpResponse<String> gone = send(request("/todos/1").GET());
        assertEquals(404, gone.statusCode());
        assertEquals("application/problem+json", gone.headers().firstValue("content-type").orElse(null));
        assertEquals("There is no todo with id 1", parse(gone.body()).path("detail").asText());
    }

    @Test
    void answersValidationErrorsUnknownPathsAndWrongMethodsLikeTheGateway() throws Exception {
        HttpResponse<String> invalid = send(request("/todos").header("Content-Type", "application/json")
                .POST(json("{\"title\":\"\"}")));
        assertEquals(422, invalid.statusCode());
        JsonNode problem = parse(invalid.body());
        assertEquals(parse("[{\"field\":\"title\",\"message\":\"must not be blank\"}]"), problem.path("errors"));
        assertEquals(422, problem.path("status").asInt());

        HttpResponse<String> missing = send(request("/nothing/here").GET());
        assertEquals(404, missing.statusCode());
        assertEquals("No route matches GET /nothing/here", parse(missing.body()).path("detail").asText());

        HttpResponse<String> wrongMethod = send(request("/todos/1").method("PATCH", json("{}")));
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("DELETE, GET, HEAD, PUT", wrongMethod.headers().firstValue("allow").orElse(null));
    }

    @Test
    void turnsTheRequestIntoAnHttpApiEvent() throws Exception {
        HttpResponse<String> r = send(request("/request?a=1&a=2&b=x%20y").header("X-Multi", "one")
                .header("X-Multi", "two").GET());
        assertEquals(200, r.statusCode());
        assertEquals(parse("{\"method\":\"GET\",\"path\":\"/request\",\"query\":{\"a\":[\"1\",\"2\"],\"b\":[\"x y\"]},"
                + "\"multi\":[\"one,two\"],\"sourceIp\":\"127.0.0.1\"}"), parse(r.body()));
    }

    @Test
    void handlesTwentyRequestsAtOnce() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(client.sendAsync(request("/todos").header("Content-Type", "application/json")
                    .POST(json("{\"title\":\"task " + i + "\"}")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Set<String> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.get();
            assertEquals(201, r.statusCode(), r.body());
            JsonNode todo = parse(r.body());
            ids.add(todo.path("id").asText());
            titles.add(todo.path("title").asText());
        }
        assertEquals(20, ids.size());
        assertEquals(20, titles.size());
        assertEquals(20, parse(send(request("/todos").GET()).body()).size());
    }

    @Test
    void roundTripsBinaryBodies() throws Exception {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        HttpResponse<byte[]> r = client.send(request("/echo").header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("image/png", r.headers().firstValue("content-type").orElse(null));
        assertArrayEquals(bytes, r.body());
    }

    @Test
    void passesCookiesInAndSetsEachCookieOut() throws Exception {
        HttpResponse<String> r = send(request("/cookies").header("Cookie", "session=abc; theme=dark").GET());
        assertEquals(200, r.statusCode());
        assertEquals(parse("{\"session\":\"abc\",\"theme\":\"dark\"}"), parse(r.body()));
        assertEquals(List.of("a=1; Path=/", "b=2; HttpOnly"), r.headers().allValues("set-cookie"));
    }

    /** As from a deployed HTTP API: the path reaches the handler decoded exactly once. */
    @Test
    void anEncodedPathIsDecodedOnceAsAnHttpApiWouldDeliverIt() throws Exception {
        HttpResponse<String> space = send(request("/hello/ada%20lovelace").GET());
        assertEquals(200, space.statusCode(), space.body());
        assertEquals("{\"message\":\"Hello, ada lovelace!\"}", space.body());
        HttpResponse<String> percent = send(request("/hello/100%2525").GET());
        assertEquals("{\"message\":\"Hello, 100%25!\"}", percent.body());
    }

    @Test
    void writesOneAccessLogLinePerRequest() throws Exception {
        HttpResponse<String> r = send(request("/hello/log").GET());
        assertEquals(200, r.statusCode());
        String requestId = r.headers().firstValue("apigw-requestid").orElseThrow();
        send(request("/missing").GET());
        // The line is written as the exchange closes, which can be just after the client has the response.
        for (int i = 0; i < 100 && log().strip().split("\n").length < 2; i++) {
            Thread.sleep(50);
        }
        String[] lines = log().strip().split("\n");
        assertEquals(2, lines.length, log());
        assertTrue(Pattern.matches("GET /hello/log 200 \\d+ ms " + Pattern.quote(requestId), lines[0]), lines[0]);
        assertTrue(Pattern.matches("GET /missing 404 \\d+ ms [0-9a-f-]{36}", lines[1]), lines[1]);
    }

    @Test
    void aMethodWithEscapeCharactersIsWrittenEscapedOnItsOneAccessLogLine() throws Exception {
        try (java.net.Socket socket = new java.net.Socket(server.uri().getHost(), server.uri().getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(("GET\u001b[31m\rFORGED /hello/x HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.getInputStream().readAllBytes();
        }
        for (int i = 0; i < 100 && log().isEmpty(); i++) {
            Thread.sleep(50);
        }
        String log = log();
        assertEquals(1, log.strip().split("\n").length, log);
        assertTrue(log.startsWith("GET\\u001b[31m\\rFORGED /hello/x "), log);
        assertFalse(log.contains("\u001b") || log.strip().contains("\r"), log);
    }

    @Test
    void aPathThatStartsWithTwoSlashesReachesTheAppAsSent() throws Exception {
        // java.net.URI would read "//hello/x" as the authority "hello" and the path "/x".
        HttpResponse<String> r = send(request("//hello/x").GET());
        assertEquals(404, r.statusCode());
        assertEquals("No route matches GET //hello/x", parse(r.body()).path("detail").asText());
        assertEquals("//hello/x", parse(r.body()).path("instance").asText());
        HttpResponse<String> withQuery = send(request("//todos/1?a=1").GET());
        assertEquals("No route matches GET //todos/1", parse(withQuery.body()).path("detail").asText());
        for (int i = 0; i < 100 && !log().contains("GET //todos/1 404"); i++) {
            Thread.sleep(50);
        }
        assertTrue(log().contains("GET //hello/x 404 "), log());
        assertTrue(log().contains("GET //todos/1 404 "), log());
    }

    @Test
    void rawPathKeepsWhatTheClientSent() {
        assertEquals("//hello/x", LocalServer.rawPath(URI.create("//hello/x?a=1")));
        assertEquals("///x", LocalServer.rawPath(URI.create("///x")));
        assertEquals("/a//b%2Fc", LocalServer.rawPath(URI.create("/a//b%2Fc?q")));
        assertEquals("/", LocalServer.rawPath(URI.create("?only=query")));
        assertEquals("/x", LocalServer.rawPath(URI.create("http://example.com/x?y")));
    }

    @Test
    void answers503AtOnceWhenEveryThreadAndTheQueueAreTaken() throws Exception {
        CliTestApp.ENTERED = new CountDownLatch(1);
        CliTestApp.RELEASE = new CountDownLatch(1);
        try (LocalServer small = new LocalServer(kernel, "127.0.0.1", 0, 1, 0,
                new PrintStream(logBytes, true, StandardCharsets.UTF_8)).start()) {
            CompletableFuture<HttpResponse<String>> held = client.sendAsync(HttpRequest.newBuilder(
                    URI.create(small.uri() + "/hold")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(CliTestApp.ENTERED.await(10, TimeUnit.SECONDS), "the first request never ran");
            // The only thread is busy and nothing may wait: answered at once, not queued behind it.
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(small.uri() + "/hello/busy"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(1, CliTestApp.RELEASE.getCount(), "the held request must still be in flight");
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("application/json", refused.headers().firstValue("content-type").orElse(null));
            assertEquals("1", refused.headers().firstValue("retry-after").orElse(null));
            JsonNode problem = parse(refused.body());
            assertEquals("Service Unavailable", problem.path("error").asText());
            assertEquals("The local server is busy: all 1 request threads are taken and 0 requests are waiting; "
                    + "retry shortly", problem.path("detail").asText());
            assertEquals(refused.headers().firstValue("apigw-requestid").orElse(null), problem.path("requestId").asText());
            CliTestApp.RELEASE.countDown();
            HttpResponse<String> answered = held.get(10, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode());
            assertEquals("released", answered.body());
            // Once the thread is free again, requests are served.
            assertEquals("{\"message\":\"Hello, again!\"}", client.send(HttpRequest.newBuilder(
                    URI.create(small.uri() + "/hello/again")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body());
        } finally {
            CliTestApp.RELEASE.countDown();
        }
    }

    @Test
    void stoppingAnswersTheRequestInFlightRefusesNewConnectionsAndThenCloses() throws Exception {
        CliTestApp.ENTERED = new CountDownLatch(1);
        CliTestApp.RELEASE = new CountDownLatch(1);
        LiftKernel draining = Lift.builder().environment(Cli.BOTH_APPS).setting("lift.kernel.drain-time", "20s").build();
        LocalServer serving = new LocalServer(draining, "127.0.0.1", 0, 4,
                new PrintStream(logBytes, true, StandardCharsets.UTF_8)).start();
        URI base = serving.uri();
        CompletableFuture<Void> stopped = null;
        try {
            CompletableFuture<HttpResponse<String>> held = client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/hold"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(CliTestApp.ENTERED.await(10, TimeUnit.SECONDS), "the first request never ran");
            stopped = CompletableFuture.runAsync(() -> ServeCommand.stop(draining, serving));
            for (int i = 0; i < 200 && draining.state() != LifecycleState.STOPPING; i++) {
                Thread.sleep(25);
            }
            assertEquals(LifecycleState.STOPPING, draining.state());
            // While the kernel drains, the server no longer listens: a new connection is refused, not left
            // hanging (a request on a kept-alive connection gets a 503: LocalServerConnectionsTest).
            HttpClient fresh = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            assertThrows(ConnectException.class, () -> fresh.send(HttpRequest.newBuilder(URI.create(base + "/hello/late"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()));
            assertFalse(stopped.isDone(), "stop must wait for the request in flight");

            CliTestApp.RELEASE.countDown();
            HttpResponse<String> answered = held.get(10, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode());
            assertEquals("released", answered.body());
            stopped.get(10, TimeUnit.SECONDS);
            assertEquals(LifecycleState.STOPPED, draining.state());
            assertThrows(ConnectException.class, () -> fresh.send(HttpRequest.newBuilder(URI.create(base + "/hello/gone"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()));
        } finally {
            CliTestApp.RELEASE.countDown();
            if (stopped == null) {
                ServeCommand.stop(draining, serving);
            }
        }
    }

    @Test
    void aStackOverflowOrOutOfMemoryInAHandlerIsAnswered500AndTheServerKeepsServing() throws Exception {
        dev.lift.api.LiftApplication failing = new dev.lift.api.LiftApplication() {
            @Override
            public String id() {
                return "vm-errors";
            }

            @Override
            public void configure(dev.lift.api.Routes routes) {
                routes.get("/deep", (req, ctx) -> {
                    throw new StackOverflowError();
                });
                routes.get("/out-of-memory", (req, ctx) -> {
                    throw new OutOfMemoryError("simulated");
                });
            }
        };
        LiftKernel own = Lift.builder().environment(Cli.BOTH_APPS).plugin(failing).build();
        // One request thread: the requests after the errors are served by the thread (or its replacement) that met them.
        LocalServer one = new LocalServer(own, "127.0.0.1", 0, 1, new PrintStream(logBytes, true, StandardCharsets.UTF_8))
                .start();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e)); // keeps the simulated error out of the output
        try {
            for (String path : List.of("/deep", "/out-of-memory", "/deep")) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(one.uri() + path)).timeout(TIMEOUT)
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(500, r.statusCode(), path + ": " + r.body());
                assertFalse(r.body().contains("StackOverflow") || r.body().contains("OutOfMemory") || r.body().contains("simulated"),
                        r.body());
            }
            HttpResponse<String> after = client.send(HttpRequest.newBuilder(URI.create(one.uri() + "/hello/again"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, after.statusCode(), after.body());
            assertTrue(log().contains("GET /out-of-memory 500 "), log());
        } finally {
            one.stop(0);
            own.shutdown();
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }

    @Test
    void refusesBodiesLargerThanLambdaAccepts() throws Exception {
        byte[] big = new byte[LocalServer.MAX_BODY_BYTES + 1];
        HttpResponse<String> r = send(request("/echo").POST(HttpRequest.BodyPublishers.ofByteArray(big)));
        assertEquals(413, r.statusCode());
        assertEquals("{\"message\":\"Request Entity Too Large\"}", r.body());
    }
}
