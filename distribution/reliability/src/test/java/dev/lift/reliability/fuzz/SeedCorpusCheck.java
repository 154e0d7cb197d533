package dev.lift.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Proves that {@code mvn verify} really runs each fuzz target over its seed corpus: counts the
 * invocations of every {@link FuzzTest} method and, after the class, checks that each method that
 * ran saw exactly Jazzer's empty input plus one input per corpus file, and that its corpus is not
 * empty. Jazzer 0.24 reads, in regression mode, the files directly in
 * {@code <package>/<Class>Inputs/} and every file below {@code <package>/<Class>Inputs/<method>/}
 * on the test class path. A corpus in a misspelt directory would otherwise run only the empty
 * input and pass silently.
 *
 * <p>Only in regression mode: with {@code JAZZER_FUZZ} set, or under Jazzer's own driver
 * ({@code scripts/fuzz.sh}), Jazzer fuzzes one method and the counts mean nothing.
 */
final class SeedCorpusCheck implements BeforeEachCallback, AfterAllCallback {

    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        Method m = context.getRequiredTestMethod();
        if (m.isAnnotationPresent(FuzzTest.class)) {
            runs.computeIfAbsent(m.getName(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String fuzz = System.getenv("JAZZER_FUZZ");
        boolean driver = context.getConfigurationParameter("jazzer.internal.command_line").map(Boolean::parseBoolean)
                .orElse(false);
        if (fuzz != null && !fuzz.isEmpty() || driver) {
            return;
        }
        Class<?> testClass = context.getRequiredTestClass();
        Map<String, Integer> seen = new TreeMap<>();
        for (Method m : testClass.getDeclaredMethods()) {
            AtomicInteger ran = runs.get(m.getName());
            if (!m.isAnnotationPresent(FuzzTest.class) || ran == null) {
                continue; // not selected in this run
            }
            int files = corpusFiles(testClass, m.getName());
            assertTrue(files > 0, testClass.getSimpleName() + "." + m.getName() + " has no seed corpus under "
                    + inputsDirectory(testClass) + "/" + m.getName());
            assertEquals(files + 1, ran.get(), testClass.getSimpleName() + "." + m.getName()
                    + " should have run the empty input and its " + files + " corpus file(s)");
            seen.put(m.getName(), ran.get());
        }
        System.out.println("Seed corpus runs of " + testClass.getSimpleName() + " (empty input included): " + seen);
    }

    /** Files Jazzer reads for the method: directly in the class's Inputs directory, and anywhere below the method's. */
    static int corpusFiles(Class<?> testClass, String method) {
        URL url = testClass.getResource(testClass.getSimpleName() + "Inputs");
        if (url == null) {
            return 0;
        }
        try {
            Path dir = Path.of(url.toURI());
            int count = 0;
            try (Stream<Path> shared = Files.list(dir)) {
                count += (int) shared.filter(Files::isRegularFile).count();
            }
            Path own = dir.resolve(method);
            if (Files.isDirectory(own)) {
                try (Stream<Path> files = Files.walk(own)) {
                    count += (int) files.filter(Files::isRegularFile).count();
                }
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String inputsDirectory(Class<?> testClass) {
        return "src/test/resources/" + testClass.getPackageName().replace('.', '/') + "/" + testClass.getSimpleName()
                + "Inputs";
    }
}
