package dev.lift.plugins.badexample;

import dev.lift.plugins.sqs.SqsAdapter;

/** Deliberately wrong: a plugin that reaches into another plugin. Only the rule tests import it. */
public final class PluginThatUsesAnotherPlugin {

    SqsAdapter sqs;
}
