package dev.lift.cli;

import dev.lift.kernel.LiftKernel;
import dev.lift.api.RouteDescriptor;
import java.util.Map;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code lift routes}: the route table. */
@Command(name = "routes", mixinStandardHelpOptions = true,
        description = "Prints every HTTP route and event handler: method (or event kind), path (or selector), "
                + "handler and middleware chain, outermost first.")
final class RoutesCommand implements Callable<Integer> {

    @ParentCommand
    LiftCli cli;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        // A lambda handler is named by where it was registered (File.java:line), which costs a stack walk per route.
        try (LiftKernel kernel = plugins.bootForCommand(cli, Map.of("LIFT_KERNEL_ROUTE_SOURCES", "true"))) {
            List<RouteDescriptor> routes = kernel.routes();
            if (routes.isEmpty()) {
                cli.out.println("No routes are registered: install an application plugin.");
                return 0;
            }
            TextTable table = new TextTable("METHOD", "PATH", "HANDLER", "MIDDLEWARE", "ATTRIBUTES");
            for (RouteDescriptor r : routes) {
                table.row(r.method() == null ? r.kind().name() : r.method(), r.template(), r.owner() + ":" + r.handler(),
                        r.middleware().isEmpty() ? "-" : String.join(" > ", r.middleware()),
                        r.attributes().keys().isEmpty() ? "-" : r.attributes().toString());
            }
            table.print(cli.out);
            // Checked here, at build time, rather than by building every reader during Lambda's init.
            Map<RouteDescriptor, String> unreadable = kernel.unreadableBodyTypes();
            for (Map.Entry<RouteDescriptor, String> e : unreadable.entrySet()) {
                cli.err.println("Route " + e.getKey() + " has a body type Jackson cannot read: " + e.getValue());
            }
            return unreadable.isEmpty() ? 0 : 1;
        }
    }
}
