package dev.lift.cli.badexample;

import dev.lift.kernel.internal.PluginRegistry;
import java.util.List;

/** Deliberately wrong: a CLI command that calls a kernel internal. Only the rule tests import it. */
public final class CommandThatUsesAKernelInternal {

    Object plugins() {
        return PluginRegistry.load(null, List.of());
    }
}
