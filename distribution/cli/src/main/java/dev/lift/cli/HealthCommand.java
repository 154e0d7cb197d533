package dev.lift.cli;

import dev.lift.kernel.LiftKernel;
import dev.lift.spi.HealthResult;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code lift health}: runs the health checks once. */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Runs every health check and resource check and prints the report. Exits 1 if any is DOWN.")
final class HealthCommand implements Callable<Integer> {

    @ParentCommand
    LiftCli cli;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        try (LiftKernel kernel = plugins.boot(cli)) {
            return print(kernel.health(), cli.out);
        }
    }

    /** Prints a health report; returns the exit code: 1 if anything is down. */
    static int print(Map<String, HealthResult> report, PrintStream out) {
        if (report.isEmpty()) {
            out.println("No health checks are installed.");
            return 0;
        }
        TextTable table = new TextTable("CHECK", "STATUS", "DETAILS");
        boolean down = false;
        for (Map.Entry<String, HealthResult> e : report.entrySet()) {
            HealthResult r = e.getValue();
            down |= r.status() == HealthResult.Status.DOWN;
            table.row(e.getKey(), r.status(), r.details().isEmpty() ? "-" : new TreeMap<>(r.details()).toString());
        }
        table.print(out);
        return down ? 1 : 0;
    }
}
