package dev.lift.kernel;

import java.util.List;
import java.util.Map;

/**
 * One installed plugin as {@code lift plugins} shows it.
 *
 * @param id the plugin id
 * @param kinds the extension points it implements
 * @param version its version
 * @param order its order
 * @param source the jar or directory it was loaded from
 * @param active false if it declined at init
 * @param settings the settings it read, with their values
 */
public record PluginInfo(String id, List<String> kinds, String version, int order, String source, boolean active,
                         Map<String, String> settings) {
}
