package dev.lift.plugins.logging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.lift.api.InvocationContext;
import dev.lift.api.LogText;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Writes one log line: a JSON object with the Powertools keys, or a text line for a terminal.
 * Whatever the text holds, a line stays one line: JSON escapes every control character (and
 * DEL, the C1 controls and the Unicode line separators, which some viewers break lines at), and
 * the text format escapes them with {@link LogText}; in text, an exception's stack follows on
 * indented lines, each escaped. Each line is written with one call, so lines of concurrent
 * invocations never interleave.
 */
final class LogWriter {

    /** The attribute the request-id plugin sets (read by name: plugins never depend on each other). */
    static final String CORRELATION_ID = "lift.correlationId";

    private static final JsonFactory JSON = new JsonFactory().setCharacterEscapes(new LineSafeEscapes());

    private final boolean json;
    private final PrintStream out;
    private final String service;
    private final Redactor redactor;

    LogWriter(boolean json, PrintStream out, String service, Redactor redactor) {
        this.json = json;
        this.out = out;
        this.service = service;
        this.redactor = redactor;
    }

    Redactor redactor() {
        return redactor;
    }

    /**
     * Writes a line.
     *
     * @param invocation the invocation the thread works for, or null
     * @param fields extra fields after the standard ones (access lines), or null
     */
    void write(Instant time, String level, String logger, String message, InvocationContext invocation,
               Map<String, Object> fields, Throwable thrown) {
        String msg = redactor.text(message);
        String stack = thrown == null ? null : redactor.text(stackTrace(thrown));
        String line = json ? json(time, level, logger, msg, invocation, fields, thrown, stack)
                : text(time, level, logger, msg, invocation, fields, stack);
        out.print(line);
        out.flush();
    }

    private String json(Instant time, String level, String logger, String message, InvocationContext invocation,
                        Map<String, Object> fields, Throwable thrown, String stack) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("timestamp", timestamp(time));
            g.writeStringField("level", level);
            g.writeStringField("message", message == null ? "" : message);
            g.writeStringField("logger", logger == null ? "" : logger);
            g.writeStringField("service", service(invocation));
            if (invocation != null) {
                g.writeBooleanField("cold_start", invocation.coldStart());
                g.writeStringField("function_name", invocation.functionName());
                g.writeStringField("function_request_id", invocation.requestId());
                String trace = traceRoot(invocation);
                if (trace != null) {
                    g.writeStringField("xray_trace_id", trace);
                }
                String correlation = correlation(invocation);
                if (correlation != null) {
                    g.writeStringField("correlation_id", correlation);
                }
            }
            if (fields != null) {
                for (Map.Entry<String, Object> e : fields.entrySet()) {
                    g.writeFieldName(e.getKey());
                    writeValue(g, e.getValue());
                }
            }
            if (thrown != null) {
                g.writeStringField("exception_name", thrown.getClass().getName());
                g.writeStringField("exception", stack);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.append('\n').toString();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Integer || v instanceof Long) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeString(v.toString());
        }
    }

    private String text(Instant time, String level, String logger, String message, InvocationContext invocation,
                        Map<String, Object> fields, String stack) {
        StringBuilder b = new StringBuilder(160);
        b.append(timestamp(time)).append(' ').append(level);
        for (int i = level.length(); i < 5; i++) {
            b.append(' ');
        }
        b.append(' ').append(LogText.escape(logger)).append(" - ").append(LogText.escape(message));
        if (fields != null) {
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                b.append(' ').append(e.getKey()).append('=').append(LogText.escape(String.valueOf(e.getValue())));
            }
        }
        if (invocation != null) {
            b.append(" [request ").append(LogText.escape(invocation.requestId()));
            String correlation = correlation(invocation);
            if (correlation != null && !correlation.equals(invocation.requestId())) {
                b.append(", correlation ").append(LogText.escape(correlation));
            }
            b.append(']');
        }
        b.append('\n');
        if (stack != null) {
            // Continuation lines start with spaces: no text of the exception can pass for a line of its own.
            for (String s : stack.split("\r\n|\n|\r")) {
                b.append("    ").append(LogText.escape(s)).append('\n');
            }
        }
        return b.toString();
    }

    private String service(InvocationContext invocation) {
        if (service != null) {
            return service;
        }
        return invocation == null ? "service_undefined" : invocation.functionName();
    }

    private static String correlation(InvocationContext invocation) {
        Object c = invocation.attribute(CORRELATION_ID).orElse(null);
        return c == null ? null : c.toString();
    }

    /** The {@code Root=} part of the X-Ray header, as Powertools logs it. */
    static String traceRoot(InvocationContext invocation) {
        String header = invocation.traceId().orElse(null);
        if (header == null || header.isEmpty()) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith("Root=")) {
                return p.substring(5);
            }
        }
        return header;
    }

    /**
     * {@link DateTimeFormatter#ISO_INSTANT} of the time truncated to milliseconds, for example
     * {@code 2026-12-02T02:22:10.173Z} (no fraction when the milliseconds are 0), written out by hand
     * for years 0 to 9999: the formatter's first use loads about 40 java.time.format classes, several
     * milliseconds of every cold start, since the first log line is written during boot.
     */
    static String timestamp(Instant time) {
        long seconds = time.getEpochSecond();
        if (seconds < YEAR_0 || seconds >= YEAR_10000) {
            return DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.MILLIS));
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(24);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        pad(b, t.getSecond(), 2);
        int millis = time.getNano() / 1_000_000;
        if (millis != 0) {
            pad(b.append('.'), millis, 3);
        }
        return b.append('Z').toString();
    }

    private static final long YEAR_0 = -62_167_219_200L;     // 0000-01-01T00:00:00Z
    private static final long YEAR_10000 = 253_402_300_800L; // 10000-01-01T00:00:00Z

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(digits);
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter(1024);
        try (PrintWriter p = new PrintWriter(w)) {
            t.printStackTrace(p);
        }
        String s = w.toString();
        return s.endsWith(System.lineSeparator()) ? s.substring(0, s.length() - System.lineSeparator().length()) : s;
    }

    /** JSON's own escapes plus DEL, the C1 controls and U+2028/U+2029 as {@code \\uXXXX}. */
    private static final class LineSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        LineSafeEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if ((ch >= 0x80 && ch <= 0x9f) || ch == 0x2028 || ch == 0x2029) {
                return new SerializedString(String.format("\\u%04x", ch));
            }
            return null;
        }
    }
}
