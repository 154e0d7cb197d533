package dev.lift.badexample.cycle.first;

import dev.lift.badexample.cycle.second.Second;

/** Deliberately wrong: one half of a package cycle. Only the rule tests import it. */
public final class First {

    Second second;
}
