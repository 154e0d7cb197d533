package dev.lift.reliability.faults;

/**
 * How one invocation ended: the response JSON, or the error of an invocation that failed as a
 * whole; with the deadline the invocation was given.
 */
record Answer(String response, String error, long deadlineMillis) {

    static Answer response(String json, long deadlineMillis) {
        return new Answer(json, null, deadlineMillis);
    }

    static Answer error(String error, long deadlineMillis) {
        return new Answer(null, error, deadlineMillis);
    }
}
