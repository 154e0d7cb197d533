package dev.lift.cli;

import dev.lift.kernel.LiftKernel;
import dev.lift.spi.HealthReport;
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
        try (LiftKernel kernel = plugins.bootForCommand(cli)) {
            return print(kernel.healthReport().refresh(), cli.out);
        }
    }

    /**
     * Prints a health report as {@code GET /health/components} of the health plugin reports it: each
     * check's status, latency and details, then the overall status. Returns the exit code: 1 if it is down.
     */
    static int print(HealthReport report, PrintStream out) {
        if (report.components().isEmpty()) {
            out.println("No health checks are installed.");
            return 0;
        }
        TextTable table = new TextTable("CHECK", "STATUS", "LATENCY", "DETAILS");
        for (Map.Entry<String, HealthReport.Component> e : report.components().entrySet()) {
            HealthReport.Component c = e.getValue();
            table.row(e.getKey(), c.status(), c.latencyMillis() + " ms",
                    c.details().isEmpty() ? "-" : new TreeMap<>(c.details()).toString());
        }
        table.print(out);
        out.println("Overall: " + report.status());
        return report.status() == HealthResult.Status.DOWN ? 1 : 0;
    }
}
