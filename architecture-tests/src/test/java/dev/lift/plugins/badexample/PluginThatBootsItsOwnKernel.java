package dev.lift.plugins.badexample;

import dev.lift.kernel.Lift;
import dev.lift.kernel.LiftKernel;

/** Deliberately wrong: a plugin that reaches into the kernel. Only the rule tests import it. */
public final class PluginThatBootsItsOwnKernel {

    LiftKernel boot() {
        return Lift.builder().discover(false).build();
    }
}
