package dev.lift.plugins.ratelimit;

/** Counts requests against one limit; thread-safe. */
interface Limiter {

    /** Takes one request of {@code key}'s quota if there is one left. */
    Decision acquire(String key);
}
