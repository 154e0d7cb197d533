package dev.lift.cli;

import dev.lift.api.Api;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The {@code lift} command: {@code java -jar lift.jar <command>}. Exit codes: 0 success, 1 the
 * command failed (one line on stderr says why), 2 bad arguments (usage on stderr).
 */
@Command(name = "lift", mixinStandardHelpOptions = true, versionProvider = LiftCli.Version.class,
        description = "Runs Lift functions locally, inspects them, and is their custom Lambda runtime.",
        subcommands = {NewCommand.class, ServeCommand.class, InvokeCommand.class, RoutesCommand.class, PluginsCommand.class,
                HealthCommand.class, EventsCommand.class, RuntimeCommand.class},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Plugins are found on the class path and, with --plugins DIR or LIFT_PLUGINS_DIR, in a directory of jars."})
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class LiftCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;

    LiftCli(InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** The entry point of {@code java -jar lift.jar}. */
    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err, System.getenv());
        // Runtime.exit during shutdown (serve after SIGTERM) waits for the hooks and then halts: no deadlock.
        System.exit(code);
    }

    /**
     * Runs one command with the given streams and environment, as {@link #main} does with the
     * process's own, and returns the exit code.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        LiftCli cli = new LiftCli(in, out, err, env);
        CommandLine cmd = new CommandLine(cli);
        cmd.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cmd.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cmd.setExecutionExceptionHandler((e, failed, parsed) -> {
            err.println("lift " + failed.getCommandName() + ": " + describe(e));
            return 1;
        });
        return cmd.execute(args);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    @Override
    public Integer call() {
        // No command: show what there is, as for any other usage error.
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** The version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LiftCli.class.getPackage().getImplementationVersion();
            return new String[] {"Lift " + (v == null ? "(development build)" : v), "Java " + Runtime.version()};
        }
    }
}
