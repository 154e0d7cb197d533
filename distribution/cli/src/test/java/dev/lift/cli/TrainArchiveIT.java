package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lift.api.Json;
import dev.lift.test.Events;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train-archive} from the built lift-runtime.zip, and what {@code bootstrap} and the JVM then do with
 * the archive: mapped when the JDK and lift.jar are the ones it was trained with, and a function that still
 * starts and answers, with the messages distribution/README.md quotes, when they are not. Needs a JDK 17
 * ({@code -Dlift.java17}) and a JDK 25 ({@code -Dlift.java25}); failsafe runs it after {@code package}.
 */
class TrainArchiveIT {

    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "train-archive-it-reader");
        t.setDaemon(true);
        return t;
    });

    private static final Path RUNTIME_ZIP =
            Path.of(System.getProperty("lift.jar", "../target/lift.jar")).resolveSibling("lift-runtime.zip");
    private static final Path FIXTURES = Path.of(System.getProperty("lift.fixtures", "../../kernel/src/test/resources/events"));
    private static final String HELLO = "{\"message\":\"Hello, bootstrap!\"}";

    record Proc(int exit, String out, String err) {
    }

    /** What one bootstrap run answered, printed, and where the class-load log says some classes came from. */
    record Served(String body, String out, String err, Map<String, String> sources) {
        String source(String className) {
            return sources.getOrDefault(className, "(not loaded)");
        }
    }

    private static Path jdk(String property) {
        Path home = Path.of(System.getProperty(property, "/nonexistent"));
        assertTrue(Files.isExecutable(home.resolve("bin/java")),
                "no JDK at -D" + property + "=" + home + "; this test needs a JDK 17 and a JDK 25");
        return home;
    }

    /** lift-runtime.zip unpacked as Lambda does: modes 0755 kept for the scripts, times kept. */
    private static Path unpackRuntimeZip(Path into) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(RUNTIME_ZIP))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(into), e.getName());
                Files.copy(in, target);
                Files.setLastModifiedTime(target, e.getLastModifiedTime());
                names.add(e.getName());
            }
        }
        assertEquals(List.of("bootstrap", "train-archive", "lift.jar"), names, "lift-runtime.zip");
        assertEquals(0755, unixMode(RUNTIME_ZIP, "train-archive") & 0777, "train-archive's mode in lift-runtime.zip");
        assertTrue(into.resolve("bootstrap").toFile().setExecutable(true));
        assertTrue(into.resolve("train-archive").toFile().setExecutable(true));
        return into;
    }

    /** The Unix mode an entry was stored with (the high half of its external attributes), from the central directory. */
    private static int unixMode(Path zip, String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = b.limit() - 22;
        while (eocd >= 0 && b.getInt(eocd) != 0x06054b50) {
            eocd--;
        }
        assertTrue(eocd >= 0, "not a zip: " + zip);
        int count = Short.toUnsignedInt(b.getShort(eocd + 10));
        int at = b.getInt(eocd + 16);
        for (int i = 0; i < count; i++) {
            assertEquals(0x02014b50, b.getInt(at));
            int nameLength = Short.toUnsignedInt(b.getShort(at + 28));
            byte[] n = new byte[nameLength];
            b.get(at + 46, n);
            if (new String(n, StandardCharsets.UTF_8).equals(name)) {
                return b.getInt(at + 38) >>> 16;
            }
            at += 46 + nameLength + Short.toUnsignedInt(b.getShort(at + 30)) + Short.toUnsignedInt(b.getShort(at + 32));
        }
        throw new AssertionError(name + " is not in " + zip);
    }

    private static Proc run(Path dir, Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("LIFT_JAVA_OPTS");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Proc(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
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

    private static Proc train(Path task, Path javaHome, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(task.resolve("train-archive").toString()));
        command.addAll(List.of(args));
        return run(task, Map.of("JAVA_HOME", javaHome.toString()), command);
    }

    private static String fixture(String name) {
        return FIXTURES.resolve(name).toAbsolutePath().toString();
    }

    /** Runs {@code bootstrap} with {@code javaHome} against a local Runtime API for one HTTP invocation. */
    private static Served bootstrap(Path task, Path javaHome, String javaOpts) throws Exception {
        Path classLog = Files.createTempFile(task.getParent(), "class-load-", ".log");
        try (FakeRuntimeApi api = new FakeRuntimeApi()) {
            api.enqueue(new FakeRuntimeApi.Invocation("archive-1", System.currentTimeMillis() + 30_000, null,
                    Events.http("GET", "/hello/bootstrap").toBytes()));
            ProcessBuilder pb = new ProcessBuilder(task.resolve("bootstrap").toString());
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            pb.environment().put("JAVA_HOME", javaHome.toString());
            pb.environment().put("LIFT_JAVA_OPTS", (javaOpts + " -Xlog:class+load=info:file=" + classLog).strip());
            Process p = pb.start();
            CompletableFuture<String> out = drain(p.getInputStream());
            CompletableFuture<String> err = drain(p.getErrorStream());
            boolean answered;
            try {
                answered = api.awaitAnswers(p);
            } finally {
                p.toHandle().destroy();
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            String stdout = out.get(10, TimeUnit.SECONDS);
            String stderr = err.get(10, TimeUnit.SECONDS);
            assertTrue(answered, "the runtime answered nothing; stdout: " + stdout + "\nstderr: " + stderr);
            assertFalse(api.errors.containsKey("archive-1"), api.errors.toString());
            JsonNode response = Json.mapper().readTree(api.responses.get("archive-1").body());
            assertEquals(200, response.path("statusCode").asInt(), stderr);
            Map<String, String> sources = new HashMap<>();
            for (String line : Files.readAllLines(classLog)) {
                int at = line.indexOf(" source: ");
                if (at > 0) {
                    sources.putIfAbsent(line.substring(line.lastIndexOf(' ', at - 1) + 1, at),
                            line.substring(at + " source: ".length()));
                }
            }
            return new Served(response.path("body").asText(), stdout, stderr, sources);
        }
    }

    private static void assertFromJar(String source) {
        assertTrue(source.startsWith("file:") && source.endsWith("/lift.jar"), source);
    }

    @Test
    void onJava17TheRuntimeTrainsAnAppCdsArchiveThatBootstrapMapsWithTheRuntimesOwnClasses(@TempDir Path work)
            throws Exception {
        Path java17 = jdk("lift.java17");
        Path task = unpackRuntimeZip(Files.createDirectory(work.resolve("task")));

        Proc trained = train(task, java17, fixture("apigw_http_event.json"), fixture("sqs_event.json"));
        assertEquals(0, trained.exit(), trained.err());
        assertTrue(trained.err().contains("train-archive: the runtime answered all 2 event(s)"), trained.err());
        assertTrue(Files.size(task.resolve("lift.jsa")) > 1_000_000, "lift.jsa");
        assertFalse(Files.exists(task.resolve("lift.aot")));
        // The record of the JDK that made it, which bootstrap compares with the JDK it runs.
        assertEquals(Files.readString(java17.resolve("release")), Files.readString(task.resolve("lift.archive.jdk")));

        // -Xshare:on makes a failure to map the archive fatal, so an answer alone proves it was mapped.
        Served served = bootstrap(task, java17, "-Xshare:on");
        assertEquals(HELLO, served.body());
        assertEquals("shared objects file (top)", served.source("dev.lift.cli.LiftCli"));
        // Trained through the runtime, so its Runtime API classes are in the archive too (lift invoke never loads this one).
        assertEquals("shared objects file (top)", served.source("dev.lift.cli.RuntimeLoop$Config"));
        assertEquals("shared objects file", served.source("java.lang.String"));
        assertFalse(served.err().contains("bootstrap:"), served.err());
    }

    @Test
    void onJava25TheRuntimeTrainsAnAotCacheThatBootstrapMaps(@TempDir Path work) throws Exception {
        Path java25 = jdk("lift.java25");
        Path task = unpackRuntimeZip(Files.createDirectory(work.resolve("task")));

        Proc trained = train(task, java25, fixture("apigw_http_event.json"));
        assertEquals(0, trained.exit(), trained.err());
        assertTrue(Files.size(task.resolve("lift.aot")) > 1_000_000, "lift.aot");
        assertFalse(Files.exists(task.resolve("lift.jsa")));

        // -XX:AOTMode=on makes a cache that cannot be used fatal.
        Served served = bootstrap(task, java25, "-XX:AOTMode=on");
        assertEquals(HELLO, served.body());
        assertEquals("shared objects file", served.source("dev.lift.cli.LiftCli"));
        assertEquals("shared objects file", served.source("dev.lift.cli.RuntimeLoop$Config"));
    }

    @Test
    void invokeModeTrainsOnOneEventWithoutTheRuntimeClasses(@TempDir Path work) throws Exception {
        Path java17 = jdk("lift.java17");
        Path task = unpackRuntimeZip(Files.createDirectory(work.resolve("task")));

        Proc trained = train(task, java17, "--invoke", fixture("apigw_http_event.json"));
        assertEquals(0, trained.exit(), trained.err());
        Served served = bootstrap(task, java17, "");
        assertEquals(HELLO, served.body());
        assertEquals("shared objects file (top)", served.source("dev.lift.cli.LiftCli"));
        assertFromJar(served.source("dev.lift.cli.RuntimeLoop$Config"));
    }

    @Test
    void badArgumentsAndJdksAreRefusedClearlyAndLeaveAnExistingArchiveAlone(@TempDir Path work) throws Exception {
        Path java17 = jdk("lift.java17");
        Path task = unpackRuntimeZip(Files.createDirectory(work.resolve("task")));
        Files.writeString(task.resolve("lift.jsa"), "an earlier archive");

        Proc none = train(task, java17);
        assertEquals(2, none.exit());
        assertTrue(none.err().startsWith("train-archive: no event given; training needs at least one representative event"),
                none.err());
        assertTrue(none.err().contains("Usage: train-archive [--invoke] EVENT..."), none.err());

        Proc missing = train(task, java17, work.resolve("no-such-event.json").toString());
        assertEquals(2, missing.exit());
        assertEquals("train-archive: there is no readable event file " + work.resolve("no-such-event.json") + "\n",
                missing.err());

        Proc two = train(task, java17, "--invoke", fixture("apigw_http_event.json"), fixture("sqs_event.json"));
        assertEquals(2, two.exit());
        assertEquals("train-archive: --invoke takes exactly one event (lift invoke runs one); got 2\n", two.err());

        // A Java older than 17: a JDK home whose release file says 11 and whose java says so too.
        Path old = Files.createDirectories(work.resolve("jdk-11/bin"));
        Files.writeString(old.getParent().resolve("release"), "JAVA_VERSION=\"11.0.2\"\n");
        Path fakeJava = old.resolve("java");
        Files.writeString(fakeJava, "#!/bin/sh\necho 'openjdk version \"11.0.2\" 2019-01-15' >&2\n");
        assertTrue(fakeJava.toFile().setExecutable(true));
        Proc eleven = train(task, old.getParent(), fixture("apigw_http_event.json"));
        assertEquals(2, eleven.exit());
        assertEquals("train-archive: " + fakeJava + " is Java 11; Lift needs Java 17 or later (lift.jsa on 17 to 24, "
                + "lift.aot on 25 and later)\n", eleven.err());

        Proc noJava = train(task, work.resolve("nowhere"), fixture("apigw_http_event.json"));
        assertEquals(2, noJava.exit());
        assertTrue(noJava.err().startsWith("train-archive: cannot run " + work.resolve("nowhere/bin/java")), noJava.err());

        assertEquals("an earlier archive", Files.readString(task.resolve("lift.jsa")), "nothing is removed before the checks pass");
    }

    @Test
    void aTrainingEventTheFunctionCannotAnswerFailsTheTrainingAndKeepsNoArchive(@TempDir Path work) throws Exception {
        Path java17 = jdk("lift.java17");
        Path task = unpackRuntimeZip(Files.createDirectory(work.resolve("task")));
        Path unknown = Files.writeString(work.resolve("unknown.json"), "{\"not\":\"an event Lift knows\"}");

        Proc runtime = train(task, java17, unknown.toString());
        assertEquals(2, runtime.exit(), runtime.err());
        assertTrue(runtime.err().contains("train-archive: event " + unknown + ": the function posted an error, "
                + "Lift.InvocationError"), runtime.err());
        assertTrue(runtime.err().contains("no archive was kept"), runtime.err());
        assertFalse(Files.exists(task.resolve("lift.jsa")));

        Proc invoke = train(task, java17, "--invoke", unknown.toString());
        assertEquals(2, invoke.exit(), invoke.err());
        assertTrue(invoke.err().contains("train-archive: the training invocation failed (see above); no archive was kept"),
                invoke.err());
        assertFalse(Files.exists(task.resolve("lift.jsa")));
    }

    /**
     * The runtime's JDK no longer matches the archive: a lift.jsa from Java 17 under Java 25. With train-archive's
     * record, bootstrap leaves the archive out and the JVM keeps its own archive of JDK classes; without it
     * (an archive made by hand) the JVM rejects the archive, says so on stdout, and then runs without any
     * class-data sharing at all. Either way the function starts and answers.
     */
    @Test
    void anArchiveFromAnotherJdkCostsAMessageNeverTheFunction(@TempDir Path work) throws Exception {
        Path java17 = jdk("lift.java17");
        Path java25 = jdk("lift.java25");
        Path task = unpackRuntimeZip(Files.createDirectory(work.resolve("task")));
        Proc trained = train(task, java17, fixture("apigw_http_event.json"));
        assertEquals(0, trained.exit(), trained.err());

        Served guarded = bootstrap(task, java25, "");
        assertEquals(HELLO, guarded.body());
        assertTrue(guarded.err().contains("bootstrap: lift.jsa was made by another JDK than " + java25
                + " (lift.archive.jdk differs from its release file); starting without it."), guarded.err());
        assertFromJar(guarded.source("dev.lift.cli.LiftCli"));
        assertEquals("shared objects file", guarded.source("java.lang.String"), "the JDK's own archive still maps");
        assertFalse(guarded.out().contains("[cds]"), guarded.out());

        Files.delete(task.resolve("lift.archive.jdk"));
        Served unguarded = bootstrap(task, java25, "");
        assertEquals(HELLO, unguarded.body());
        assertTrue(unguarded.out().contains("[warning][cds] Cannot handle shared archive file version"), unguarded.out());
        assertTrue(unguarded.out().contains("[error  ][cds] Not a valid shared archive file (lift.jsa)"), unguarded.out());
        assertFromJar(unguarded.source("dev.lift.cli.LiftCli"));
        assertEquals("jrt:/java.base", unguarded.source("java.lang.String"), "class-data sharing is off altogether");

        // And the other way round, by hand: Java 17 given Java 25's cache as an AppCDS archive says nothing and
        // also runs without any sharing (bootstrap never does this: it passes lift.aot only to Java 25+).
        Path task25 = unpackRuntimeZip(Files.createDirectory(work.resolve("task25")));
        Proc trained25 = train(task25, jdk("lift.java25"), "--invoke", fixture("apigw_http_event.json"));
        assertEquals(0, trained25.exit(), trained25.err());
        Served crossed = bootstrap(task25, java17, "-XX:SharedArchiveFile=lift.aot");
        assertEquals(HELLO, crossed.body());
        assertFalse(crossed.out().contains("[cds]"), crossed.out());
        assertEquals("jrt:/java.base", crossed.source("java.lang.String"));
    }

    /** Another lift.jar (here the same bytes, touched): the JVM rejects the archive with a warning, nothing worse. */
    @Test
    void aChangedLiftJarCostsAWarningNeverTheFunction(@TempDir Path work) throws Exception {
        Path java17 = jdk("lift.java17");
        Path java25 = jdk("lift.java25");
        Path task = unpackRuntimeZip(Files.createDirectory(work.resolve("task")));
        assertEquals(0, train(task, java17, fixture("apigw_http_event.json")).exit());
        Path task25 = unpackRuntimeZip(Files.createDirectory(work.resolve("task25")));
        assertEquals(0, train(task25, java25, fixture("apigw_http_event.json")).exit());
        for (Path t : List.of(task, task25)) {
            Path jar = t.resolve("lift.jar");
            Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));
        }

        Served appCds = bootstrap(task, java17, "");
        assertEquals(HELLO, appCds.body());
        assertTrue(appCds.out().contains("[warning][cds,dynamic] Unable to use shared archive. "
                + "The top archive failed to load: lift.jsa"), appCds.out());
        assertFromJar(appCds.source("dev.lift.cli.LiftCli"));
        assertEquals("shared objects file", appCds.source("java.lang.String"), "the JDK's own archive still maps");

        Served aot = bootstrap(task25, java25, "");
        assertEquals(HELLO, aot.body());
        assertTrue(aot.out().contains("[warning][aot] This file is not the one used while building the shared archive "
                + "file: 'lift.jar', timestamp has changed"), aot.out());
        assertTrue(aot.out().contains("[error  ][aot] shared class paths mismatch"), aot.out());
        assertFromJar(aot.source("dev.lift.cli.LiftCli"));
        assertEquals("jrt:/java.base", aot.source("java.lang.String"), "the whole cache is dropped");
    }

    /**
     * The managed runtimes read JVM flags only from JAVA_TOOL_OPTIONS. A foreign AppCDS archive there costs a
     * warning; an AOT-cache flag on a JVM older than 25 (java21) stops the JVM from starting at all.
     */
    @Test
    void javaToolOptionsOnAnotherJdkWarnsButAnAotFlagOnJava17KillsTheStart(@TempDir Path work) throws Exception {
        Path java17 = jdk("lift.java17");
        Path java25 = jdk("lift.java25");
        Path task = unpackRuntimeZip(Files.createDirectory(work.resolve("task")));
        assertEquals(0, train(task, java17, "--invoke", fixture("apigw_http_event.json")).exit());
        String event = fixture("apigw_http_event.json");

        Proc foreign = run(task, Map.of("JAVA_TOOL_OPTIONS", "-XX:SharedArchiveFile=lift.jsa"),
                List.of(java25.resolve("bin/java").toString(), "-jar", "lift.jar", "invoke", "--event", event));
        assertEquals(0, foreign.exit(), foreign.err());
        assertTrue(foreign.err().startsWith("Picked up JAVA_TOOL_OPTIONS: -XX:SharedArchiveFile=lift.jsa"), foreign.err());
        assertTrue(foreign.out().contains("[error  ][cds] Not a valid shared archive file (lift.jsa)"), foreign.out());
        // The JVM's lines come first on stdout, then the response.
        String response = foreign.out().substring(foreign.out().indexOf('{'));
        assertEquals(404, Json.mapper().readTree(response).path("statusCode").asInt(), response);

        Proc fatal = run(task, Map.of("JAVA_TOOL_OPTIONS", "-XX:AOTCache=lift.aot"),
                List.of(java17.resolve("bin/java").toString(), "-jar", "lift.jar", "invoke", "--event", event));
        assertEquals(1, fatal.exit());
        assertTrue(fatal.err().contains("Unrecognized VM option 'AOTCache=lift.aot'"), fatal.err());
        assertTrue(fatal.err().contains("Error: Could not create the Java Virtual Machine."), fatal.err());
        assertEquals("", fatal.out());
    }

    /**
     * The managed runtimes put the task root, a non-empty directory, on the class path ahead of its jars
     * (here imitated as {@code task:task/lib/*}). Neither JDK writes an archive of such a class path: the
     * function runs, and the archive is refused at exit. This is why train-archive has no managed-runtime mode.
     */
    @Test
    void neitherJdkArchivesAClassPathWithTheTaskRootDirectoryOnIt(@TempDir Path work) throws Exception {
        String event = fixture("apigw_http_event.json");
        for (String[] jdkAndFlag : List.of(new String[] {"lift.java17", "-XX:ArchiveClassesAtExit=lift.jsa", "[cds]"},
                new String[] {"lift.java25", "-XX:AOTCacheOutput=lift.aot", "[aot]"})) {
            Path dir = Files.createDirectory(work.resolve(jdkAndFlag[0]));
            Path lib = Files.createDirectories(dir.resolve("task/lib"));
            Files.copy(Path.of(System.getProperty("lift.jar", "../target/lift.jar")), lib.resolve("lift.jar"));
            Proc p = run(dir, Map.of("JAVA_TOOL_OPTIONS", jdkAndFlag[1]), List.of(jdk(jdkAndFlag[0]).resolve("bin/java").toString(),
                    "-cp", "task:task/lib/*", "dev.lift.cli.LiftCli", "invoke", "--event", event));
            String all = p.out() + p.err();
            assertTrue(all.contains("\"statusCode\":404"), "the function itself ran: " + all);
            assertTrue(all.matches("(?s).*\\]\\[error *\\]\\[" + jdkAndFlag[2].substring(1, 4)
                    + "\\] Error: non-empty directory 'task'.*"), all);
            assertTrue(all.contains("Cannot have non-empty directory in paths"), all);
            assertFalse(Files.exists(dir.resolve("lift.jsa")) || Files.exists(dir.resolve("lift.aot")), jdkAndFlag[0]);
        }
    }
}
