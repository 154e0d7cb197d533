package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.kernel.LiftKernel;
import dev.lift.kernel.PluginInfo;
import dev.lift.api.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin dropped into a directory: compiled here against the SPI alone, jarred with its
 * {@code META-INF/services} file, and loaded with {@code --plugins DIR} in its own class loader.
 */
class PluginDirectoryTest {

    @TempDir
    static Path work;

    private static Path pluginsDir;

    @BeforeAll
    static void buildThePluginJar() throws Exception {
        pluginsDir = GreeterPluginJar.build(work);
    }

    private static HttpResponse<String> get(HttpClient client, LocalServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDroppedInRouteAnswersOverHttpInItsOwnClassLoader() throws Exception {
        Cli serveArgs = Cli.run("serve", "--help");
        assertTrue(serveArgs.out().contains("--plugins=DIR"), serveArgs.out());
        try (LiftKernel kernel = PluginOptions.boot(pluginsDir, Map.of());
             LocalServer server = new LocalServer(kernel, "127.0.0.1", 0, 4,
                     new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)).start()) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = get(client, server, "/acme/greet/ada");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = Json.mapper().readTree(r.body());
            assertEquals("Hi ada from a dropped-in plugin", body.path("greeting").asText());
            // Isolated: the plugin sees the SPI it was built against, and neither Lift's internals nor its libraries.
            assertEquals(Boolean.TRUE, body.path("seesSpi").asBoolean());
            assertEquals(Boolean.FALSE, body.path("seesKernel").asBoolean());
            assertEquals(Boolean.FALSE, body.path("seesPicocli").asBoolean());

            PluginInfo greeter = kernel.plugins().stream().filter(p -> p.id().equals("acme-greeter")).findFirst().orElseThrow();
            assertEquals(List.of("application"), greeter.kinds());
            assertEquals(pluginsDir.resolve("acme-greeter.jar").toUri().getPath(), greeter.source());

            // The directory brings an application, so the example one lift.jar carries steps aside.
            assertEquals(404, get(client, server, "/hello/you").statusCode());
            PluginInfo example = kernel.plugins().stream().filter(p -> p.id().equals("example-app")).findFirst().orElseThrow();
            assertEquals(false, example.active());
            // Class-path plugins are still found: the adapter that decoded these requests is one.
            assertTrue(kernel.plugins().stream().anyMatch(p -> p.id().equals("adapter-apigateway-v2") && p.active()));
        }
    }

    @Test
    void theExampleAppCanBeKeptBesideADroppedInOne() throws Exception {
        try (LiftKernel kernel = PluginOptions.boot(pluginsDir, Map.of("LIFT_EXAMPLE_APP_ENABLED", "true"));
             LocalServer server = new LocalServer(kernel, "127.0.0.1", 0, 4,
                     new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8)).start()) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertEquals("{\"message\":\"Hello, you!\"}", get(client, server, "/hello/you").body());
            assertEquals(200, get(client, server, "/acme/greet/bob").statusCode());
        }
    }

    @Test
    void pluginsCommandShowsTheJarFromTheDirectoryOptionOrTheEnvironment() throws IOException {
        Cli byOption = Cli.runWithInput("", Map.of(), "plugins", "--plugins", pluginsDir.toString());
        assertEquals(0, byOption.exitCode(), byOption.err());
        String jar = pluginsDir.resolve("acme-greeter.jar").toUri().getPath();
        assertTrue(byOption.out().lines().anyMatch(l -> l.matches("acme-greeter +unknown +0 +application +yes +"
                + java.util.regex.Pattern.quote(jar) + " +-")), byOption.out());
        assertTrue(byOption.out().lines().anyMatch(l -> l.matches("example-app +\\S+ +0 +application +no +\\S+ +enabled=\\(default\\)")),
                byOption.out());
        Cli byEnv = Cli.runWithInput("", Map.of("LIFT_PLUGINS_DIR", pluginsDir.toString()), "routes");
        assertEquals(0, byEnv.exitCode(), byEnv.err());
        assertTrue(byEnv.out().lines().anyMatch(l -> l.matches("GET +/acme/greet/\\{who} +acme-greeter:GreeterApp \\(GreeterApp.java:\\d+\\) +request-id > logging > security-headers +-")),
                byEnv.out());
    }
}
