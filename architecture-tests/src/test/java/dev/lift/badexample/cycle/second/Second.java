package dev.lift.badexample.cycle.second;

import dev.lift.badexample.cycle.first.First;

/** Deliberately wrong: the other half of a package cycle. Only the rule tests import it. */
public final class Second {

    First first;
}
