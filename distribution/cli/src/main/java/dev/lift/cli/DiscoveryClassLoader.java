package dev.lift.cli;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;

/**
 * The loader Lift discovers plugins from when a plugins directory is in use. The kernel takes one
 * class loader, but plugins live in two places: on the class path (lift.jar's standard plugins,
 * a Lambda layer in {@code /opt/java/lib}) and in the directory. This loader sees both without
 * weakening isolation: its parent is the application class loader, so class-path plugins resolve
 * there first; what the parent lacks is looked up in the plugin jars' {@link SharedPackagesClassLoader},
 * which defines those classes itself, so they keep resolving their own dependencies only through
 * the platform loader, the shared packages and their own jars. {@code META-INF/services} files are
 * collected from both (the parent's first), which is what {@link java.util.ServiceLoader} reads.
 *
 * <p>Discovering twice and merging was the alternative; one loader keeps the kernel's own duplicate
 * checks and "loaded from" reporting working unchanged.
 */
final class DiscoveryClassLoader extends ClassLoader implements java.io.Closeable {

    static {
        registerAsParallelCapable();
    }

    private final SharedPackagesClassLoader plugins;

    DiscoveryClassLoader(ClassLoader application, SharedPackagesClassLoader plugins) {
        super("lift-discovery", application);
        this.plugins = plugins;
    }

    /**
     * Closes the plugin jars (their open files): for {@code serve --watch}, once the kernel that
     * used them has shut down. Classes already loaded keep working; new ones can no longer be loaded.
     */
    @Override
    public void close() throws IOException {
        plugins.close();
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        return plugins.loadClass(name);
    }

    @Override
    protected URL findResource(String name) {
        return plugins.findResource(name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        return plugins.findResources(name);
    }
}
