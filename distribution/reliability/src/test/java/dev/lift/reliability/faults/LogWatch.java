package dev.lift.reliability.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Watches Lift's log ({@code System.Logger} writes to java.util.logging, under {@code lift}) while
 * a run injects thousands of failures: counts the lines that report a failed record, per request,
 * and keeps the first line that carries a payload. Keeps the console quiet meanwhile (a
 * {@code StackOverflowError} logs a thousand frames), and puts everything back on close.
 */
final class LogWatch extends Handler implements AutoCloseable {

    /** The kernel's one line per failed record: "Request R: record N of S failed with E: ...; it is reported in batchItemFailures". */
    private static final String REPORTED = "; it is reported in batchItemFailures";

    private final Logger lift = Logger.getLogger("lift"); // held strongly, so the settings stay put
    private final boolean parentHandlers = lift.getUseParentHandlers();
    private final Level level = lift.getLevel();
    private final Map<String, AtomicInteger> reportedByRequest = new ConcurrentHashMap<>();
    private final AtomicReference<String> payloadLeak = new AtomicReference<>();

    LogWatch() {
        setLevel(Level.ALL);
        lift.setUseParentHandlers(false);
        lift.setLevel(Level.WARNING);
        lift.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage() == null ? "" : record.getMessage();
        Throwable thrown = record.getThrown();
        if (message.contains(BatchSource.PAYLOAD_MARKER)
                || thrown != null && String.valueOf(thrown.getMessage()).contains(BatchSource.PAYLOAD_MARKER)) {
            payloadLeak.compareAndSet(null, message);
        }
        if (message.startsWith("Request ") && message.contains(": record ") && message.endsWith(REPORTED)) {
            String requestId = message.substring("Request ".length(), message.indexOf(':'));
            reportedByRequest.computeIfAbsent(requestId, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** How many log lines reported a failed record of this request. */
    int reportedRecords(String requestId) {
        AtomicInteger n = reportedByRequest.remove(requestId);
        return n == null ? 0 : n.get();
    }

    /** The first log line that carried a record's payload, or null. */
    String payloadLeak() {
        return payloadLeak.get();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        lift.removeHandler(this);
        lift.setLevel(level);
        lift.setUseParentHandlers(parentHandlers);
    }
}
