package dev.lift.spi;

import dev.lift.api.Api;

/**
 * Told about kernel state changes. Any plugin that also implements this interface is registered
 * automatically; every method is a no-op by default. Listeners run on the thread that changes
 * the state and must return quickly (shutdown is bounded).
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface LifecycleListener {

    /** The kernel moved from one state to another. */
    default void onStateChange(LifecycleState from, LifecycleState to) {
    }

    /** Boot failed; the kernel is {@link LifecycleState#FAILED}. */
    default void onBootFailure(Throwable error) {
    }
}
