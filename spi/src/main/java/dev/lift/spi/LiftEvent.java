package dev.lift.spi;

/**
 * An event as an {@link EventAdapter} decoded it: an {@link HttpRequest}, a {@link RecordBatch},
 * or a single event of some other type.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface LiftEvent {

    /** The kind of work this event is; never null. */
    EventKind kind();

    /** The id of the adapter that decoded this event (for example {@code "adapter-sqs"}). */
    String source();
}
