package dev.lift.spi;

import dev.lift.api.Api;
import dev.lift.api.LiftPlugin;
import java.time.Duration;

/**
 * A named check of something the function needs. Run by the health endpoint and
 * {@code lift health}; a check that exceeds {@link #timeout()} or throws counts as down.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface HealthCheck extends LiftPlugin {

    /** The longest the check may run. */
    default Duration timeout() {
        return Duration.ofSeconds(1);
    }

    /** Runs the check. */
    HealthResult check() throws Exception;
}
