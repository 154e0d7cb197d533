package dev.lift.pool;

import dev.lift.api.Api;

/**
 * No resource came free within the pool's acquire timeout. The message names the pool, the wait and
 * the pool's state, for example {@code Pool 'orders-db' has no free connection after 250 ms (10 of 10
 * in use, 4 waiting)}; it is meant for logs, not for clients (map it to a plain 503).
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public class PoolTimeoutException extends PoolException {

    private static final long serialVersionUID = 1L;

    private final long waitedMillis;
    private final int inUse;
    private final int maxSize;
    private final int waiting;

    /**
     * @param pool the pool's name
     * @param item what the pool holds, such as {@code connection}
     * @param waitedMillis the acquire timeout that passed
     * @param inUse resources borrowed when the wait ended
     * @param maxSize the pool's bound
     * @param waiting other callers still waiting
     */
    public PoolTimeoutException(String pool, String item, long waitedMillis, int inUse, int maxSize, int waiting) {
        super(pool, "Pool '" + pool + "' has no free " + item + " after " + waitedMillis + " ms (" + inUse + " of "
                + maxSize + " in use, " + waiting + " waiting)", null);
        this.waitedMillis = waitedMillis;
        this.inUse = inUse;
        this.maxSize = maxSize;
        this.waiting = waiting;
    }

    /** How long the caller waited, in milliseconds: the acquire timeout. */
    public long waitedMillis() {
        return waitedMillis;
    }

    /** Resources borrowed when the wait ended. */
    public int inUse() {
        return inUse;
    }

    /** The pool's bound. */
    public int maxSize() {
        return maxSize;
    }

    /** Other callers still waiting when the wait ended. */
    public int waiting() {
        return waiting;
    }
}
