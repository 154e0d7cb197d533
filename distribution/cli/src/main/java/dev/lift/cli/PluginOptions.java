package dev.lift.cli;

import dev.lift.api.Settings;
import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that boots Lift shares. */
final class PluginOptions {

    private static final String LOGGING_FORMAT = "lift.logging.format";

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

    /**
     * Boots a kernel from the class path and the plugins directory, for a command run at a terminal
     * ({@code serve}, {@code invoke}, {@code routes}, ...): the logging plugin writes text lines to
     * stderr ({@code lift.logging.format=text}) unless {@code lift.logging.format} /
     * {@code LIFT_LOGGING_FORMAT} says otherwise, so stdout keeps only what the command prints.
     */
    LiftKernel boot(LiftCli cli) {
        return boot(directory(cli), terminalLogs(cli.env));
    }

    /**
     * As {@link #boot(LiftCli)}, for a command that prints a result and exits ({@code invoke},
     * {@code routes}, {@code plugins}, {@code health}): the kernel's shutdown summary line is left out
     * unless {@code LIFT_KERNEL_SHUTDOWN_SUMMARY} says otherwise; its warnings stay.
     */
    LiftKernel bootForCommand(LiftCli cli) {
        return bootForCommand(cli, Map.of());
    }

    /** As {@link #bootForCommand(LiftCli)}, with settings of the command's own (environment variable names) as defaults. */
    LiftKernel bootForCommand(LiftCli cli, Map<String, String> defaults) {
        Map<String, String> env = new java.util.HashMap<>(defaults);
        env.putAll(terminalLogs(cli.env));
        String variable = Settings.envName("kernel", "shutdown-summary");
        if (System.getProperty("lift.kernel.shutdown-summary") == null && !env.containsKey(variable)) {
            env = new java.util.HashMap<>(env);
            env.put(variable, "false");
        }
        return boot(directory(cli), env);
    }

    /** Boots as Lambda runs Lift ({@code lift runtime}): the logging plugin's defaults, JSON on stdout. */
    LiftKernel bootForLambda(LiftCli cli) {
        return boot(directory(cli), cli.env);
    }

    /** The environment with {@code LIFT_LOGGING_FORMAT=text} when the format is not set at all. */
    static Map<String, String> terminalLogs(Map<String, String> env) {
        String variable = Settings.envName("logging", "format");
        if (System.getProperty(LOGGING_FORMAT) != null || env.containsKey(variable)) {
            return env;
        }
        Map<String, String> withText = new java.util.HashMap<>(env);
        withText.put(variable, "text");
        return withText;
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
