package dev.lift.plugins.logging;

import dev.lift.api.Api;
import java.util.logging.Level;

/**
 * The levels of {@code lift.logging.level} and of the {@link LoggingPlugin#LEVEL} route
 * attribute, as they appear in the {@code level} field. {@link System.Logger} levels map onto
 * them: {@code TRACE}, {@code DEBUG}, {@code INFO}, {@code WARNING} ({@code WARN}), {@code ERROR}.
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public enum LogLevel {
    TRACE(Level.FINER), DEBUG(Level.FINE), INFO(Level.INFO), WARN(Level.WARNING), ERROR(Level.SEVERE);

    private final Level jul;

    LogLevel(Level jul) {
        this.jul = jul;
    }

    /** The java.util.logging level this one starts at. */
    Level jul() {
        return jul;
    }

    int threshold() {
        return jul.intValue();
    }

    /** The name of a java.util.logging level in a log line. */
    static String nameOf(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (v >= Level.FINE.intValue()) {
            return "DEBUG"; // CONFIG and FINE
        }
        return "TRACE";
    }

    /** A route attribute value such as {@code "debug"}, or null when it names no level. */
    static LogLevel parse(String value) {
        if (value == null) {
            return null;
        }
        for (LogLevel l : values()) {
            if (l.name().equalsIgnoreCase(value.trim())) {
                return l;
            }
        }
        return null;
    }
}
