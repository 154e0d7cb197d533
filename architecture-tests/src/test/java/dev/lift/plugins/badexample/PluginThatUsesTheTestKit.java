package dev.lift.plugins.badexample;

import dev.lift.test.LiftTestKit;

/** Deliberately wrong: a plugin that uses the test kit. Only the rule tests import it. */
public final class PluginThatUsesTheTestKit {

    LiftTestKit kit;
}
