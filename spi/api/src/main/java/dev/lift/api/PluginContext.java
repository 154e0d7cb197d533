package dev.lift.api;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the kernel hands a plugin at {@link LiftPlugin#init}. All members are thread-safe and may
 * be kept for the life of the plugin.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface PluginContext {

    /** The id of the plugin this context was made for. */
    String pluginId();

    /** This plugin's settings ({@code LIFT_<PLUGIN>_<KEY>} or {@code lift.<plugin>.<key>}). */
    Settings settings();

    /** Settings outside this plugin's namespace, such as {@code lift.batch.*}; read-only. */
    Settings settings(String namespace);

    /** A logger named after the plugin. */
    System.Logger logger();

    /** Where the plugin reports counters, gauges and timings. */
    Metrics metrics();

    /**
     * Resources opened by resource providers, and kernel services such as aggregated health;
     * usable once every provider has opened (from the first invocation, or lazily).
     */
    ResourceLookup resources();

    /**
     * The kernel's Jackson mapper: Lift's configuration plus the modules every plugin contributes
     * through {@link LiftPlugin#jsonModules()}. Complete once boot has finished; do not write or
     * read with it during {@code init}.
     */
    default ObjectMapper json() {
        return Json.mapper();
    }
}
