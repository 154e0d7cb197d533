package dev.lift.cli;

import dev.lift.kernel.LiftKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lift invoke}: one event in, the exact response JSON out. */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = {"Invokes the function once with an event of any type and prints the response JSON exactly as "
                + "Lambda would return it.", "Exits 1 with the reason on stderr when the invocation fails.",
                "Sample events: lift events <type>."})
final class InvokeCommand implements Callable<Integer> {

    @ParentCommand
    LiftCli cli;

    @Mixin
    PluginOptions plugins;

    @Option(names = {"-e", "--event"}, required = true, paramLabel = "FILE|-",
            description = "The event JSON file, or - to read it from stdin.")
    String event;

    @Override
    public Integer call() throws IOException {
        byte[] bytes;
        try {
            bytes = "-".equals(event) ? cli.in.readAllBytes() : Files.readAllBytes(Path.of(event));
        } catch (NoSuchFileException e) {
            throw new IOException("there is no event file " + event);
        }
        LiftKernel kernel = plugins.bootForCommand(cli);
        try {
            byte[] response = kernel.invoke(bytes);
            cli.out.write(response);
            cli.out.println();
            cli.out.flush();
            return 0;
        } catch (RuntimeException e) {
            cli.err.println("lift invoke: the invocation failed: " + LiftCli.describe(e));
            return 1;
        } finally {
            kernel.shutdown();
        }
    }
}
