package dev.lift.kernel.badexample;

import dev.lift.events.SqsMessage;
import dev.lift.plugins.sqs.SqsAdapter;
import dev.lift.spi.HealthResult;
import dev.lift.spi.support.UrlEncoding;

/**
 * Deliberately wrong: kernel code that uses the event model, an adapter helper and a plugin (the
 * contracts, which it may use, are there for contrast). Only the rule tests import it.
 */
public final class KernelPartThatLeavesTheContracts {

    SqsMessage message;
    SqsAdapter adapter;
    HealthResult health;

    String decoded(String s) {
        return UrlEncoding.decode(s, false);
    }
}
