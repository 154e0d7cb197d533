package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import dev.lift.spi.LifecycleState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lift serve --watch}: a plugin jar replaced while a client keeps calling it, then a broken
 * one, with the real reloader, the real server and the real kernel over HTTP on 127.0.0.1.
 */
class ServeWatchTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    private String log() {
        synchronized (logBytes) {
            return logBytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aReplacedJarServesItsNewVersionWithoutOneFailedRequestAndABrokenOneLeavesTheOldServing(@TempDir Path work)
            throws Exception {
        Path plugins = GreeterPluginJar.build(work);
        Path jar = plugins.resolve(GreeterPluginJar.JAR_NAME);
        PluginReloader reloader = new PluginReloader(plugins, Map.of(), log, Duration.ofMillis(50), Duration.ofMillis(100));
        PluginReloader.Generation first = reloader.boot();
        LocalServer server = new LocalServer(first.kernel(), "127.0.0.1", 0, 4, log).start();
        reloader.watch(first, server);
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        URI greet = URI.create(server.uri() + "/acme/greet/ann");

        // A client that keeps calling during the swaps and records every answer that is not a greeting.
        AtomicBoolean calling = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        List<String> errors = new CopyOnWriteArrayList<>();
        Thread caller = new Thread(() -> {
            while (calling.get()) {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(greet).timeout(TIMEOUT).build(),
                            HttpResponse.BodyHandlers.ofString());
                    String greeting = Json.mapper().readTree(r.body()).path("greeting").asText();
                    if (r.statusCode() != 200 || !greeting.endsWith("ann from a dropped-in plugin")) {
                        errors.add(r.statusCode() + " " + r.body());
                    }
                    calls.incrementAndGet();
                } catch (Exception e) {
                    errors.add(e.toString());
                }
            }
        }, "watch-test-caller");
        caller.start();
        try {
            assertEquals("Hi ann from a dropped-in plugin", greeting(client, greet));

            GreeterPluginJar.writeVersion(work, jar, "Hello", false);
            awaitGreeting(client, greet, "Hello ann from a dropped-in plugin");
            int afterFirstSwap = calls.get();
            // The replaced version shut down and its jars were closed: nothing more loads from them.
            awaitTrue(() -> first.kernel().state() == LifecycleState.STOPPED, "the replaced kernel did not stop");
            assertNull(first.loader().getResource("com/acme/greeter/GreeterApp.class"), "the old jars are still open");
            assertFalse(Files.exists(first.snapshot()), "the old copies were not deleted");
            PluginReloader.Generation second = reloader.current();
            assertNotSame(first, second);
            assertSame(second.kernel(), server.kernel());

            GreeterPluginJar.writeVersion(work, jar, "Broken", true);
            awaitTrue(() -> log().contains("failed to boot"), "the broken version was not reported; log: " + log());
            assertTrue(log().contains("broken on purpose"), log());
            assertEquals("Hello ann from a dropped-in plugin", greeting(client, greet));
            assertSame(second, reloader.current(), "the broken version replaced the working one");

            // Calls went on throughout, and after the swap too.
            awaitTrue(() -> calls.get() > afterFirstSwap + 5, "the client loop stalled");
        } finally {
            calling.set(false);
            caller.join(TIMEOUT.toMillis());
            reloader.close();
            ServeCommand.stop(server.kernel(), server);
            reloader.current().retire(log);
        }
        assertEquals(List.of(), errors, "the client saw errors during the swaps; log: " + log());
        assertTrue(log().contains("lift: serve --watch: reloaded " + plugins), log());
        assertTrue(log().contains("acme-greeter (" + jar + ")"), "the reload names the jar, not its copy: " + log());
        assertFalse(Files.exists(reloader.current().snapshot()));
    }

    @Test
    void watchWithoutAPluginsDirectoryIsRefusedNamingWhatItNeeds() {
        Cli cli = Cli.run("serve", "--watch", "--port", "0");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().startsWith("--watch needs a plugins directory: give --plugins DIR or set LIFT_PLUGINS_DIR"),
                cli.err());
    }

    private static String greeting(HttpClient client, URI uri) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = Json.mapper().readTree(r.body());
        return body.path("greeting").asText();
    }

    private void awaitGreeting(HttpClient client, URI uri, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = null;
        while (System.nanoTime() - deadline < 0) {
            last = greeting(client, uri);
            if (expected.equals(last)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("still answering '" + last + "' after 30 s; log: " + log());
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String message) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(message);
            }
            Thread.sleep(20);
        }
    }
}
