package dev.lift.plugins.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftBootException;
import dev.lift.kernel.LiftKernel;
import dev.lift.kernel.PluginInfo;
import dev.lift.plugins.testsupport.LogCapture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plugin against a local emulation of the Lambda Extensions API on 127.0.0.1. */
class LambdaExtensionPluginTest {

    record Call(String method, String path, String name, String id, String body) {
    }

    private HttpServer api;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch nextCalled = new CountDownLatch(1);
    private final CountDownLatch releaseNext = new CountDownLatch(1);
    private volatile int registerStatus = 200;

    @BeforeEach
    void start() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        api.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-extensions-api");
            t.setDaemon(true);
            return t;
        }));
        api.createContext("/2020-01-01/extension/", this::handle);
        api.start();
    }

    @AfterEach
    void stop() {
        releaseNext.countDown();
        api.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        calls.add(new Call(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Lambda-Extension-Name"),
                ex.getRequestHeaders().getFirst("Lambda-Extension-Identifier"), body));
        if (path.endsWith("/register")) {
            if (registerStatus == 200) {
                ex.getResponseHeaders().add("Lambda-Extension-Identifier", "ext-7f3a");
            }
            byte[] answer = "{\"functionName\":\"f\",\"functionVersion\":\"$LATEST\",\"handler\":\"h\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(registerStatus, answer.length);
            ex.getResponseBody().write(answer);
        } else if (path.endsWith("/event/next")) {
            nextCalled.countDown();
            try {
                releaseNext.await(30, TimeUnit.SECONDS); // Lambda holds this call until it has an event
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = "{\"eventType\":\"SHUTDOWN\",\"shutdownReason\":\"spindown\",\"deadlineMs\":1}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
        } else {
            ex.sendResponseHeaders(404, -1);
        }
        ex.close();
    }

    private String address() {
        return "127.0.0.1:" + api.getAddress().getPort();
    }

    private static PluginInfo info(LiftKernel kernel) {
        return kernel.plugins().stream().filter(p -> p.id().equals("lambda-extension")).findFirst().orElseThrow();
    }

    @Test
    void registersDuringBootForNoEventsThenWaitsOnTheNextEventWithItsId() throws Exception {
        LambdaExtensionPlugin plugin = new LambdaExtensionPlugin();
        try (LiftKernel kernel = Lift.builder().discover(false).plugin(plugin)
                .setting("lift.lambda-extension.runtime-api", address()).build()) {
            // Registration is done when boot returns: Lambda only accepts it before the runtime's first next.
            assertEquals(new Call("POST", "/2020-01-01/extension/register", "lift", null, "{\"events\":[]}"), calls.get(0));
            assertTrue(nextCalled.await(10, TimeUnit.SECONDS), "the extension never asked for its next event");
            assertEquals(new Call("GET", "/2020-01-01/extension/event/next", null, "ext-7f3a", ""), calls.get(1));
            assertTrue(info(kernel).active());
            assertTrue(plugin.waiter().isDaemon(), "the waiting thread must never keep the JVM alive");
            releaseNext.countDown();
            plugin.waiter().join(10_000);
            assertFalse(plugin.waiter().isAlive(), "after a SHUTDOWN event the waiter ends");
        }
    }

    @Test
    void theNameCanBeSetAndIsSentAsLambdaExtensionName() {
        try (LiftKernel kernel = Lift.builder().discover(false).plugin(new LambdaExtensionPlugin())
                .setting("lift.lambda-extension.runtime-api", address())
                .setting("lift.lambda-extension.name", "orders-lift").build()) {
            assertEquals("orders-lift", calls.get(0).name());
        }
    }

    @Test
    void turnedOffBySettingItSendsNothing() {
        try (LiftKernel kernel = Lift.builder().discover(false).plugin(new LambdaExtensionPlugin())
                .setting("lift.lambda-extension.runtime-api", address())
                .setting("lift.lambda-extension.enabled", "false").build()) {
            assertFalse(info(kernel).active());
            assertEquals(List.of(), calls);
        }
    }

    @Test
    void outsideLambdaItDeclines() {
        // No runtime-api setting: the plugin falls back to AWS_LAMBDA_RUNTIME_API, which the build never sets.
        try (LiftKernel kernel = Lift.builder().discover(false).plugin(new LambdaExtensionPlugin()).build()) {
            assertEquals(System.getenv("AWS_LAMBDA_RUNTIME_API") != null, info(kernel).active());
            assertEquals(List.of(), calls);
        }
    }

    @Test
    void aRefusedRegistrationIsLoggedAndBootGoesOn() {
        registerStatus = 403;
        try (LogCapture log = LogCapture.on("");
             LiftKernel kernel = Lift.builder().discover(false).plugin(new LambdaExtensionPlugin())
                .setting("lift.lambda-extension.runtime-api", address()).build()) {
            assertFalse(info(kernel).active());
            assertTrue(log.records(Level.WARNING).stream().anyMatch(r -> r.getMessage().contains("HTTP 403")
                    && r.getMessage().contains("SIGTERM will not reach")), log.lines().toString());
        }
    }

    @Test
    void anUnreachableApiIsLoggedAndBootGoesOn() throws Exception {
        String closedPort = address();
        api.stop(0);
        try (LogCapture log = LogCapture.on("");
             LiftKernel kernel = Lift.builder().discover(false).plugin(new LambdaExtensionPlugin())
                .setting("lift.lambda-extension.runtime-api", closedPort).build()) {
            assertFalse(info(kernel).active());
            assertTrue(log.records(Level.WARNING).stream().anyMatch(r -> r.getMessage().contains("Could not register")),
                    log.lines().toString());
        }
    }

    @Test
    void badSettingsFailBootNamingTheSettingAndWhatIsAllowed() {
        LiftBootException enabled = assertThrows(LiftBootException.class, () -> Lift.builder().discover(false)
                .plugin(new LambdaExtensionPlugin()).setting("lift.lambda-extension.enabled", "yes").build());
        assertTrue(enabled.getMessage().contains("lift.lambda-extension.enabled")
                && enabled.getMessage().contains("true or false"), enabled.getMessage());
        LiftBootException name = assertThrows(LiftBootException.class, () -> Lift.builder().discover(false)
                .plugin(new LambdaExtensionPlugin()).setting("lift.lambda-extension.name", "a b\nc").build());
        assertTrue(name.getMessage().contains("lift.lambda-extension.name")
                && name.getMessage().contains("letters, digits"), name.getMessage());
        LiftBootException address = assertThrows(LiftBootException.class, () -> Lift.builder().discover(false)
                .plugin(new LambdaExtensionPlugin()).setting("lift.lambda-extension.runtime-api", "localhost").build());
        assertTrue(address.getMessage().contains("runtime-api") && address.getMessage().contains("host:port"),
                address.getMessage());
    }
}
