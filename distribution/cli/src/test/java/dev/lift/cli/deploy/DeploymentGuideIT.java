package dev.lift.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import dev.lift.cli.FakeRuntimeApi;
import dev.lift.cli.offline.PrivateRepo;
import dev.lift.test.Events;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * distribution/README.md's application project, exactly as printed (pom.xml, assembly files,
 * GreeterApp, its services file and GreeterTest), built offline with {@code mvn -o verify} against
 * this build's Lift artifacts in a private local repository; then each artifact it makes is inspected
 * and run the way its deployment pattern runs it, and the SAM templates are checked against them.
 * Runs after {@code package}, since patterns 3 and 4 use lift-layer.zip and lift-runtime.zip.
 */
class DeploymentGuideIT {

    private static final Path DISTRIBUTION = CfnLintTest.distribution();
    private static final Path LIFT_JAR = Path.of(System.getProperty("lift.jar", DISTRIBUTION.resolve("target/lift.jar").toString()));
    private static final Path LAYER_ZIP = LIFT_JAR.resolveSibling("lift-layer.zip");
    private static final Path RUNTIME_ZIP = LIFT_JAR.resolveSibling("lift-runtime.zip");
    private static final String HANDLER = "dev.lift.kernel.LiftHandler::handleRequest";

    @TempDir
    static Path work;

    private static Path project;
    private static String buildLog;

