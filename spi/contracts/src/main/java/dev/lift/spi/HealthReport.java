package dev.lift.spi;

import dev.lift.api.Api;
import java.time.Instant;
import java.util.Map;

/**
 * The outcome of running every health check: the overall status (the worst component's) and each
 * component's result, by name ({@code <check id>} or {@code resource:<provider id>}).
 *
 * @param status the overall status
 * @param components every check's result, in check order
 * @param checkedAt when the checks ran
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public record HealthReport(HealthResult.Status status, Map<String, Component> components, Instant checkedAt) {

    public HealthReport {
        components = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(components));
    }

    /**
     * One check's result.
     *
     * @param status up, degraded or down
     * @param latencyMillis how long the check took (its timeout when it timed out)
     * @param details what the check reported; never null
     */
    public record Component(HealthResult.Status status, long latencyMillis, Map<String, Object> details) {

        public Component {
            details = Map.copyOf(details);
        }
    }
}
