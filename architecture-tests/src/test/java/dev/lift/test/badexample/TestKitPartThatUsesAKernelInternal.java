package dev.lift.test.badexample;

import dev.lift.kernel.LiftKernel;
import dev.lift.kernel.internal.Kernel;

/** Deliberately wrong: test kit code that holds a kernel internal (beside the public API). Only the rule tests import it. */
public final class TestKitPartThatUsesAKernelInternal {

    LiftKernel kernel;
    Kernel internal;
}
