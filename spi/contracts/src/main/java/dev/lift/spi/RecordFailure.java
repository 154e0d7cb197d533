package dev.lift.spi;

import dev.lift.api.Api;

/**
 * What happens to a batch record whose handler threw.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public enum RecordFailure {
    /** Report the record in {@code batchItemFailures} so that it is retried (the default). */
    REPORT,
    /** Fail the whole invocation, so that the whole batch is retried. */
    FAIL_BATCH,
    /** Acknowledge the record and log the error: for poison messages that must not be retried. */
    DROP
}
