package dev.lift.plugins.metrics;

import java.util.Set;

/** What CloudWatch accepts in an Embedded Metric Format object; checked when a value is recorded. */
final class EmfRules {

    /** Metrics in one directive, and values of one metric in one object. */
    static final int MAX_METRICS = 100;
    static final int MAX_VALUES = 100;

    /** Dimensions of one dimension set. */
    static final int MAX_DIMENSIONS = 30;

    /** The unit names of the specification. */
    static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second", "Count/Second",
            "None");

    private EmfRules() {
    }

    /** Null when the text is 1 to {@code max} printable ASCII characters with at least one non-space; else why not. */
    static String asciiProblem(String what, String text, int max) {
        if (text == null || text.isEmpty() || text.isBlank()) {
            return what + " is empty";
        }
        if (text.length() > max) {
            return what + " is longer than " + max + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return what + " holds a character other than printable ASCII";
            }
        }
        return null;
    }

    static void checkMetric(String name, double value, String unit) {
        fail(asciiProblem("metric name", name, 255));
        if (!UNITS.contains(unit)) {
            throw new IllegalArgumentException("metric " + name + ": unit '" + unit + "' is not a CloudWatch unit; use one of "
                    + new java.util.TreeSet<>(UNITS));
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("metric " + name + ": value " + value + " is not a finite number");
        }
    }

    static void checkDimension(String name, String value) {
        fail(asciiProblem("dimension name", name, 255));
        if (name.startsWith(":")) {
            throw new IllegalArgumentException("dimension name '" + name + "' starts with ':'");
        }
        fail(asciiProblem("value of dimension " + name, value, 1024));
    }

    private static void fail(String problem) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
