package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import dev.lift.spi.LifecycleState;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What {@code lift serve} does with connections: clients that leave mid-response, kept-alive connections while it stops. */
class LocalServerConnectionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private String log() {
        synchronized (logBytes) {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** One HTTP/1.1 response read off a raw socket: status, headers (lower-case names) and body. */
    record Response(int status, Map<String, String> headers, String body) {

        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("the connection closed before a response");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers,
                    new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    return b.length() == 0 ? null : b.toString();
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }
    }

    private static void sendGet(OutputStream out, String path) throws IOException {
        out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Test
    void aClientThatLeavesMidResponseIsLoggedWithTheStatusSentAndANote() throws Exception {
        // The 6 MB echo: above the security-headers plugin's default body limit (1 MB).
        LiftKernel kernel = Lift.builder().environment(Cli.BOTH_APPS)
                .setting("lift.security-headers.max-body-bytes", Integer.toString(LocalServer.MAX_BODY_BYTES)).build();
        try (LocalServer server = new LocalServer(kernel, "127.0.0.1", 0, 2, log).start();
             Socket socket = new Socket()) {
            // A small receive window, so that the 6 MB echo cannot all sit in socket buffers when the client leaves.
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            byte[] body = new byte[LocalServer.MAX_BODY_BYTES];
            OutputStream out = socket.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(12);
            assertEquals("HTTP/1.1 200", new String(start, StandardCharsets.ISO_8859_1));
            socket.setSoLinger(true, 0); // leave with a reset, as a client that is killed or gives up does
            socket.close();
            for (int i = 0; i < 200 && !log().contains("POST /echo"); i++) {
                Thread.sleep(50);
            }
            String line = log().lines().filter(l -> l.startsWith("POST /echo")).findFirst().orElse(log());
            assertTrue(Pattern.matches("POST /echo 200 \\d+ ms [0-9a-f-]{36} \\(the client went away before the "
                    + "response was complete\\)", line), line);
        } finally {
            kernel.shutdown();
        }
    }

    @Test
    void aClientThatTakesInNoResponseIsDisconnectedAfterTheWriteTimeout() throws Exception {
        // The 6 MB echo: above the security-headers plugin's default body limit (1 MB).
        LiftKernel kernel = Lift.builder().environment(Cli.BOTH_APPS)
                .setting("lift.security-headers.max-body-bytes", Integer.toString(LocalServer.MAX_BODY_BYTES)).build();
        LocalServer.Limits limits = new LocalServer.Limits(2, 8, 16, Duration.ofSeconds(10), Duration.ofSeconds(1));
        try (LocalServer server = new LocalServer(kernel, "127.0.0.1", 0, limits, log).start();
             Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            byte[] body = new byte[LocalServer.MAX_BODY_BYTES];
            OutputStream out = socket.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            // The client reads nothing: after a second the server gives up on it and says so.
            // Two lines from two threads: the access line from the connection's thread once its write fails, the
            // summary from the timer that closed it, in either order. Wait for both (a loaded machine once
            // asserted between them).
            String closed = "lift: closed 1 connection(s) that took in no complete response within 1 s";
            for (int i = 0; i < 300 && !(log().contains("POST /echo") && log().contains(closed)); i++) {
                Thread.sleep(50);
            }
            String line = log().lines().filter(l -> l.startsWith("POST /echo")).findFirst().orElse(log());
            assertTrue(Pattern.matches("POST /echo 200 \\d+ ms [0-9a-f-]{36} \\(closed: the client took in no complete "
                    + "response within 1 s\\)", line), line);
            assertTrue(log().contains(closed), log());
            // Still serving others.
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri()
                    + "/hello/next")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        } finally {
            kernel.shutdown();
        }
    }

    @Test
    void whileStoppingARequestOnAKeptAliveConnectionGets503AndConnectionClose() throws Exception {
        CliTestApp.ENTERED = new CountDownLatch(1);
        CliTestApp.RELEASE = new CountDownLatch(1);
        LiftKernel draining = Lift.builder().environment(Cli.BOTH_APPS).setting("lift.kernel.drain-time", "20s").build();
        LocalServer serving = new LocalServer(draining, "127.0.0.1", 0, 4, log).start();
        URI base = serving.uri();
        CompletableFuture<Void> stopped = null;
        try (Socket kept = new Socket("127.0.0.1", serving.port())) {
            kept.setSoTimeout((int) TIMEOUT.toMillis());
            InputStream in = new BufferedInputStream(kept.getInputStream());
            sendGet(kept.getOutputStream(), "/hello/first");
            Response first = Response.read(in);
            assertEquals(200, first.status());
            assertTrue(!"close".equalsIgnoreCase(first.headers().get("connection")), first.headers().toString());

            HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            CompletableFuture<HttpResponse<String>> held = client.sendAsync(HttpRequest.newBuilder(
                    URI.create(base + "/hold")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(CliTestApp.ENTERED.await(10, TimeUnit.SECONDS), "the held request never ran");
            stopped = CompletableFuture.runAsync(() -> ServeCommand.stop(draining, serving));
            for (int i = 0; i < 200 && draining.state() != LifecycleState.STOPPING; i++) {
                Thread.sleep(25);
            }
            assertEquals(LifecycleState.STOPPING, draining.state());

            // The kept-alive connection's next request is answered, and the client is told to go away.
            sendGet(kept.getOutputStream(), "/hello/second");
            Response second = Response.read(in);
            assertEquals(503, second.status(), second.body());
            assertEquals("close", second.headers().get("connection"), second.headers().toString());
            assertEquals(-1, in.read(), "the server closes the connection after the 503");

            CliTestApp.RELEASE.countDown();
            HttpResponse<String> answered = held.get(10, TimeUnit.SECONDS);
            assertEquals(200, answered.statusCode());
            assertEquals("close", answered.headers().firstValue("connection").orElse(null));
            stopped.get(10, TimeUnit.SECONDS);
        } finally {
            CliTestApp.RELEASE.countDown();
            if (stopped == null) {
                ServeCommand.stop(draining, serving);
            }
        }
    }
}
