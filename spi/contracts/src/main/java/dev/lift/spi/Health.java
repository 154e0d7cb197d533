package dev.lift.spi;

import dev.lift.api.Api;

/**
 * The function's aggregated health, a kernel service that endpoint plugins (a {@code /health}
 * route, {@code lift health}) read through {@code resources().require(Health.class)}. Every
 * {@link HealthCheck} and every resource provider's check runs in parallel on one shared executor,
 * each bounded by its timeout (a check that times out or throws is down); the report is cached
 * for {@code lift.health.cache-time} (default {@code 1s}) so a busy endpoint does not hammer
 * dependencies. Thread-safe.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public interface Health {

    /** The latest report, running the checks when the cached one is older than the cache time. */
    HealthReport report();

    /** Runs every check now and caches the result. */
    HealthReport refresh();
}
