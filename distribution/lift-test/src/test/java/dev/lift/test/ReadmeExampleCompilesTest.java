package dev.lift.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guides' Java compiles exactly as printed: the root README's "A small application" example
 * and every snippet of {@code distribution/README.md} (an application, each kind of plugin, a test),
 * against this module's test class path.
 */
class ReadmeExampleCompilesTest {

    private static final String HEADING = "## A small application";
    private static final Pattern JAVA_BLOCK = Pattern.compile("\n```java\n(.*?)\n```\n", Pattern.DOTALL);

    @Test
    void theSmallApplicationInTheReadmeCompilesAsPrinted(@TempDir Path out) throws IOException {
        String example = javaBlockUnder(HEADING, Files.readString(rootReadme(), StandardCharsets.UTF_8));
        Path source = write(out.resolve("src"), 1, example);
        compile(List.of(source), System.getProperty("java.class.path"), out.resolve("classes"), example);
        assertTrue(Files.exists(out.resolve("classes").resolve(className(example) + ".class")), "javac wrote no class file");
    }

    /** What the README promises an application author: lift-api and lift-events (and Jackson) are enough. */
    @Test
    void theSmallApplicationNeedsOnlyLiftApiAndLiftEvents(@TempDir Path out) throws IOException {
        String example = javaBlockUnder(HEADING, Files.readString(rootReadme(), StandardCharsets.UTF_8));
        String classPath = Stream.of(dev.lift.api.LiftApplication.class, dev.lift.events.SqsMessage.class,
                        com.fasterxml.jackson.databind.ObjectMapper.class, com.fasterxml.jackson.core.JsonParser.class,
                        com.fasterxml.jackson.annotation.JsonProperty.class,
                        com.fasterxml.jackson.datatype.jsr310.JavaTimeModule.class)
                .map(ReadmeExampleCompilesTest::location)
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
        compile(List.of(write(out.resolve("src"), 1, example)), classPath, out.resolve("classes"), example);
    }

    private static String location(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyJavaSnippetOfTheDistributionGuideCompilesAsPrinted(@TempDir Path out) throws IOException {
        String guide = Files.readString(rootReadme().resolveSibling("distribution").resolve("README.md"),
                StandardCharsets.UTF_8);
        Matcher block = JAVA_BLOCK.matcher(guide);
        List<Path> sources = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        while (block.find()) {
            sources.add(write(out.resolve("src"), sources.size() + 1, block.group(1) + "\n"));
            all.append(block.group(1)).append("\n\n");
        }
        // The guide shows an application, each kind of plugin and a test: fewer means the extraction broke.
        assertTrue(sources.size() >= 10, "only " + sources.size() + " java blocks found in distribution/README.md");
        compile(sources, System.getProperty("java.class.path"), out.resolve("classes"), all.toString());
    }

    /** Each snippet in its own directory, so that two snippets may declare classes of one name. */
    private static Path write(Path dir, int n, String source) throws IOException {
        Path file = dir.resolve("snippet" + n).resolve(className(source) + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
        return file;
    }

    private static String className(String source) {
        Matcher type = Pattern.compile("^(?:public\\s+)?(?:final\\s+)?class\\s+(\\w+)", Pattern.MULTILINE).matcher(source);
        assertTrue(type.find(), "the snippet declares no top-level class:\n" + source);
        return type.group(1);
    }

    /** Compiles for Java 17 and asserts that javac reports no error. */
    private static void compile(List<Path> sources, String classPath, Path classes, String shown) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no system Java compiler: run the tests on a JDK, not a JRE");
        Files.createDirectories(classes);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        boolean compiled;
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none",
                    "-classpath", classPath, "-d", classes.toString());
            compiled = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
        }
        List<String> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> (d.getSource() == null ? "" : Paths.get(d.getSource().toUri()).getFileName() + " ")
                        + "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                .collect(Collectors.toList());
        assertEquals(List.of(), errors, "the snippets do not compile:\n" + shown);
        assertTrue(compiled, "javac reported failure without an error diagnostic");
    }

    /** The first fenced java block after the heading, before the next heading of the same level. */
    static String javaBlockUnder(String heading, String markdown) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertTrue(start >= 0, "the README has no '" + heading + "' section");
        int end = markdown.indexOf("\n## ", start + heading.length() + 1);
        String section = markdown.substring(start, end < 0 ? markdown.length() : end);
        Matcher block = JAVA_BLOCK.matcher(section);
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
