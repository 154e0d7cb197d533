package dev.lift.plugins.crac.simulated;

/** Mirrors {@code jdk.crac.RestoreException}: the failures are its suppressed exceptions. */
public class RestoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public RestoreException() {
    }
}
