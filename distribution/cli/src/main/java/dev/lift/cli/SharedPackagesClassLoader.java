package dev.lift.cli;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * The class loader of the plugin jars in a plugins directory. Its parent is the platform class
 * loader, so a plugin sees the JDK, its own jars, and, delegated to the application class loader,
 * only the packages Lift shares with plugins: the API, the event model, the contracts and their helpers, Jackson, and the Lambda runtime interfaces.
 * A plugin's other libraries therefore cannot clash with Lift's or another plugin's copies
 * (Trino's plugin loading works the same way).
 */
final class SharedPackagesClassLoader extends URLClassLoader {

    /** Package prefixes resolved by the application class loader, so that both sides see one class. */
    static final List<String> SHARED = List.of(
            "dev.lift.api.",
            "dev.lift.events.",
            "dev.lift.spi.",
            "com.fasterxml.jackson.",
            "com.amazonaws.services.lambda.runtime.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader shared;

    SharedPackagesClassLoader(URL[] jars, ClassLoader shared) {
        super("lift-plugins", jars, ClassLoader.getPlatformClassLoader());
        this.shared = shared;
    }

    static boolean isShared(String className) {
        for (String prefix : SHARED) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return shared.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
