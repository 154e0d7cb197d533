package dev.lift.kernel.internal;

/** A batch must be retried as a whole; thrown out of the invocation so that Lambda does so. */
final class BatchFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BatchFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
