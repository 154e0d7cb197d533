package dev.lift.cli;

import dev.lift.kernel.LiftKernel;
import dev.lift.kernel.PluginInfo;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code lift plugins}: what is installed and how it is configured. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "Prints every installed plugin in order: id, version, order, kinds, whether it is active, "
                + "the jar it came from, and the settings it read.")
final class PluginsCommand implements Callable<Integer> {

    private static final List<String> SECRET_WORDS = List.of("secret", "password", "token", "key", "credential", "auth");

    @ParentCommand
    LiftCli cli;

    @Mixin
    PluginOptions plugins;

    @Override
    public Integer call() {
        try (LiftKernel kernel = plugins.bootForCommand(cli)) {
            List<PluginInfo> installed = kernel.plugins();
            if (installed.isEmpty()) {
                cli.out.println("No plugins are installed.");
                return 0;
            }
            TextTable table = new TextTable("ID", "VERSION", "ORDER", "KINDS", "ACTIVE", "SOURCE", "SETTINGS");
            for (PluginInfo p : installed) {
                table.row(p.id(), p.version(), p.order(), String.join(",", p.kinds()), p.active() ? "yes" : "no",
                        p.source(), settings(p.settings()));
            }
            table.print(cli.out);
            return 0;
        }
    }

    static String settings(Map<String, String> settings) {
        if (settings.isEmpty()) {
            return "-";
        }
        return settings.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + (looksSecret(e.getKey()) ? "****" : e.getValue()))
                .collect(Collectors.joining(" "));
    }

    /** Settings whose names say they hold a credential are shown as {@code ****}: the output is often pasted. */
    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String word : SECRET_WORDS) {
            if (k.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