    @BeforeAll
    static void buildTheGuidesProjectOffline() throws Exception {
        project = work.resolve("greeter");
        List<String> written = extractGuide(Files.readString(DISTRIBUTION.resolve("README.md")), project);
        assertEquals(List.of("pom.xml", "src/assembly/lambda.xml", "src/assembly/plugins.xml",
                "src/main/java/com/acme/greeter/GreeterApp.java",
                "src/main/resources/META-INF/services/dev.lift.api.LiftApplication",
                "src/test/java/com/acme/greeter/GreeterTest.java"), written.stream().sorted().toList());

        Path moduleTarget = DISTRIBUTION.resolve("cli/target");
        PrivateRepo repo = PrivateRepo.prepare(moduleTarget.resolve("guide-m2"), DISTRIBUTION.getParent(),
                PrivateRepo.sharedRepository());
        List<String> command = new ArrayList<>(List.of("mvn"));
        command.addAll(repo.mavenArgs());
        command.add("verify");
        ProcessBuilder mvn = new ProcessBuilder(command)
                .directory(project.toFile()).redirectErrorStream(true);
        mvn.environment().remove("MAVEN_OPTS");
        Process p = mvn.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "mvn verify of the guide's project did not finish");
        buildLog = out.get(30, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue(), "mvn -o verify of the guide's project failed (Lift artifacts not built: "
                + repo.missing() + "):\n" + buildLog);
    }

    /**
     * Writes every block marked {@code <!-- guide-file: PATH -->} to PATH, and every Java block of
     * package com.acme.greeter to src/main/java or, when it uses JUnit, src/test/java.
     */
    static List<String> extractGuide(String guide, Path into) throws IOException {
        List<String> written = new ArrayList<>();
        Matcher marked = Pattern.compile("<!-- guide-file: (\\S+) -->\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL).matcher(guide);
        while (marked.find()) {
            written.add(write(into, marked.group(1), marked.group(2)));
        }
        Matcher java = Pattern.compile("```java\\n(package com\\.acme\\.greeter;.*?)```", Pattern.DOTALL).matcher(guide);
        while (java.find()) {
            String source = java.group(1);
            Matcher type = Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)").matcher(source);
            assertTrue(type.find(), source);
            String root = source.contains("org.junit") ? "src/test/java/" : "src/main/java/";
            written.add(write(into, root + "com/acme/greeter/" + type.group(1) + ".java", source));
        }
        return written;
    }

    private static String write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return relative;
    }

    @Test
    void theGuidesTestsRanAndPassed() {
        // Surefire 2.12 (Maven 3.8's default) would report no test at all and pass.
        assertTrue(buildLog.contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0"), buildLog);
        assertTrue(buildLog.contains("maven-compiler-plugin:3.16.0:compile"), buildLog);
    }

    // --- Pattern 1: managed runtime, shaded jar ---------------------------------------------------

    @Test
    void pattern1_theShadedJarHasTheHandlerTheAppAndMergedServices() throws Exception {
        Path jar = project.resolve("target/greeter-1.0.0-lambda.jar");
        List<String> entries = entries(jar);
        assertEquals(entries.size(), new HashSet<>(entries).size(), "duplicate entries");
        assertTrue(entries.contains("dev/lift/kernel/LiftHandler.class"));
        assertTrue(entries.contains("com/acme/greeter/GreeterApp.class"));
        assertTrue(entries.contains("dev/lift/spi/support/EventFields.class"), "the adapters' helpers");
        assertFalse(entries.stream().anyMatch(e -> e.startsWith("dev/lift/example/") || e.startsWith("dev/lift/cli/")));
        assertFalse(entries.contains("META-INF/services/com.amazonaws.services.lambda.runtime.CustomPojoSerializer"));
        assertFalse(entries.stream().anyMatch(e -> e.matches("META-INF/[^/]+\\.(SF|RSA|DSA)")));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            assertEquals(List.of("com.acme.greeter.GreeterApp"), serviceLines(zip, "dev.lift.api.LiftApplication"));
            assertEquals(Set.of("dev.lift.plugins.apigatewayv2.ApiGatewayV2Adapter", "dev.lift.plugins.sqs.SqsAdapter",
                            "dev.lift.plugins.scheduled.ScheduledEventAdapter"),
                    Set.copyOf(serviceLines(zip, "dev.lift.spi.EventAdapter")), "merged from three adapter jars");
        }
        answersAsTheGreeter(jar);
    }

    // --- Pattern 2: managed runtime, lib/ zip -----------------------------------------------------

    @Test
    void pattern2_theZipHasEveryJarInLibAndRuns() throws Exception {
        Path zip = project.resolve("target/greeter-1.0.0-lambda.zip");
        List<String> entries = entries(zip).stream().filter(e -> !e.endsWith("/")).toList();
        assertTrue(entries.stream().allMatch(e -> e.matches("lib/[^/]+\\.jar")), entries.toString());
        for (String jar : List.of("lib/greeter-1.0.0.jar", "lib/lift-kernel-0.1.0-SNAPSHOT.jar",
                "lib/lift-spi-support-0.1.0-SNAPSHOT.jar", "lib/lift-adapter-sqs-0.1.0-SNAPSHOT.jar",
                "lib/aws-lambda-java-core-1.4.0.jar")) {
            assertTrue(entries.contains(jar), jar + " in " + entries);
        }
        assertFalse(entries.stream().anyMatch(e -> e.contains("junit") || e.contains("lift-test") || e.contains("example-app")
                || e.contains("lift-cli")), entries.toString());
        Path task = unzip(zip, work.resolve("pattern2"));
        assertEquals(0, countServiceFiles(task.resolve("lib"), "com.amazonaws.services.lambda.runtime.CustomPojoSerializer"));
        answersAsTheGreeter(jars(task.resolve("lib")).toArray(Path[]::new));
    }

    // --- Pattern 3: managed runtime + Lift's layer --------------------------------------------------

    @Test
    void pattern3_theThinJarOnLiftsLayerRuns() throws Exception {
        Path thin = project.resolve("target/greeter-1.0.0.jar");
        List<String> entries = entries(thin);
        assertTrue(entries.contains("com/acme/greeter/GreeterApp.class"));
        assertTrue(entries.contains("META-INF/services/dev.lift.api.LiftApplication"));
        assertFalse(entries.stream().anyMatch(e -> e.startsWith("dev/lift/")), "Lift comes from the layer: " + entries);
        Path opt = unzip(LAYER_ZIP, work.resolve("pattern3-opt"));
        List<Path> classPath = new ArrayList<>(jars(opt.resolve("java/lib")));
        assertTrue(classPath.stream().noneMatch(j -> j.getFileName().toString().contains("example-app")), classPath.toString());
        classPath.add(0, thin);                                   // /var/task first, then /opt/java/lib
        answersAsTheGreeter(classPath.toArray(Path[]::new));
    }

    // --- Pattern 4: custom runtime, bootstrap from Lift's runtime layer ------------------------------

    @Test
    void pattern4_bootstrapFromTheRuntimeLayerServesThePluginsZip() throws Exception {
        assertEquals(0755, unixMode(RUNTIME_ZIP, "bootstrap") & 0777, "bootstrap must be executable in lift-runtime.zip");
        assertEquals(List.of("greeter-1.0.0.jar"), entries(project.resolve("target/greeter-1.0.0-plugins.zip")));
        Path opt = unzip(RUNTIME_ZIP, work.resolve("pattern4-opt"));
        assertTrue(opt.resolve("bootstrap").toFile().setExecutable(true));  // what Lambda does with mode 0755
        Path task = unzip(project.resolve("target/greeter-1.0.0-plugins.zip"), work.resolve("pattern4-task"));

        try (FakeRuntimeApi api = new FakeRuntimeApi()) {
            long deadline = System.currentTimeMillis() + 60_000;
            api.enqueue(new FakeRuntimeApi.Invocation("greet", deadline, null, Events.http("GET", "/greet/ada").toBytes()),
                    new FakeRuntimeApi.Invocation("example", deadline, null, Events.http("GET", "/hello/you").toBytes()),
                    new FakeRuntimeApi.Invocation("sqs", deadline, null, Events.sqs("greetings")
                            .message("m-1", "{\"to\":\"ada\"}").message("m-2", "not json").toBytes()));
            ProcessBuilder pb = new ProcessBuilder(opt.resolve("bootstrap").toString()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("pattern4.log").toFile());
            pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            pb.environment().put("LIFT_PLUGINS_DIR", task.toString());       // /var/task in custom-runtime.yaml
            pb.environment().remove("LIFT_EXAMPLE_APP_ENABLED");
            Process p = pb.start();
            boolean answered;
            try {
                answered = api.awaitAnswers(p);
            } finally {
                p.toHandle().destroy();
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            String log = Files.readString(work.resolve("pattern4.log"));
            assertTrue(answered, log);
            assertEquals("{\"greeting\":\"Hi ada\"}", body(api.responses.get("greet").body(), 200));
            // lift.jar's example application stepped aside for the greeter from the plugins directory.
            assertEquals(404, Json.mapper().readTree(api.responses.get("example").body()).path("statusCode").asInt());
            assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}", api.responses.get("sqs").body());
        }
    }

    /** lift.jar with an application beside it on the class path, as with lift.jar and your app in a layer. */
    @Test
    void liftJarWithTheAppOnTheClassPath_theExampleStepsAside() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                LIFT_JAR + java.io.File.pathSeparator + project.resolve("target/greeter-1.0.0.jar"),
                "dev.lift.cli.LiftCli", "routes").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("GET +/greet/\\{who} +acme-greeter:.*")), out);
        assertFalse(out.contains("example-app:"), out);
    }

    // --- The templates deploy what this build makes ------------------------------------------------

    @Test
    void everyTemplatesFunctionFindsItsCodeItsHandlerOrItsBootstrap() throws Exception {
        Path sam = DISTRIBUTION.resolve("sam");
        Map<String, Path> layers = Map.of("LiftLayerArn", LAYER_ZIP, "LiftRuntimeLayerArn", RUNTIME_ZIP);
        int functions = 0;
        for (Path template : CfnLint.templates(sam)) {
            JsonNode t = Json.mapper().readTree(CfnLint.decodeToJson(template));
            JsonNode globals = t.path("Globals").path("Function");
            // Lift's own templates point into distribution/target; yours sit next to your pom.xml.
            Path base = t.path("Resources").toString().contains("../target/") ? sam : project;
            for (Map.Entry<String, JsonNode> r : iterable(t.path("Resources"))) {
                JsonNode props = r.getValue().path("Properties");
                String name = template.getFileName() + " " + r.getKey();
                if (r.getValue().path("Type").asText().equals("AWS::Serverless::LayerVersion")) {
                    assertTrue(Files.isRegularFile(base.resolve(props.path("ContentUri").asText())), name);
                    continue;
                }
                if (!r.getValue().path("Type").asText().equals("AWS::Serverless::Function")) {
                    continue;
                }
                functions++;
                Path code = base.resolve(props.path("CodeUri").asText());
                assertTrue(Files.isRegularFile(code), name + ": no " + code);
                List<Path> fromLayers = new ArrayList<>();
                for (JsonNode layer : props.path("Layers")) {
                    Path zip = layers.get(layer.path("Ref").asText());
                    if (zip != null) {
                        fromLayers.add(zip);
                    }
                }
                for (String runtime : values(t, props.has("Runtime") ? props.path("Runtime") : globals.path("Runtime"))) {
                    if (runtime.startsWith("java")) {
                        assertTrue(Set.of("java21", "java25").contains(runtime), name + ": " + runtime);
                        assertEquals(HANDLER, props.path("Handler").asText(), name);
                        assertTrue(containsClass(code, fromLayers, "dev/lift/kernel/LiftHandler.class"),
                                name + ": the handler class is in neither " + code + " nor " + fromLayers);
                    } else {
                        assertEquals("provided.al2023", runtime, name);
                        assertFalse(props.has("SnapStart"), name);
                        assertEquals(List.of(RUNTIME_ZIP), fromLayers, name + ": bootstrap comes from lift-runtime.zip");
                        assertEquals("/var/task", props.path("Environment").path("Variables").path("LIFT_PLUGINS_DIR").asText(), name);
                        assertTrue(entries(code).stream().allMatch(e -> e.matches("[^/]+\\.jar")), name + ": jars at the root");
                    }
                }
            }
        }
        assertEquals(4, functions, "functions in the templates");
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Boots Lift's handler from exactly these jars, as the managed runtime would, and invokes it. */
    private static void answersAsTheGreeter(Path... classPath) throws Exception {
        URL[] urls = new URL[classPath.length];
        for (int i = 0; i < classPath.length; i++) {
            urls[i] = classPath[i].toUri().toURL();
        }
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            Class<?> handlerClass = Class.forName("dev.lift.kernel.LiftHandler", true, loader);
            Class<?> context = Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);
            assertTrue(Class.forName("com.amazonaws.services.lambda.runtime.RequestStreamHandler", false, loader)
                    .isAssignableFrom(handlerClass));
            Object handler = handlerClass.getConstructor().newInstance();
            Method handle = handlerClass.getMethod("handleRequest", InputStream.class, OutputStream.class, context);
            assertEquals("{\"greeting\":\"Hi ada\"}", body(invoke(handler, handle, Events.http("GET", "/greet/ada").toBytes()), 200));
            assertEquals("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}", invoke(handler, handle,
                    Events.sqs("greetings").message("m-1", "{\"to\":\"ada\"}").message("m-2", "not json").toBytes()));
            assertEquals("{\"sent\":1}", invoke(handler, handle, Events.scheduled("nightly-report").toBytes()));
        }
    }

    private static String invoke(Object handler, Method handle, byte[] event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handle.invoke(handler, new ByteArrayInputStream(event), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String body(String response, int status) throws IOException {
        JsonNode r = Json.mapper().readTree(response);
        assertEquals(status, r.path("statusCode").asInt(), response);
        return r.path("body").asText();
    }

    private static boolean containsClass(Path code, List<Path> layers, String entry) throws IOException {
        List<Path> archives = new ArrayList<>(List.of(code));
        archives.addAll(layers);
        for (Path archive : archives) {
            if (entries(archive).contains(entry)) {
                return true;
            }
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    if (e.getName().endsWith(".jar")) {
                        ZipInputStream inner = new ZipInputStream(new ByteArrayInputStream(in.readAllBytes()));
                        for (ZipEntry i; (i = inner.getNextEntry()) != null; ) {
                            if (i.getName().equals(entry)) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    /** A property's possible values: a literal, or a parameter's allowed values (or its default). */
    private static List<String> values(JsonNode template, JsonNode value) {
        if (value.isTextual()) {
            return List.of(value.asText());
        }
        JsonNode parameter = template.path("Parameters").path(value.path("Ref").asText());
        List<String> out = new ArrayList<>();
        parameter.path("AllowedValues").forEach(v -> out.add(v.asText()));
        if (out.isEmpty()) {
            out.add(parameter.path("Default").asText());
        }
        assertFalse(out.isEmpty() || out.contains(""), "cannot resolve " + value);
        return out;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
        return m.entrySet();
    }

    static List<String> entries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private static List<String> serviceLines(ZipFile zip, String service) throws IOException {
        ZipEntry e = zip.getEntry("META-INF/services/" + service);
        assertNotNull(e, service);
        try (InputStream in = zip.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    private static long countServiceFiles(Path lib, String service) throws IOException {
        long n = 0;
        for (Path jar : jars(lib)) {
            if (entries(jar).contains("META-INF/services/" + service)) {
                n++;
            }
        }
        return n;
    }

    private static List<Path> jars(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static Path unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into), e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        return into;
    }

    /** The Unix mode an entry was stored with (the high half of its external attributes), from the central directory. */
    static int unixMode(Path zip, String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = b.limit() - 22;
        while (eocd >= 0 && b.getInt(eocd) != 0x06054b50) {
            eocd--;
        }
        assertTrue(eocd >= 0, "not a zip: " + zip);
        int count = Short.toUnsignedInt(b.getShort(eocd + 10));
        int at = b.getInt(eocd + 16);
        Map<String, Integer> modes = new HashMap<>();
        for (int i = 0; i < count; i++) {
            assertEquals(0x02014b50, b.getInt(at));
            int nameLength = Short.toUnsignedInt(b.getShort(at + 28));
            int extra = Short.toUnsignedInt(b.getShort(at + 30));
            int comment = Short.toUnsignedInt(b.getShort(at + 32));
            int external = b.getInt(at + 38);
            byte[] n = new byte[nameLength];
            b.get(at + 46, n);
            modes.put(new String(n, StandardCharsets.UTF_8), external >>> 16);
            at += 46 + nameLength + extra + comment;
        }
        assertTrue(modes.containsKey(name), name + " in " + modes.keySet());
        return modes.get(name);
    }
}
