package dev.lift.spi.support.badexample;

import dev.lift.api.Api;
import dev.lift.events.SqsMessage;

/** Deliberately wrong: an adapter helper that needs the event model. Only the rule tests import it. */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class HelperThatUsesTheEvents {

    SqsMessage message;
}
