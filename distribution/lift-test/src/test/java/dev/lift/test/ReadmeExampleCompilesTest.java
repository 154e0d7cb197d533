package dev.lift.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root README's "A small application" example compiles exactly as printed, against the API
 * an application author gets (lift-api and lift-events, on this module's test class path).
 */
class ReadmeExampleCompilesTest {

    private static final String HEADING = "## A small application";

    @Test
    void theSmallApplicationInTheReadmeCompilesAsPrinted(@TempDir Path out) throws IOException {
        String example = javaBlockUnder(HEADING, Files.readString(rootReadme(), StandardCharsets.UTF_8));
        Matcher publicClass = Pattern.compile("public\\s+(?:final\\s+)?class\\s+(\\w+)").matcher(example);
        assertTrue(publicClass.find(), "the example declares no public class:\n" + example);
        Path source = out.resolve(publicClass.group(1) + ".java");
        Files.writeString(source, example, StandardCharsets.UTF_8);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no system Java compiler: run the tests on a JDK, not a JRE");
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none",
                    "-classpath", System.getProperty("java.class.path"), "-d", out.toString());
            compiled = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(source)).call();
        }
        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .collect(Collectors.toList());
        assertEquals(List.of(), errors, "the README example does not compile:\n" + example);
        assertTrue(compiled, "javac reported failure without an error diagnostic");
        assertTrue(Files.exists(out.resolve(publicClass.group(1) + ".class")), "javac wrote no class file");
    }

    /** The first fenced java block after the heading, before the next heading of the same level. */
    static String javaBlockUnder(String heading, String markdown) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "the README has no '" + heading + "' section");
        int end = markdown.indexOf("\n## ", start + heading.length() + 1);
        String section = markdown.substring(start, end < 0 ? markdown.length() : end);
        Matcher block = Pattern.compile("\n```java\n(.*?)\n```\n", Pattern.DOTALL).matcher(section);
        assertTrue(block.find(), "the '" + heading + "' section has no ```java block");
        return block.group(1) + "\n";
    }

    /**
     * The repository's README: under {@code maven.multiModuleProjectDirectory} when Maven passes it
     * (see this module's pom), else the nearest directory above the working directory whose
     * README.md has the section ({@code distribution/README.md} is another README).
     */
    static Path rootReadme() throws IOException {
        String root = System.getProperty("maven.multiModuleProjectDirectory");
        if (root != null && !root.isBlank() && hasSection(Paths.get(root, "README.md"))) {
            return Paths.get(root, "README.md");
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (hasSection(dir.resolve("README.md"))) {
                return dir.resolve("README.md");
            }
        }
        throw new AssertionError("No README.md with a '" + HEADING + "' section above " + Paths.get("").toAbsolutePath());
    }

    private static boolean hasSection(Path readme) throws IOException {
        return Files.isRegularFile(readme)
                && Files.readString(readme, StandardCharsets.UTF_8).contains("\n" + HEADING + "\n");
    }
}
