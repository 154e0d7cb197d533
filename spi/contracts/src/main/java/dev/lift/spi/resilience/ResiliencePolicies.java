package dev.lift.spi.resilience;

import dev.lift.api.Api;
import java.util.Set;

/**
 * The named resilience policies of a function, configured by settings and opened once as a
 * resource. Handlers look it up lazily, because resources are opened after plugins are
 * initialised:
 *
 * <pre>{@code
 * ResiliencePolicy payments = context.resources().require(ResiliencePolicies.class).policy("payments");
 * Receipt r = payments.call(ctx, () -> client.charge(order));
 * }</pre>
 *
 * <p>Thread-safe: policies are shared by concurrent invocations.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface ResiliencePolicies {

    /**
     * The policy with this name.
     *
     * @throws IllegalArgumentException naming the known policies when there is none by that name
     */
    ResiliencePolicy policy(String name);

    /** The names of the configured policies, in configuration order. */
    Set<String> names();
}
