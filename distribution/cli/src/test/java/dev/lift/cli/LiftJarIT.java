package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.spi.Json;
import dev.lift.test.Events;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built distribution/target/lift.jar itself, run as users run it. Failsafe runs this after
 * {@code package} (in {@code integration-test}, checked in {@code verify}).
 */
class LiftJarIT {

    /** Every plugin id the standard distribution ships. */
    static final List<String> STANDARD_PLUGINS = List.of(
            "adapter-apigateway-v2", "adapter-apigateway-v1", "adapter-alb", "adapter-websocket", "adapter-sqs",
            "adapter-sns", "adapter-s3", "adapter-eventbridge", "adapter-eventbridge-scheduled", "adapter-dynamodb",
            "adapter-kinesis", "error-problem-details", "resilience-failsafe", "example-app");

    // Reading process streams blocks; the common pool may have a single thread on a small machine.
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "lift-it-reader");
        t.setDaemon(true);
        return t;
    });

    private static final Path JAR = Path.of(System.getProperty("lift.jar", "../target/lift.jar"));
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    /** A finished process's exit code and output. */
    record Run(int exitCode, String out, String err) {
    }

    private static Run java(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
        Collections.addAll(command, args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "lift " + String.join(" ", args) + " did not finish");
        return new Run(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }, READERS);
    }

    @Test
    void theJarIsRunnableAndCarriesNoStrayMetadata() throws IOException {
        assertTrue(Files.isRegularFile(JAR), "build the jar first: " + JAR.toAbsolutePath());
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals("dev.lift.cli.LiftCli", jar.getManifest().getMainAttributes().getValue("Main-Class"));
            assertNotNull(jar.getEntry("dev/lift/kernel/LiftHandler.class"), "the Lambda handler class");
            assertNotNull(jar.getEntry("dev/lift/cli/events/NOTICE"), "the samples' provenance");
            assertNotNull(jar.getEntry("dev/lift/cli/events/sqs_event.json"));
            List<String> stray = new ArrayList<>();
            for (JarEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                if (name.matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")
                        || name.equals("META-INF/services/com.amazonaws.services.lambda.runtime.CustomPojoSerializer")
                        || name.endsWith("module-info.class")) {
                    stray.add(name);
                }
            }
            assertEquals(List.of(), stray);
        }
    }

    @Test
    void theSamTemplateDeploysThisJarWithAHandlerItContains() throws Exception {
        Path template = Path.of("../sam/template.yaml");
        String yaml = Files.readString(template);
        Matcher handler = Pattern.compile("(?m)^\\s+Handler: (\\S+)::(\\S+)$").matcher(yaml);
        assertTrue(handler.find(), "no Handler in " + template);
        Matcher codeUri = Pattern.compile("(?m)^\\s+CodeUri: (\\S+)$").matcher(yaml);
        assertTrue(codeUri.find(), "no CodeUri in " + template);
        assertEquals(JAR.toRealPath(), template.getParent().resolve(codeUri.group(1)).toRealPath());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()}, null)) {
            Class<?> type = Class.forName(handler.group(1), false, loader);
            Class<?> context = Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);
            assertNotNull(type.getMethod(handler.group(2), InputStream.class, java.io.OutputStream.class, context));
        }
        assertTrue(yaml.contains("- ReportBatchItemFailures"), "the SQS event must report batch item failures");
    }

    @Test
    void everyStandardPluginIsFoundInTheJarsServices() throws Exception {
        Run r = java(Map.of(), "plugins");
        assertEquals(0, r.exitCode(), r.err());
        List<String> ids = r.out().lines().skip(1).map(l -> l.split(" +")[0]).toList();
        for (String id : STANDARD_PLUGINS) {
            assertTrue(ids.contains(id), id + " is missing from:\n" + r.out());
        }
        assertTrue(r.out().lines().skip(1).allMatch(l -> l.contains("/lift.jar ")), "every plugin comes from lift.jar:\n" + r.out());
    }

    @Test
    void invokePrintsTheResponseAndEventsPrintsSamples() throws Exception {
        Run sqs = java(Map.of(), "invoke", "--event", Path.of(System.getProperty("lift.fixtures"), "sqs_event.json").toString());
        assertEquals(0, sqs.exitCode(), sqs.err());
        assertEquals("{\"batchItemFailures\":[]}\n", sqs.out());
        Run sample = java(Map.of(), "events", "scheduled");
        assertEquals(0, sample.exitCode(), sample.err());
        assertEquals(Files.readString(Path.of(System.getProperty("lift.fixtures"), "scheduled_event.json")) + "\n",
                sample.out());
        Run usage = java(Map.of(), "--no-such-option");
        assertEquals(2, usage.exitCode());
        assertTrue(usage.err().contains("Usage: lift"), usage.err());
    }

    @Test
    void serveListensAnswersAndStopsOnSigterm() throws Exception {
        Process p = new ProcessBuilder(JAVA.toString(), "-jar", JAR.toString(), "serve", "--port", "0").start();
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    return null;
                }
            }, READERS).get(30, TimeUnit.SECONDS);
            assertNotNull(line, "serve printed nothing");
            Matcher m = Pattern.compile("Lift listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(line);
            assertTrue(m.matches(), line);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1)
                    + "/hello/jar")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("{\"message\":\"Hello, jar!\"}", r.body());
        } finally {
            p.destroy(); // SIGTERM: the shutdown hook stops the server and the kernel
        }
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "serve did not stop after SIGTERM");
        assertEquals(143, p.exitValue());
        String log = err.get(5, TimeUnit.SECONDS);
        assertTrue(Pattern.compile("(?m)^GET /hello/jar 200 \\d+ ms [0-9a-f-]{36}$").matcher(log).find(), log);
    }

    @Test
    void theBootstrapScriptRunsTheCustomRuntime(@TempDir Path task) throws Exception {
        Path bootstrap = Path.of("src/main/dist/bootstrap");
        Files.copy(bootstrap, task.resolve("bootstrap"));
        Files.copy(JAR, task.resolve("lift.jar"), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(task.resolve("bootstrap").toFile().setExecutable(true));
        try (FakeRuntimeApi api = new FakeRuntimeApi()) {
            api.enqueue(new FakeRuntimeApi.Invocation("jar-1", System.currentTimeMillis() + 30_000, null,
                    Events.http("GET", "/hello/bootstrap").toBytes()));
            ProcessBuilder pb = new ProcessBuilder(task.resolve("bootstrap").toString());
            pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.start();
            CompletableFuture<String> err = drain(p.getErrorStream());
            try {
                assertTrue(api.awaitAnswers(), "the runtime answered nothing");
            } finally {
                p.destroy();
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            JsonNode response = Json.mapper().readTree(api.responses.get("jar-1").body());
            assertEquals(200, response.path("statusCode").asInt(), err.getNow(""));
            assertEquals("{\"message\":\"Hello, bootstrap!\"}", response.path("body").asText());
            assertFalse(api.errors.containsKey("jar-1"));
        }
    }
}
