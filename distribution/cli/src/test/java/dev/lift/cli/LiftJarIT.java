package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
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
            "adapter-kinesis", "error-problem-details", "error-records", "resilience-failsafe", "store-memory", "events-aws",
            "snapshot-crac", "request-id", "logging", "metrics", "lambda-extension", "health", "memory", "jwt", "cors",
            "security-headers", "rate-limit", "deadline", "idempotency", "http-client", "example-app");

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
            // The snapshot-crac plugin's library: the runtime calls the resource it registers with org.crac.
            assertNotNull(jar.getEntry("org/crac/Core.class"), "org.crac, shaded in");
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
        // A command that prints a result and exits keeps stderr free of the kernel's shutdown summary.
        assertFalse(r.err().contains("lift: shutdown complete"), r.err());
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

    /** A running {@code lift serve}: the process, its address and its stderr (complete once it ends). */
    record Served(Process process, URI base, CompletableFuture<String> err) {

        HttpResponse<String> get(String path) throws Exception {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** SIGTERM, as Ctrl-C or a process manager sends it; returns stderr once the process has ended with 143. */
        String terminate() throws Exception {
            // Through the handle: Process.destroy() would also close our end of stderr, maybe before it is read.
            process.toHandle().destroy();
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "serve did not stop after SIGTERM");
            assertEquals(143, process.exitValue());
            return err.get(5, TimeUnit.SECONDS);
        }
    }

    /** Starts {@code java -jar lift.jar serve --port 0 ARGS} and waits for its "listening" line. */
    private static Served serve(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString(), "serve", "--port", "0"));
        Collections.addAll(command, args);
        Process p = new ProcessBuilder(command).start();
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
            assertNotNull(line, "serve printed nothing; stderr: " + err.getNow("(still running)"));
            Matcher m = Pattern.compile("Lift listening on (http://127\\.0\\.0\\.1:\\d+)").matcher(line);
            assertTrue(m.matches(), line);
            return new Served(p, URI.create(m.group(1)), err);
        } catch (Exception | AssertionError e) {
            p.destroyForcibly();
            throw e;
        }
    }

    @Test
    void serveListensAnswersAndStopsOnSigterm() throws Exception {
        Served served = serve();
        HttpResponse<String> r;
        try {
            r = served.get("/hello/jar");
        } catch (Exception | AssertionError e) {
            served.process().destroyForcibly();
            throw e;
        }
        // SIGTERM: the shutdown hook drains the kernel and stops the server.
        String log = served.terminate();
        assertEquals(200, r.statusCode());
        assertEquals("{\"message\":\"Hello, jar!\"}", r.body());
        assertTrue(Pattern.compile("(?m)^GET /hello/jar 200 \\d+ ms [0-9a-f-]{36}$").matcher(log).find(), log);
    }

    @Test
    void servePluginsDirServesTheRouteOfAPluginJarBuiltSeparately(@TempDir Path work) throws Exception {
        Path plugins = GreeterPluginJar.build(work);
        Served served = serve("--plugins", plugins.toString());
        HttpResponse<String> greeting;
        HttpResponse<String> example;
        try {
            greeting = served.get("/acme/greet/ada");
            example = served.get("/hello/you");
        } catch (Exception | AssertionError e) {
            served.process().destroyForcibly();
            throw e;
        }
        String log = served.terminate();
        assertEquals(200, greeting.statusCode(), greeting.body());
        assertEquals("application/json", greeting.headers().firstValue("content-type").orElse(null));
        // In lift.jar too, the plugin sees the SPI only: neither the kernel nor the CLI's libraries.
        assertEquals(Json.mapper().readTree("{\"greeting\":\"Hi ada from a dropped-in plugin\",\"seesPicocli\":false,"
                + "\"seesKernel\":false,\"seesSpi\":true}"), Json.mapper().readTree(greeting.body()));
        // The directory brings an application, so the example one steps aside.
        assertEquals(404, example.statusCode());
        assertTrue(Pattern.compile("(?m)^GET /acme/greet/ada 200 \\d+ ms [0-9a-f-]{36}$").matcher(log).find(), log);
    }

    /** The Lift artifacts the layer must carry: the kernel, the SPI and every standard plugin (not the CLI or the example). */
    static final List<String> LAYER_ARTIFACTS = List.of("lift-kernel", "lift-api", "lift-events", "lift-spi", "lift-spi-support", "lift-adapter-apigateway-v2",
            "lift-adapter-apigateway-v1", "lift-adapter-alb", "lift-adapter-websocket", "lift-adapter-sqs", "lift-adapter-sns",
            "lift-adapter-s3", "lift-adapter-eventbridge", "lift-adapter-eventbridge-scheduled", "lift-adapter-dynamodb", "lift-adapter-kinesis",
            "lift-events-aws", "lift-error-problem-details", "lift-resilience-failsafe", "lift-store-memory",
            "lift-snapshot-crac", "lift-request-id", "lift-logging", "lift-metrics", "lift-lambda-extension", "lift-health",
            "lift-jwt", "lift-cors", "lift-security-headers", "lift-rate-limit", "lift-deadline", "lift-idempotency", "lift-pool",
            "lift-http-client");

    @Test
    void theLayerHoldsTheKernelTheSpiAndEveryStandardPluginInJavaLib(@TempDir Path opt) throws Exception {
        Path layer = Path.of(System.getProperty("lift.layer", "../target/lift-layer.zip"));
        assertTrue(Files.isRegularFile(layer), "build the layer first (mvn package in distribution/layer): "
                + layer.toAbsolutePath());
        List<String> jars = new ArrayList<>();
        List<URL> classPath = new ArrayList<>();
        try (ZipFile zip = new ZipFile(layer.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                if (e.isDirectory()) {
                    assertTrue(List.of("java/", "java/lib/").contains(e.getName()), "unexpected directory " + e.getName());
                    continue;
                }
                // Lambda's Java runtimes put /opt/java/lib/*.jar on the class path; nothing else is read.
                assertTrue(e.getName().matches("java/lib/[^/]+\\.jar"), "not a jar in java/lib: " + e.getName());
                String name = e.getName().substring("java/lib/".length());
                jars.add(name);
                Path file = opt.resolve(name);
                try (InputStream in = zip.getInputStream(e)) {
                    Files.copy(in, file);
                }
                classPath.add(file.toUri().toURL());
            }
        }
        List<String> lift = jars.stream().filter(j -> j.startsWith("lift-"))
                .map(j -> j.replaceFirst("-\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\.jar$", "")).sorted().toList();
        assertEquals(LAYER_ARTIFACTS.stream().sorted().toList(), lift, "Lift jars in the layer: " + jars);
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("jackson-databind-")), "the SPI's library: " + jars);
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("crac-")), "snapshot-crac's library: " + jars);
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("nimbus-jose-jwt-")), "jwt's library: " + jars);
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("caffeine-")), "jwt's JWKS cache: " + jars);
        assertTrue(jars.stream().noneMatch(j -> j.startsWith("picocli")), "the CLI's library has no place here: " + jars);

        // Boot a kernel from the layer's jars alone, as the function's class path would, and invoke it.
        try (URLClassLoader loader = new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Object builder = loader.loadClass("dev.lift.kernel.Lift").getMethod("builder").invoke(null);
            builder.getClass().getMethod("environment", Map.class).invoke(builder, Map.of());
            Object kernel = builder.getClass().getMethod("build").invoke(builder);
            try {
                List<String> ids = new ArrayList<>();
                for (Object info : (List<?>) kernel.getClass().getMethod("plugins").invoke(kernel)) {
                    ids.add((String) info.getClass().getMethod("id").invoke(info));
                }
                List<String> expected = STANDARD_PLUGINS.stream().filter(id -> !id.equals("example-app")).sorted().toList();
                assertEquals(expected, ids.stream().sorted().toList());
                // And exactly what lift.jar carries, but for its example application.
                Run jar = java(Map.of(), "plugins");
                assertEquals(0, jar.exitCode(), jar.err());
                assertEquals(jar.out().lines().skip(1).map(l -> l.split(" +")[0]).filter(id -> !id.equals("example-app"))
                        .sorted().toList(), ids.stream().sorted().toList());
                byte[] event = Files.readAllBytes(Path.of(System.getProperty("lift.fixtures"), "apigw_http_event.json"));
                JsonNode response = Json.mapper().readTree((byte[]) kernel.getClass().getMethod("invoke", byte[].class)
                        .invoke(kernel, (Object) event));
                // No application is in the layer: the adapter and the problem-details plugin answer.
                assertEquals(404, response.path("statusCode").asInt(), response.toString());
                assertEquals("No route matches POST /my/path",
                        Json.mapper().readTree(response.path("body").asText()).path("detail").asText());
            } finally {
                kernel.getClass().getMethod("shutdown").invoke(kernel);
            }
        }
    }

    /** A function's task root: bootstrap and lift.jar side by side, as lift-runtime.zip unpacks. */
    private static Path taskRoot(Path task) throws IOException {
        Files.copy(Path.of("src/main/dist/bootstrap"), task.resolve("bootstrap"));
        Files.copy(JAR, task.resolve("lift.jar"), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(task.resolve("bootstrap").toFile().setExecutable(true));
        return task;
    }

    /**
     * Runs {@code bootstrap} in {@code task} with {@code javaHome} against a local Runtime API, for
     * one HTTP invocation; returns the posted response and where {@code dev.lift.cli.LiftCli} was
     * loaded from (the JVM's class-load log, which LIFT_JAVA_OPTS turns on after any flags given).
     */
    private static String[] bootstrap(Path task, Path javaHome, String javaOpts) throws Exception {
        Path classLog = task.resolve("class-load-" + System.nanoTime() + ".log");
        try (FakeRuntimeApi api = new FakeRuntimeApi()) {
            api.enqueue(new FakeRuntimeApi.Invocation("jar-1", System.currentTimeMillis() + 30_000, null,
                    Events.http("GET", "/hello/bootstrap").toBytes()));
            ProcessBuilder pb = new ProcessBuilder(task.resolve("bootstrap").toString());
            pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            pb.environment().put("JAVA_HOME", javaHome.toString());
            pb.environment().put("LIFT_JAVA_OPTS", (javaOpts + " -Xlog:class+load=info:file=" + classLog).strip());
            Process p = pb.start();
            CompletableFuture<String> err = drain(p.getErrorStream());
            drain(p.getInputStream());
            boolean answered;
            try {
                answered = api.awaitAnswers(p);
            } finally {
                p.toHandle().destroy(); // SIGTERM, leaving stderr open to be read to the end
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertTrue(answered, "the runtime answered nothing; stderr: " + err.get(5, TimeUnit.SECONDS));
            assertFalse(api.errors.containsKey("jar-1"), api.errors.toString());
            JsonNode response = Json.mapper().readTree(api.responses.get("jar-1").body());
            assertEquals(200, response.path("statusCode").asInt(), err.getNow(""));
            String source = Files.readAllLines(classLog).stream()
                    .filter(l -> l.contains(" dev.lift.cli.LiftCli source: ")).findFirst()
                    .map(l -> l.substring(l.indexOf(" source: ") + " source: ".length())).orElse("(not loaded)");
            return new String[] {response.path("body").asText(), source};
        }
    }

    @Test
    void theBootstrapScriptRunsTheCustomRuntime(@TempDir Path task) throws Exception {
        String[] run = bootstrap(taskRoot(task), Path.of(System.getProperty("java.home")), "");
        assertEquals("{\"message\":\"Hello, bootstrap!\"}", run[0]);
        // No archive next to the jar: Lift's classes come from lift.jar itself.
        assertTrue(run[1].startsWith("file:") && run[1].endsWith("/lift.jar"), run[1]);
    }

    /** Trains an archive in {@code task} as distribution/README.md says: the same flags and jar the bootstrap uses. */
    private static void train(Path task, Path java, String archiveFlag) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", archiveFlag,
                "-jar", "lift.jar", "invoke", "--event", Path.of(System.getProperty("lift.fixtures"), "apigw_http_event.json")
                .toString()).directory(task.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        CompletableFuture<String> out = drain(p.getInputStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "training did not finish");
        assertEquals(0, p.exitValue(), out.get(5, TimeUnit.SECONDS));
    }

    @Test
    void theBootstrapScriptUsesAnAppCdsArchiveBesideTheJarAndLiftJavaOptsStillWins(@TempDir Path task) throws Exception {
        Path home = Path.of(System.getProperty("java.home"));
        taskRoot(task);
        train(task, home.resolve("bin/java"), "-XX:ArchiveClassesAtExit=lift.jsa");
        assertTrue(Files.isRegularFile(task.resolve("lift.jsa")));

        String[] archived = bootstrap(task, home, "");
        assertEquals("{\"message\":\"Hello, bootstrap!\"}", archived[0]);
        // Mapped from the archive (the dynamic one: "(top)"), not read from lift.jar: the script passed it.
        assertEquals("shared objects file (top)", archived[1]);

        // The user's flags come after the script's, so they can turn the archive off.
        String[] off = bootstrap(task, home, "-Xshare:off");
        assertTrue(off[1].startsWith("file:") && off[1].endsWith("/lift.jar"), off[1]);
    }

    @Test
    void theBootstrapScriptUsesAnAotCacheBesideTheJarOnJava25(@TempDir Path task) throws Exception {
        String java25 = System.getProperty("lift.java25", "");
        Path home = Path.of(java25.isBlank() ? "/nonexistent" : java25);
        Assumptions.assumeTrue(Files.isExecutable(home.resolve("bin/java")),
                "no JDK 25 at -Dlift.java25=" + java25 + "; the AOT cache needs one");
        taskRoot(task);
        train(task, home.resolve("bin/java"), "-XX:AOTCacheOutput=lift.aot");
        assertTrue(Files.isRegularFile(task.resolve("lift.aot")));
        String[] cached = bootstrap(task, home, "");
        assertEquals("{\"message\":\"Hello, bootstrap!\"}", cached[0]);
        assertEquals("shared objects file", cached[1]);

        // The same directory with Java 17: the cache is not for it, so the script leaves -XX:AOTCache out
        // (Java 17 would refuse to start with it) and the JVM starts as usual. The build itself may run
        // on Java 25, so the older JDK is named explicitly.
        Path java17 = Path.of(System.getProperty("lift.java17", "/nonexistent"));
        Assumptions.assumeTrue(Files.isExecutable(java17.resolve("bin/java")),
                "no JDK older than 25 at -Dlift.java17=" + java17 + " for the second half of this test");
        String[] older = bootstrap(task, java17, "");
        assertEquals("{\"message\":\"Hello, bootstrap!\"}", older[0]);
        assertTrue(older[1].startsWith("file:"), older[1]);
    }
}
