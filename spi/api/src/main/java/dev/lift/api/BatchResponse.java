package dev.lift.api;

import java.util.List;

/**
 * The outcome of a batch: the identifiers of the records that failed, written by the adapter as
 * {@code {"batchItemFailures":[{"itemIdentifier":"..."}]}}. An empty list means every record
 * succeeded.
 *
 * @param failedItemIdentifiers identifiers of failed records, in batch order; never null
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public record BatchResponse(List<String> failedItemIdentifiers) {

    public BatchResponse {
        failedItemIdentifiers = List.copyOf(failedItemIdentifiers);
    }

    /** Every record succeeded. */
    public static BatchResponse allSucceeded() {
        return new BatchResponse(List.of());
    }
}
