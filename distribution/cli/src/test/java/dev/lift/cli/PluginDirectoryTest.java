package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.kernel.LiftKernel;
import dev.lift.kernel.PluginInfo;
import dev.lift.spi.Json;
import dev.lift.spi.LiftApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin dropped into a directory: compiled here against the SPI alone, jarred with its
 * {@code META-INF/services} file, and loaded with {@code --plugins DIR} in its own class loader.
 */
class PluginDirectoryTest {

    private static final String SOURCE = String.join("\n",
            "package com.acme.greeter;",
            "",
            "import dev.lift.spi.LiftApplication;",
            "import dev.lift.spi.Routes;",
            "import java.util.LinkedHashMap;",
            "import java.util.Map;",
            "",
            "public final class GreeterApp implements LiftApplication {",
            "    @Override public String id() { return \"acme-greeter\"; }",
            "    @Override public void configure(Routes routes) {",
            "        routes.get(\"/acme/greet/{who}\", (req, ctx) -> {",
            "            Map<String, Object> out = new LinkedHashMap<>();",
            "            out.put(\"greeting\", \"Hi \" + req.pathParam(\"who\").orElse(\"?\") + \" from a dropped-in plugin\");",
            "            out.put(\"seesPicocli\", visible(\"picocli.CommandLine\"));",
            "            out.put(\"seesKernel\", visible(\"dev.lift.kernel.Lift\"));",
            "            out.put(\"seesSpi\", visible(\"dev.lift.spi.Routes\"));",
            "            return out;",
            "        });",
            "    }",
            "    private static boolean visible(String name) {",
            "        try { Class.forName(name, false, GreeterApp.class.getClassLoader()); return true; }",
            "        catch (ClassNotFoundException e) { return false; }",
            "    }",
            "}",
            "");

    @TempDir
    static Path work;

    private static Path pluginsDir;

    @BeforeAll
    static void buildThePluginJar() throws Exception {
        Path src = work.resolve("src/com/acme/greeter/GreeterApp.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, SOURCE);
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        String spi = Path.of(LiftApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK, not a JRE");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "--release", "17", "-classpath", spi, "-d", classes.toString(),
                src.toString());
        assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));

        pluginsDir = work.resolve("plugins");
        Files.createDirectories(pluginsDir);
        try (OutputStream file = Files.newOutputStream(pluginsDir.resolve("acme-greeter.jar"));
             JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/services/dev.lift.spi.LiftApplication"));
            jar.write("com.acme.greeter.GreeterApp\n".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    jar.write(Files.readAllBytes(f));
                    jar.closeEntry();
                }
            }
        }
        Files.writeString(pluginsDir.resolve("README.txt"), "not a jar, ignored");
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
        Cli byOption = Cli.run("plugins", "--plugins", pluginsDir.toString());
        assertEquals(0, byOption.exitCode(), byOption.err());
        String jar = pluginsDir.resolve("acme-greeter.jar").toUri().getPath();
        assertTrue(byOption.out().lines().anyMatch(l -> l.matches("acme-greeter +unknown +0 +application +yes +"
                + java.util.regex.Pattern.quote(jar) + " +-")), byOption.out());
        assertTrue(byOption.out().lines().anyMatch(l -> l.matches("example-app +\\S+ +0 +application +no +\\S+ +enabled=false")),
                byOption.out());
        Cli byEnv = Cli.runWithInput("", Map.of("LIFT_PLUGINS_DIR", pluginsDir.toString()), "routes");
        assertEquals(0, byEnv.exitCode(), byEnv.err());
        assertTrue(byEnv.out().lines().anyMatch(l -> l.matches("GET +/acme/greet/\\{who} +acme-greeter:GreeterApp \\(lambda\\) +-")),
                byEnv.out());
    }
}
