package dev.lift.spi;

import dev.lift.api.Api;
import dev.lift.api.EventKind;
import java.time.Duration;
import java.util.Optional;

/**
 * How an invocation ended, as {@link InvocationListener#onEnd} sees it.
 *
 * @param kind what the invocation handled
 * @param status for HTTP the response status; otherwise 200 when it succeeded, 207 when some
 *     records failed and were reported, 500 when the invocation failed
 * @param records the number of records of a batch (0 otherwise)
 * @param failedRecords the number of records reported failed
 * @param error what failed the invocation or, for HTTP, the error behind an error response;
 *     null when none
 * @param duration from the start of dispatch to the end of the work
 * @param coldStart whether this was the kernel's first invocation (since boot or a restore)
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public record InvocationOutcome(EventKind kind, int status, int records, int failedRecords, Throwable error,
                                Duration duration, boolean coldStart) {

    /** The error, if any. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(error);
    }

    /** Whether the invocation succeeded: a 2xx/3xx answer, or every record done. */
    public boolean succeeded() {
        return status < 400 && failedRecords == 0 && error == null;
    }
}
