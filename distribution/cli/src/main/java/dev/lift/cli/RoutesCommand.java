package dev.lift.cli;

import dev.lift.kernel.LiftKernel;
import dev.lift.kernel.RouteInfo;
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
        try (LiftKernel kernel = plugins.boot(cli)) {
            List<RouteInfo> routes = kernel.routes();
            if (routes.isEmpty()) {
                cli.out.println("No routes are registered: install an application plugin.");
                return 0;
            }
            TextTable table = new TextTable("METHOD", "PATH", "HANDLER", "MIDDLEWARE");
            for (RouteInfo r : routes) {
                table.row(r.method(), r.path(), r.handler(), r.middleware().isEmpty() ? "-" : String.join(" > ", r.middleware()));
            }
            table.print(cli.out);
            return 0;
        }
    }
}
