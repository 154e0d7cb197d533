package dev.lift.kernel.internal;

import java.util.List;

/** Boot cannot complete; the message lists every problem found, each naming the plugin and its jar. */
public final class BootFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BootFailure(String message, Throwable cause) {
        super(message, cause);
    }

    static BootFailure of(List<String> problems) {
        StringBuilder sb = new StringBuilder("Lift could not boot:");
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return new BootFailure(sb.toString(), null);
    }
}
