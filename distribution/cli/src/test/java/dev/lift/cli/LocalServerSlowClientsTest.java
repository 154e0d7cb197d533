package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code lift serve} while slowloris clients hold connections open by sending their headers a byte at a time. */
class LocalServerSlowClientsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private LiftKernel kernel;
    private HttpClient client;

    @BeforeEach
    void boot() {
        kernel = Lift.builder().environment(Cli.BOTH_APPS).build();
        client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @AfterEach
    void shutdown() {
        kernel.shutdown();
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Threads of the local server (request and connection threads), counted by name. */
    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("lift-http")).count();
    }

    @Test
    void aNormalClientIsAnsweredWhileSlowClientsDribbleTheirHeaders() throws Exception {
        // Four request threads and forty slow connections: headers being read must not take the request threads.
        try (LocalServer server = new LocalServer(kernel, "127.0.0.1", 0, 4, log).start();
             SlowClients slow = new SlowClients(server.uri(), 40, Duration.ofMillis(200), Duration.ofSeconds(30))) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = get(server.uri(), "/hello/normal" + i);
                assertEquals(200, r.statusCode(), r.body());
                assertEquals("{\"message\":\"Hello, normal" + i + "!\"}", r.body());
            }
            assertEquals(0, slow.closedByServer(), "slow clients are cut off only after the read timeout (30 s by default)");
        }
    }

    @Test
    void slowClientsAreCutOffAfterTheReadTimeoutAndTheThreadsStayBounded() throws Exception {
        long before = serverThreads();
        LocalServer.Limits limits = new LocalServer.Limits(2, 8, 16, Duration.ofSeconds(1), Duration.ofSeconds(1));
        try (LocalServer server = new LocalServer(kernel, "127.0.0.1", 0, limits, log).start();
             SlowClients slow = new SlowClients(server.uri(), 100, Duration.ofMillis(100), Duration.ofSeconds(40))) {
            long most = 0;
            // Bounded: at most 30 s for every slow connection to be closed (1 s read timeout, 16 connections at once).
            for (int i = 0; i < 300 && slow.closedByServer() < slow.count(); i++) {
                most = Math.max(most, serverThreads() - before);
                Thread.sleep(100);
            }
            assertEquals(slow.count(), slow.closedByServer(), "every slow connection is closed by the server");
            // A thread per connection being read or answered, at most twice max-connections, plus the watchdog.
            assertTrue(most <= 2 * 16 + 1, "server threads grew to " + most);
            HttpResponse<String> r = get(server.uri(), "/hello/after");
            assertEquals(200, r.statusCode(), r.body());
        }
        String text = logBytes.toString(StandardCharsets.UTF_8);
        // Said once per round of the watchdog, not once per connection.
        assertTrue(Pattern.compile("(?m)^lift: closed \\d+ connection\\(s\\) that sent no complete request within 1 s$")
                .matcher(text).find(), text);
        assertTrue(Pattern.compile("(?m)^lift: closed \\d+ connection\\(s\\) at once: all 32 connection threads were taken "
                + "\\(twice --max-connections 16\\)$").matcher(text).find(), text);
    }
}
