package dev.lift.cli.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.cli.offline.PrivateRepo;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code lift new} with the built lift.jar, then the generated project's own build
 * ({@code mvn -o verify}: its tests run) against this build's Lift artifacts in a private local
 * repository under target/, then the README's commands: {@code lift invoke --plugins target} with
 * events made by {@code lift events}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NewProjectIT {

    private static final Path JAR = Path.of(System.getProperty("lift.jar", "../target/lift.jar")).toAbsolutePath();
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Path WORK = Path.of("target", "new-project-it").toAbsolutePath();
    private static final Path PROJECT = WORK.resolve("shop-orders");
    private static final Path REPO = WORK.resolve("private-m2");

    record Result(int exitCode, String out) {
    }

    private static Result run(Path dir, List<String> command, long timeoutSeconds) throws Exception {
        Path log = Files.createTempFile(WORK, "out", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Result lift(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return run(dir, command, 120);
    }

    @BeforeAll
    static void generate() throws Exception {
        if (Files.exists(WORK)) {
            try (var s = Files.walk(WORK)) {
                s.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(WORK);
        Result r = lift(WORK, "new", "shop-orders", "--package", "com.acme.orders");
        assertEquals(0, r.exitCode(), r.out());
    }

    @Test
    @Order(1)
    void theSamTemplateIsValidForCfnLint() throws Exception {
        Path cfnLint = onPath("cfn-lint");
        if (cfnLint == null) {
            // CI always has it (.ci/run installs it): there, its absence is a failure, never a pass.
            org.junit.jupiter.api.Assertions.assertNotEquals("true", System.getenv("CI"),
                    "cfn-lint is not on the PATH; .ci/run installs it");
            org.junit.jupiter.api.Assumptions.abort("cfn-lint is not on the PATH; the generated template is not linted");
        }
        Result r = run(PROJECT, List.of(cfnLint.toString(), "template.yaml"), 300);
        assertEquals(0, r.exitCode(), r.out());
    }

    @Test
    @Order(2)
    void buildsOfflineAgainstThisBuildsArtifactsAndItsTestsPass() throws Exception {
        Path root = Path.of(System.getProperty("lift.root", "../.."));
        // Lift's artifacts from this build only: the private repository links everything but dev/lift.
        PrivateRepo repo = PrivateRepo.prepare(REPO, root, PrivateRepo.sharedRepository());
        assertTrue(repo.installed().contains("lift-test:jar"), repo.installed().toString());
        List<String> command = new ArrayList<>(List.of("mvn"));
        command.addAll(repo.mavenArgs());
        command.add("verify");
        Result r = run(PROJECT, command, 900);
        assertEquals(0, r.exitCode(), "Lift artifacts not built: " + repo.missing() + "\n" + r.out());
        assertTrue(r.out().contains("Tests run: 3, Failures: 0, Errors: 0, Skipped: 0"), r.out());

        try (JarFile lambda = new JarFile(PROJECT.resolve("target/lambda/shop-orders.jar").toFile())) {
            assertTrue(lambda.getEntry("dev/lift/kernel/LiftHandler.class") != null);
            String apps = new String(lambda.getInputStream(lambda.getEntry("META-INF/services/dev.lift.api.LiftApplication"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("com.acme.orders.ShopOrdersApp", apps.strip());
        }
        try (JarFile plain = new JarFile(PROJECT.resolve("target/shop-orders.jar").toFile())) {
            assertTrue(plain.getEntry("dev/lift/kernel/LiftHandler.class") == null, "the plugin jar carries only the app");
        }
    }

    @Test
    @Order(3)
    void theReadmesLocalCommandsRunTheApplication() throws Exception {
        Result http = lift(PROJECT, "events", "apigw-v2", "--method", "GET", "--path", "/hello/you");
        assertEquals(0, http.exitCode(), http.out());
        Files.writeString(PROJECT.resolve("hello.json"), http.out());
        Result answer = lift(PROJECT, "invoke", "--plugins", "target", "--event", "hello.json");
        assertEquals(0, answer.exitCode(), answer.out());
        assertTrue(answer.out().contains("\"statusCode\":200"), answer.out());
        assertTrue(answer.out().contains("{\\\"message\\\":\\\"Hello, you!\\\"}"), answer.out());

        Result job = lift(PROJECT, "events", "sqs", "--queue", "shop-orders-jobs", "--body", "{\"task\":\"resize photo 42\"}");
        assertEquals(0, job.exitCode(), job.out());
        Files.writeString(PROJECT.resolve("job.json"), job.out());
        Result done = lift(PROJECT, "invoke", "--plugins", "target", "--event", "job.json");
        assertEquals(0, done.exitCode(), done.out());
        assertTrue(done.out().contains("{\"batchItemFailures\":[]}"), done.out());
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
