package dev.lift.api;

/**
 * What a unit of work is, so middleware can say what it applies to.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public enum EventKind {
    /** An HTTP request (API Gateway, function URL, ALB, local server). */
    HTTP,
    /** One record of a batch, handled by a per-record handler. */
    RECORD,
    /** A whole batch, handled by a batch handler. */
    BATCH,
    /** A single event: schedules, EventBridge events, WebSocket messages, custom events. */
    EVENT
}
