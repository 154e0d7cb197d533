package dev.lift.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A directory of plugin jars (the {@code --plugins} option or {@code LIFT_PLUGINS_DIR}): every
 * {@code *.jar} directly in it, in name order.
 */
final class PluginDirectory {

    private final Path dir;
    private final List<Path> jars;

    private PluginDirectory(Path dir, List<Path> jars) {
        this.dir = dir;
        this.jars = jars;
    }

    /**
     * Lists the jars of a directory.
     *
     * @throws IllegalArgumentException when the path is not a readable directory
     */
    static PluginDirectory of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("The plugins directory " + dir + " does not exist or is not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().toList();
            return new PluginDirectory(dir, jars);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the plugins directory " + dir, e);
        }
    }

    Path dir() {
        return dir;
    }

    List<Path> jars() {
        return jars;
    }

    /** The loader to discover from: the application's class path plus these jars, isolated. */
    DiscoveryClassLoader discoveryLoader(ClassLoader application) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("Cannot use plugin jar " + jar + ": " + e.getMessage(), e);
            }
        }
        return new DiscoveryClassLoader(application, new SharedPackagesClassLoader(urls.toArray(URL[]::new), application));
    }
}
