package dev.lift.cli;

import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that boots Lift shares. */
final class PluginOptions {

    @Option(names = "--plugins", paramLabel = "DIR",
            description = "Also load every plugin jar in DIR, each isolated from Lift's libraries "
                    + "(default: the LIFT_PLUGINS_DIR environment variable, if set).")
    Path pluginsDir;

    /** The plugins directory from the option or the environment, or null. */
    Path directory(LiftCli cli) {
        if (pluginsDir != null) {
            return pluginsDir;
        }
        String env = cli.env.get("LIFT_PLUGINS_DIR");
        return env == null || env.isBlank() ? null : Path.of(env);
    }

    /** Boots a kernel from the class path and the plugins directory. */
    LiftKernel boot(LiftCli cli) {
        return boot(directory(cli), cli.env);
    }

    /**
     * Boots a kernel from the class path and, if given, a plugins directory. When either brings an
     * application of its own, the kernel keeps the example application that lift.jar carries out of
     * the way (see {@code LIFT_EXAMPLE_APP_ENABLED} in distribution/README.md).
     */
    static LiftKernel boot(Path dir, Map<String, String> env) {
        ClassLoader app = LiftCli.class.getClassLoader();
        Lift.Builder builder = Lift.builder().environment(env);
        if (dir == null) {
            return builder.classLoader(app).build();
        }
        return builder.classLoader(PluginDirectory.of(dir).discoveryLoader(app)).build();
    }
}
