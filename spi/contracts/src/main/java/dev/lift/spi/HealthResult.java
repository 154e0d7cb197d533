package dev.lift.spi;

import dev.lift.api.Api;
import java.util.Map;

/**
 * The result of a health check: up, degraded or down, with details for operators.
 *
 * @param status the status
 * @param details values such as latency or pool usage; never null
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public record HealthResult(Status status, Map<String, Object> details) {

    public HealthResult {
        details = Map.copyOf(details);
    }

    /** Health states, worst last. */
    public enum Status { UP, DEGRADED, DOWN }

    public static HealthResult up() {
        return new HealthResult(Status.UP, Map.of());
    }

    public static HealthResult degraded(Map<String, Object> details) {
        return new HealthResult(Status.DEGRADED, details);
    }

    public static HealthResult down(Map<String, Object> details) {
        return new HealthResult(Status.DOWN, details);
    }
}
