package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lift.api.LiftApplication;
import dev.lift.spi.ResourceProvider;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lift's shutdown as it happens on Lambda: {@code lift.jar runtime} in a child JVM against a local
 * emulation of the Runtime and Extensions APIs on 127.0.0.1. The lambda-extension plugin registers
 * during init (which is what makes Lambda send SIGTERM at all); SIGTERM then arrives while an
 * invocation is in flight, and the child's own output must show the invocation finished and was
 * answered, the resources closed in reverse order, and one shutdown line inside the budget.
 */
class ShutdownOnLambdaIT {

    private static final Path JAR = Path.of(System.getProperty("lift.jar", "../target/lift.jar"));
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Path FIXTURES = Path.of(System.getProperty("lift.fixtures", "../../kernel/src/test/resources/events"));

    private static final String APP = String.join("\n",
            "package com.acme.slow;",
            "import dev.lift.api.LiftApplication;",
            "import dev.lift.api.Routes;",
            "import java.util.Map;",
            "public final class SlowApp implements LiftApplication {",
            "    @Override public String id() { return \"acme-slow\"; }",
            "    @Override public void configure(Routes routes) {",
            "        routes.get(\"/slow\", (req, ctx) -> {",
            "            System.out.println(\"acme: handler started\");",
            "            System.out.flush();",
            "            Thread.sleep(150);",
            "            System.out.println(\"acme: handler finished\");",
            "            return Map.of(\"done\", true);",
            "        });",
            "    }",
            "}");

    private static String pool(String name, int order) {
        String cls = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Pool";
        return String.join("\n",
                "package com.acme.slow;",
                "import dev.lift.api.PluginContext;",
                "import dev.lift.spi.ResourceProvider;",
                "public final class " + cls + " implements ResourceProvider<StringBuilder> {",
                "    @Override public String id() { return \"" + name + "\"; }",
                "    @Override public int order() { return " + order + "; }",
                "    @Override public Class<StringBuilder> type() { return StringBuilder.class; }",
                "    @Override public StringBuilder open(PluginContext c) { return new StringBuilder(\"" + name + "\"); }",
                "    @Override public void close(StringBuilder r) { System.out.println(\"acme: closing " + name + "\"); }",
                "}");
    }

