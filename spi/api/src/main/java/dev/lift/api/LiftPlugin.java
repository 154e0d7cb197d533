package dev.lift.api;


/**
 * The root of every Lift plugin. Each extension point ({@code EventAdapter},
 * {@code MiddlewarePlugin}, {@code ErrorStrategy}, {@code ResourceProvider}, {@code HealthCheck},
 * {@link LiftApplication}) extends it and is discovered with {@link java.util.ServiceLoader} under
 * its own interface name in {@code META-INF/services}.
 *
 * <p>Plugins are ordered by {@link #order()} and then by {@link #id()}; ids are unique across all
 * plugins of a kernel. Implementations must be thread-safe once {@link #init} has returned:
 * invocations run concurrently.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface LiftPlugin {

    /**
     * A stable, unique identifier such as {@code "adapter-sqs"}: lower case letters, digits and
     * dashes. It names the plugin's settings ({@code LIFT_ADAPTER_SQS_*}). Never null.
     */
    String id();

    /** Position among plugins of the same kind; lower runs first. Ties are broken by id. */
    default int order() {
        return 0;
    }

    /**
     * The SPI version this plugin was built against, as {@link SpiVersion} encodes it. Override it
     * with exactly
     *
     * <pre>{@code
     * @Override
     * public int spiVersion() {
     *     return SpiVersion.CURRENT;
     * }
     * }</pre>
     *
     * <p>{@link SpiVersion#CURRENT} is a compile-time constant, so {@code javac} copies its value
     * into the plugin's own class file: the method keeps returning the version of the SPI jar the
     * plugin was compiled with, and the kernel can refuse a plugin built for a newer minor or
     * another major version instead of failing later with a {@link LinkageError}.
     *
     * <p>The default cannot know: its body is compiled into the SPI jar, so it could only ever
     * report the version of the SPI the plugin happens to run with. It therefore returns
     * {@link SpiVersion#UNKNOWN}, which the kernel accepts as "assumed current" without checking.
     *
     * @return the SPI version the plugin was built for, or {@link SpiVersion#UNKNOWN}
     */
    default int spiVersion() {
        return SpiVersion.UNKNOWN;
    }

    /** The plugin's own version, shown by {@code lift plugins}. */
    default String version() {
        String v = getClass().getPackage() == null ? null : getClass().getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    /**
     * Jackson modules this plugin adds to the kernel's mapper (types of its own, naming
     * strategies); asked once after {@link #init}, before the mapper is used. Empty by default.
     *
     * @since 0.2
     */
    default java.util.List<com.fasterxml.jackson.databind.Module> jsonModules() {
        return java.util.List.of();
    }

    /**
     * Called once at boot, in plugin order, before the first invocation.
     *
     * @param context settings, logger, metrics and resources for this plugin
     * @return {@code true} to take part, {@code false} to decline (for example when disabled by a
     *     setting); a declined plugin is listed but never called again
     * @throws Exception to fail boot; the kernel reports the plugin id and jar
     */
    default boolean init(PluginContext context) throws Exception {
        return true;
    }
}
