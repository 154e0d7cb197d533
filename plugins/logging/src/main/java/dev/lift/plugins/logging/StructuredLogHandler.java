package dev.lift.plugins.logging;

import java.time.Instant;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The java.util.logging root handler the plugin installs in place of the console handler, so that
 * every {@link System.Logger} and JUL line of Lift, plugins, handlers and libraries goes through
 * it. A line is written when its level reaches the level of the invocation the thread works for
 * (its route's, or DEBUG when the invocation was sampled), or outside invocations the configured
 * level.
 */
final class StructuredLogHandler extends Handler {

    private final LogWriter writer;
    private final int threshold;
    private final SimpleFormatter messages = new SimpleFormatter(); // only for formatMessage: parameters, bundles

    StructuredLogHandler(LogWriter writer, LogLevel level) {
        this.writer = writer;
        this.threshold = level.threshold();
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null) {
            return;
        }
        LogContext.Frame frame = LogContext.current();
        int min = frame == null ? threshold : frame.threshold();
        if (record.getLevel().intValue() < min) {
            return;
        }
        try {
            writer.write(record.getInstant() == null ? Instant.now() : record.getInstant(),
                    LogLevel.nameOf(record.getLevel()), record.getLoggerName(), messages.formatMessage(record),
                    frame == null ? null : frame.invocation(), null, record.getThrown());
        } catch (RuntimeException e) {
            reportError("Could not write a log line", e, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