    @Test
    void sigtermDuringAnInvocationLetsItFinishClosesInReverseOrderAndStaysInsideTheBudget(@TempDir Path work)
            throws Exception {
        assertTrue(Files.isRegularFile(JAR), "build the jar first: " + JAR.toAbsolutePath());
        Path plugins = pluginJar(work);
        ObjectNode event = (ObjectNode) new ObjectMapper().readTree(FIXTURES.resolve("apigw_http_event.json").toFile());
        event.put("rawPath", "/slow").put("routeKey", "$default").remove(List.of("rawQueryString", "body", "cookies"));
        event.with("requestContext").with("http").put("method", "GET").put("path", "/slow");

        try (FakeRuntimeApi api = new FakeRuntimeApi()) {
            api.enqueue(new FakeRuntimeApi.Invocation("req-slow", System.currentTimeMillis() + 30_000, null,
                    new ObjectMapper().writeValueAsBytes(event)));
            ProcessBuilder pb = new ProcessBuilder(JAVA.toString(), "-jar", JAR.toString(), "runtime",
                    "--plugins", plugins.toString());
            pb.environment().putAll(Map.of("AWS_LAMBDA_RUNTIME_API", api.address(),
                    "AWS_LAMBDA_FUNCTION_NAME", "lift-shutdown", "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
                    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512", "AWS_EC2_METADATA_DISABLED", "true",
                    // A budget a busy 2-core build machine can keep; the 300 ms default and the rule that every
                    // step gets only what is left are ShutdownTest's. Here: the budget is kept, end to end.
                    "LIFT_KERNEL_SHUTDOWN_BUDGET", "1500ms", "LIFT_KERNEL_DRAIN_TIME", "1s"));
            pb.redirectErrorStream(true);
            Process child = pb.start();
            List<String> output = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        synchronized (output) {
                            output.add(line);
                        }
                        if (line.equals("acme: handler started")) {
                            started.countDown();
                        }
                    }
                } catch (Exception e) {
                    synchronized (output) {
                        output.add("(reader: " + e + ")");
                    }
                }
            }, "child-output");
            reader.setDaemon(true);
            reader.start();
            try {
                assertTrue(started.await(60, TimeUnit.SECONDS), () -> "the handler never started: " + snapshot(output));
                // SIGTERM, as Lambda sends it. Through the handle: Process.destroy() would also close our
                // end of the child's output, and what the child writes while it shuts down is the point.
                assertTrue(child.toHandle().destroy(), "could not signal the child");
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), () -> "the runtime did not exit: " + snapshot(output));
                reader.join(10_000);
            } finally {
                child.destroyForcibly();
            }
            String out = String.join("\n", snapshot(output));

            // Registered as an extension during init, before the runtime's first poll ended init.
            int register = api.calls.indexOf("POST /2020-01-01/extension/register name=lift body={\"events\":[]}");
            int firstNext = api.calls.indexOf("GET /2018-06-01/runtime/invocation/next");
            assertTrue(register >= 0 && register < firstNext, api.calls.toString());
            assertTrue(api.calls.contains("GET /2020-01-01/extension/event/next id=ext-0001"), api.calls.toString());

            // The invocation in flight finished and its answer reached the Runtime API.
            FakeRuntimeApi.Posted answer = api.responses.get("req-slow");
            assertNotNull(answer, () -> "no answer posted; output:\n" + out + "\ncalls: " + api.calls);
            assertEquals(200, new ObjectMapper().readTree(answer.body()).get("statusCode").asInt(), answer.body());
            assertTrue(answer.body().contains("\\\"done\\\":true") || answer.body().contains("{\\\"done\\\":true}"),
                    answer.body());

            // Order in the child's own output: finished, then closes in reverse order, then one summary line.
            List<String> lines = out.lines().toList();
            int finished = lines.indexOf("acme: handler finished");
            int second = lines.indexOf("acme: closing second");
            int first = lines.indexOf("acme: closing first");
            assertTrue(finished >= 0 && finished < second && second < first, out);
            Matcher summary = Pattern.compile("lift: shutdown complete in (\\d+) ms \\(budget (\\d+) ms\\): "
                    + "1 of 1 in-flight invocation\\(s\\) finished; closed (\\d+) resource\\(s\\) in reverse order: (.*)")
                    .matcher(out);
            assertTrue(summary.find(), out);
            assertTrue(summary.group(4).contains("second, first"), summary.group(4)); // with the standard plugins' own
            assertTrue(Integer.parseInt(summary.group(1)) <= Integer.parseInt(summary.group(2)),
                    "the shutdown overran its budget: " + summary.group());
            assertFalse(out.contains("exceeded"), out);
            assertTrue(first < lines.indexOf(summary.group()), out);
        }
    }

    private static List<String> snapshot(List<String> output) {
        synchronized (output) {
            return new ArrayList<>(output);
        }
    }

    /** A user's plugin jar, compiled now against the application API and the plugin contracts alone. */
    private static Path pluginJar(Path work) throws Exception {
        Path src = work.resolve("src/com/acme/slow");
        Files.createDirectories(src);
        Files.writeString(src.resolve("SlowApp.java"), APP);
        Files.writeString(src.resolve("FirstPool.java"), pool("first", 1));
        Files.writeString(src.resolve("SecondPool.java"), pool("second", 2));
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        String classpath = location(LiftApplication.class) + java.io.File.pathSeparator + location(ResourceProvider.class);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK, not a JRE");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("--release", "17", "-classpath", classpath, "-d", classes.toString()));
        try (Stream<Path> files = Files.list(src)) {
            files.forEach(f -> args.add(f.toString()));
        }
        assertEquals(0, javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new)),
                diagnostics.toString(StandardCharsets.UTF_8));
        Path dir = work.resolve("plugins");
        Files.createDirectories(dir);
        try (OutputStream file = Files.newOutputStream(dir.resolve("acme-slow.jar"));
             JarOutputStream jar = new JarOutputStream(file)) {
            entry(jar, "META-INF/services/dev.lift.api.LiftApplication", "com.acme.slow.SlowApp\n".getBytes(StandardCharsets.UTF_8));
            entry(jar, "META-INF/services/dev.lift.spi.ResourceProvider",
                    "com.acme.slow.FirstPool\ncom.acme.slow.SecondPool\n".getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    entry(jar, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
        }
        return dir;
    }

    private static void entry(JarOutputStream jar, String name, byte[] bytes) throws Exception {
        jar.putNextEntry(new JarEntry(name));
        jar.write(bytes);
        jar.closeEntry();
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
