package dev.lift.plugins.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

/**
 * Records what is logged on one logger. {@link System.Logger} writes to java.util.logging by
 * default, so this sees exactly what an operator's log would hold. Captures every level while
 * installed.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level previousLevel;
    private final boolean previousUseParents;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(String name) {
        this.logger = Logger.getLogger(name); // held strongly, so the level and handler stay put
        this.previousLevel = logger.getLevel();
        this.previousUseParents = logger.getUseParentHandlers();
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false); // keep expected stack traces out of the build output
        logger.addHandler(this);
    }

    public static LogCapture on(String loggerName) {
        return new LogCapture(loggerName);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records at {@code minimum} or above, leaving out, say, boot-time debug lines. */
    public List<LogRecord> records(Level minimum) {
        return records.stream().filter(r -> r.getLevel().intValue() >= minimum.intValue()).collect(Collectors.toList());
    }

    /** Each record as a log file would show it: level, message and stack trace. */
    public List<String> lines() {
        SimpleFormatter f = new SimpleFormatter();
        return records.stream().map(f::format).collect(Collectors.toList());
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
        logger.setUseParentHandlers(previousUseParents);
    }
}
