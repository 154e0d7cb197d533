package dev.lift.events.badexample;

import dev.lift.api.Api;
import dev.lift.spi.HealthResult;

/** Deliberately wrong: an event type that exposes a plugin contract. Only the rule tests import it. */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class EventThatUsesTheContracts {

    HealthResult health;
}
