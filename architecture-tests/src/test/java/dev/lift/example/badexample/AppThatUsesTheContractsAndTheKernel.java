package dev.lift.example.badexample;

import dev.lift.kernel.Lift;
import dev.lift.spi.HealthResult;

/** Deliberately wrong: an application that uses plugin contracts and the kernel. Only the rule tests import it. */
public final class AppThatUsesTheContractsAndTheKernel {

    HealthResult health;
    Lift lift;
}
