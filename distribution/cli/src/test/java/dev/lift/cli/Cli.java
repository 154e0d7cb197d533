package dev.lift.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs {@code lift} in-process with captured streams. */
record Cli(int exitCode, String out, String err) {

    /**
     * The environment the CLI tests boot with. Their class path holds lift.jar's example application
     * and {@link CliTestApp}, and they use the routes of both; without this the kernel would keep the
     * example application out of the way of the other one, as it does for every user.
     */
    static final Map<String, String> BOTH_APPS = Map.of("LIFT_EXAMPLE_APP_ENABLED", "true");

    static Cli run(String... args) {
        return runWithInput("", BOTH_APPS, args);
    }

    static Cli runWithInput(String stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LiftCli.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String fixture(String name) {
        return Path.of(System.getProperty("lift.fixtures"), name).toString();
    }
}
