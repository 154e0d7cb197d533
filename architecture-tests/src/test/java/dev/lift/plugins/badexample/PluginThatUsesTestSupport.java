package dev.lift.plugins.badexample;

import dev.lift.plugins.testsupport.TestApp;

/** Deliberately wrong: production code that uses the plugins' test helper. Only the rule tests import it. */
public final class PluginThatUsesTestSupport {

    TestApp app;
}
