package dev.lift.plugins.crac.simulated;

/** Mirrors {@code jdk.crac.CheckpointException}: the failures are its suppressed exceptions. */
public class CheckpointException extends Exception {

    private static final long serialVersionUID = 1L;

    public CheckpointException() {
    }
}
