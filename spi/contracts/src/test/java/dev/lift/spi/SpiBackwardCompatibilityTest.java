package dev.lift.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lift.api.LiftPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails when a public member of the API or the contracts that plugins and applications may use
 * disappears or changes (in the manner of Trino's TestSpiBackwardCompatibility). Signatures are
 * compared in full generic form ({@code toGenericString()}), so a changed type argument, a
 * default method turned abstract or a type turned from interface to class is caught as well.
 * Additions are fine. After a deliberate, documented break, regenerate the list with
 * {@code mvn -pl spi/contracts test -Dtest=SpiBackwardCompatibilityTest -Dlift.spi.write=true}.
 */
class SpiBackwardCompatibilityTest {

    private static final String LIST = "spi-signatures.txt";

    /** A class of each SPI jar whose public types are covered. */
    private static final List<Class<?>> COVERED = List.of(LiftPlugin.class, EventAdapter.class);

    @Test
    void everyPublishedSpiMemberStillExists() throws Exception {
        Set<String> current = currentSignatures(COVERED);
        if (Boolean.getBoolean("lift.spi.write")) {
            Files.writeString(Path.of("src/test/resources", LIST), String.join("\n", current) + "\n");
            return;
        }
        List<String> missing = missing(published(), current);
        assertTrue(missing.isEmpty(), "SPI members removed or changed (a breaking change for plugins):\n  "
                + String.join("\n  ", missing));
    }

    @Test
    void theListCoversTheApiAndTheContracts() throws IOException {
        Set<String> list = published();
        assertTrue(list.size() > 300, "the signature list looks empty: " + list.size() + " lines");
        assertTrue(list.contains("dev.lift.api.LiftPlugin#method public abstract java.lang.String dev.lift.api.LiftPlugin.id()"));
        assertTrue(list.stream().anyMatch(l -> l.startsWith("dev.lift.spi.EventAdapter#method public abstract dev.lift.api.LiftEvent dev.lift.spi.EventAdapter.decode(")));
    }

    /** The check bites: a default method made abstract, or a changed type argument, is reported. */
    @Test
    void aDefaultTurnedAbstractOrAChangedTypeArgumentIsReported() throws Exception {
        Set<String> before = signaturesOf(Before.class);
        Set<String> after = signaturesOf(After.class);
        List<String> missing = missing(rename(before, Before.class, After.class), after);
        assertEquals(2, missing.size(), String.join("\n", missing));
        assertTrue(missing.stream().anyMatch(l -> l.contains("public default int")), missing.toString());
        assertTrue(missing.stream().anyMatch(l -> l.contains("java.util.List<java.lang.String>")), missing.toString());
    }

    interface Before {
        default int order() {
            return 0;
        }

        java.util.List<String> names();
    }

    interface After {
        int order();

        java.util.List<Object> names();
    }

    private static Set<String> rename(Set<String> lines, Class<?> from, Class<?> to) {
        return lines.stream().map(l -> l.replace(from.getName(), to.getName()).replace(from.getTypeName(), to.getTypeName()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> missing(Set<String> published, Set<String> current) {
        List<String> missing = new ArrayList<>();
        for (String line : published) {
            if (!current.contains(line)) {
                missing.add(line);
            }
        }
        return missing;
    }

    private Set<String> published() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(LIST)) {
            Set<String> out = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
            return out;
        }
    }

    static Set<String> currentSignatures(List<Class<?>> anchors) throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> out = new TreeSet<>();
        for (Class<?> anchor : anchors) {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                collect(location, anchor.getClassLoader(), out);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(location)) {
                    collect(jar.getPath("/"), anchor.getClassLoader(), out);
                }
            }
        }
        return out;
    }

    private static void collect(Path root, ClassLoader loader, Set<String> out) throws IOException, ClassNotFoundException {
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(root)) {
            classFiles = files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
        }
        for (Path file : classFiles) {
            String name = root.relativize(file).toString().replace('/', '.').replace(".class", "");
            if (name.endsWith("package-info") || name.equals("module-info")) {
                continue;
            }
            Class<?> type = Class.forName(name, false, loader);
            if (isPublished(type)) {
                out.addAll(signaturesOf(type));
            }
        }
    }

    private static boolean isPublished(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    static Set<String> signaturesOf(Class<?> type) {
        Set<String> out = new TreeSet<>();
        String t = type.getName();
        out.add(t + "#type " + type.toGenericString());
        for (Method m : type.getDeclaredMethods()) {
            if ((Modifier.isPublic(m.getModifiers()) || type.isInterface() && !Modifier.isPrivate(m.getModifiers()))
                    && !m.isSynthetic()) {
                out.add(t + "#method " + m.toGenericString());
            }
        }
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (Modifier.isPublic(c.getModifiers())) {
                out.add(t + "#constructor " + c.toGenericString());
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers())) {
                out.add(t + "#field " + f.toGenericString());
            }
        }
        return out;
    }
}
