package dev.lift.spi;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails when a public SPI member that plugins may use disappears or changes its signature
 * (in the manner of Trino's TestSpiBackwardCompatibility). Additions are fine. After a deliberate,
 * documented break, regenerate the list with
 * {@code mvn -pl spi test -Dtest=SpiBackwardCompatibilityTest -Dlift.spi.write=true}.
 */
class SpiBackwardCompatibilityTest {

    private static final String LIST = "spi-signatures.txt";

    @Test
    void everyPublishedSpiMemberStillExists() throws Exception {
        Set<String> current = currentSignatures();
        if (Boolean.getBoolean("lift.spi.write")) {
            Path target = Path.of("src/test/resources", LIST);
            Files.writeString(target, String.join("\n", current) + "\n");
            return;
        }
        List<String> missing = new ArrayList<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(LIST)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !current.contains(line)) {
                    missing.add(line);
                }
            }
        }
        assertTrue(missing.isEmpty(), "SPI members removed or changed (a breaking change for plugins):\n  "
                + String.join("\n  ", missing));
    }

    @Test
    void theListCoversTheCorePluginContracts() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(LIST)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("dev.lift.spi.LiftPlugin#method id()"), "the signature list looks empty");
            assertTrue(text.contains("dev.lift.spi.EventAdapter#method decode(com.fasterxml.jackson.databind.JsonNode)"));
        }
    }

    static Set<String> currentSignatures() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(LiftPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> out = new TreeSet<>();
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(root)) {
            classFiles = files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
        }
        for (Path file : classFiles) {
            String name = root.relativize(file).toString().replace('/', '.').replace(".class", "");
            if (name.endsWith("package-info")) {
                continue;
            }
            Class<?> type = Class.forName(name, false, LiftPlugin.class.getClassLoader());
            if (!Modifier.isPublic(type.getModifiers())) {
                continue;
            }
            String t = type.getName();
            out.add(t + "#type " + kind(type));
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                    out.add(t + "#method " + (Modifier.isStatic(m.getModifiers()) ? "static " : "") + m.getName() + "("
                            + Arrays.stream(m.getParameterTypes()).map(Class::getTypeName).collect(Collectors.joining(","))
                            + ") : " + m.getReturnType().getTypeName());
                    out.add(t + "#method " + m.getName() + "("
                            + Arrays.stream(m.getParameterTypes()).map(Class::getTypeName).collect(Collectors.joining(","))
                            + ")");
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(c.getModifiers())) {
                    out.add(t + "#constructor ("
                            + Arrays.stream(c.getParameterTypes()).map(Class::getTypeName).collect(Collectors.joining(","))
                            + ")");
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    out.add(t + "#field " + f.getName() + " : " + f.getType().getTypeName());
                }
            }
        }
        return out;
    }

    private static String kind(Class<?> type) {
        if (type.isAnnotation()) {
            return "annotation";
        }
        if (type.isInterface()) {
            return "interface";
        }
        if (type.isEnum()) {
            return "enum";
        }
        if (type.isRecord()) {
            return "record";
        }
        return "class";
    }
}
