package dev.lift.pool;

import dev.lift.api.Api;

/**
 * A pool could not hand out a resource: the factory failed, the caller was interrupted while
 * waiting, or (as the subclasses say) no resource came free in time or the pool is closed.
 * Unchecked, so a handler can let it reach an error strategy and answer 503.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public class PoolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pool;

    /**
     * @param pool the pool's name
     * @param message what happened, naming the pool
     * @param cause the factory's failure, or null
     */
    public PoolException(String pool, String message, Throwable cause) {
        super(message, cause);
        this.pool = pool;
    }

    /** The name of the pool. */
    public String pool() {
        return pool;
    }
}
