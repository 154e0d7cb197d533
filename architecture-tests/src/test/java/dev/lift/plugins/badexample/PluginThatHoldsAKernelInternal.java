package dev.lift.plugins.badexample;

import dev.lift.kernel.internal.Kernel;

/** Deliberately wrong: a plugin that uses a kernel internal. Only the rule tests import it. */
public final class PluginThatHoldsAKernelInternal {

    Kernel kernel;
}
