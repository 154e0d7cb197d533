package dev.lift.plugins.ratelimit;

/**
 * The answer for one request.
 *
 * @param allowed whether the request may go on
 * @param limit the requests allowed per period
 * @param remaining the requests still allowed now (after this one)
 * @param resetSeconds seconds until the quota is whole again (fixed window: until the window ends)
 * @param retryAfterSeconds for a refused request, seconds until one more is allowed; at least 1
 */
record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
}
