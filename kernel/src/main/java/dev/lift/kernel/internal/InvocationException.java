package dev.lift.kernel.internal;

/** An invocation failed before or outside any handler: an undecodable or unclaimed event, no handler, shutdown. */
final class InvocationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    InvocationException(String message, Throwable cause) {
        super(message, cause);
    }
}
