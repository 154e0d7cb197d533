package dev.lift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.lift.api.LiftApplication;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A plugin built as a user builds one, at test time: compiled against the SPI alone and jarred
 * with its {@code META-INF/services} file. Its route {@code GET /acme/greet/{who}} also says which
 * classes it can see, to show the plugins directory's isolation.
 */
final class GreeterPluginJar {

    static final String SOURCE = String.join("\n",
            "package com.acme.greeter;",
            "",
            "import dev.lift.api.LiftApplication;",
            "import dev.lift.api.Routes;",
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
            "            out.put(\"seesSpi\", visible(\"dev.lift.api.Routes\"));",
            "            return out;",
            "        });",
            "    }",
            "    private static boolean visible(String name) {",
            "        try { Class.forName(name, false, GreeterApp.class.getClassLoader()); return true; }",
            "        catch (ClassNotFoundException e) { return false; }",
            "    }",
            "}",
            "");

    /** The jar's file name in the plugins directory. */
    static final String JAR_NAME = "acme-greeter.jar";

    private GreeterPluginJar() {
    }

    /**
     * Compiles the plugin in {@code work} and writes {@code work/plugins/acme-greeter.jar}, beside a
     * file that is not a jar; returns the plugins directory.
     */
    static Path build(Path work) throws Exception {
        Path pluginsDir = work.resolve("plugins");
        Files.createDirectories(pluginsDir);
        write(work, SOURCE, pluginsDir.resolve(JAR_NAME));
        Files.writeString(pluginsDir.resolve("README.txt"), "not a jar, ignored");
        return pluginsDir;
    }

    /**
     * Another version of the plugin, for {@code serve --watch}: its greeting starts with
     * {@code greeting} instead of "Hi", and with {@code broken} its application fails at boot.
     * Compiled in a directory of its own under {@code work} and written over {@code jar} in place.
     */
    static void writeVersion(Path work, Path jar, String greeting, boolean broken) throws Exception {
        String source = SOURCE.replace("\"Hi \"", "\"" + greeting + " \"");
        if (broken) {
            source = source.replace("public void configure(Routes routes) {",
                    "public void configure(Routes routes) { if (true) throw new IllegalStateException(\"broken on purpose\");");
        }
        write(Files.createTempDirectory(work, "version-"), source, jar);
    }

    private static void write(Path work, String source, Path jarFile) throws Exception {
        Path src = work.resolve("src/com/acme/greeter/GreeterApp.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        String spi = Path.of(LiftApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "tests need a JDK, not a JRE");
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "--release", "17", "-classpath", spi, "-d", classes.toString(),
                src.toString());
        assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));

        try (OutputStream file = Files.newOutputStream(jarFile);
             JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry("META-INF/services/dev.lift.api.LiftApplication"));
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
    }
}
