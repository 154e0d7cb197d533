package dev.lift.api;


/**
 * An event as an {@code EventAdapter} decoded it: an {@link HttpRequest}, a {@link RecordBatch},
 * or a single event of some other type.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface LiftEvent {

    /** The kind of work this event is; never null. */
    EventKind kind();

    /**
     * Where the event came from, for logs and error messages: the id of the adapter that decoded
     * it (for example {@code "adapter-sqs"}), except for EventBridge events, whose {@code source}
     * field (for example {@code "aws.events"}) is what a handler expects under this name.
     */
    String source();
}
