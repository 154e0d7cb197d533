package dev.lift.plugins.deadline;

import dev.lift.api.Api;

/**
 * A record, batch or event handler did not finish the configured margin before the Lambda deadline:
 * the record is reported failed (never acknowledged), so its source delivers it again.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class DeadlineExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeadlineExceededException(String message) {
        super(message);
    }
}
