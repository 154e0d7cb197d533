package dev.lift.api.badexample;

import dev.lift.api.Api;
import dev.lift.spi.HealthResult;

/** Deliberately wrong: an application API type that exposes a plugin contract. Only the rule tests import it. */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class ApiTypeThatUsesTheContracts {

    HealthResult health;
}
