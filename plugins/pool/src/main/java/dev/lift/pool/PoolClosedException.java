package dev.lift.pool;

import dev.lift.api.Api;

/**
 * The pool is closed (the function is shutting down): it hands out nothing more.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public class PoolClosedException extends PoolException {

    private static final long serialVersionUID = 1L;

    /** @param pool the pool's name */
    public PoolClosedException(String pool) {
        super(pool, "Pool '" + pool + "' is closed", null);
    }
}
