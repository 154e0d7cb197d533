package dev.lift.kernel;

/**
 * Lift could not boot. The message lists every problem found, each naming the plugin, its jar and
 * what to do (duplicate ids, SPI version mismatches, a plugin failing in init, conflicting routes,
 * invalid settings).
 */
public final class LiftBootException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LiftBootException(String message, Throwable cause) {
        super(message, cause);
    }
}
