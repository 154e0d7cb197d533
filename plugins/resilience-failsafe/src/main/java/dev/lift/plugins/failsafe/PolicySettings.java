package dev.lift.plugins.failsafe;

import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One named policy's settings, read and checked at boot. A part (retry, breaker, timeout,
 * bulkhead) is on when any of its keys is set; its other keys then take their defaults.
 *
 * @param name the policy name
 * @param retry retry settings, or null for no retries
 * @param breaker circuit breaker settings, or null for none
 * @param timeout the longest one attempt may take, or null for no limit
 * @param bulkhead concurrency limit, or null for none
 * @param transientTypes fully qualified names of further exception types that count as transient
 * @param deadlineReserve time kept free before the Lambda deadline: every attempt ends, and every
 *     wait for a retry or a bulkhead permit ends, this long before it
 * @param minAttemptTime the least time an attempt is started with; with less left before the
 *     deadline (less the reserve) no attempt starts
 */
record PolicySettings(String name, Retry retry, Breaker breaker, Duration timeout, Bulkhead bulkhead,
                      Set<String> transientTypes, Duration deadlineReserve, Duration minAttemptTime) {

    /** The default of {@code min-attempt-time}. */
    static final Duration DEFAULT_MIN_ATTEMPT_TIME = Duration.ofMillis(50);

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile(
            "(\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*\\.)+\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");

    /** Retries with exponential backoff: {@code delay}, doubling up to {@code maxDelay}, each varied by ±{@code jitter}. */
    record Retry(int maxAttempts, Duration delay, Duration maxDelay, double jitter) {

        /** The longest the wait after the {@code failedAttempts}-th failed attempt can be, jitter included. */
        long maxDelayAfterMillis(int failedAttempts) {
            double d = delay.toMillis();
            for (int i = 1; i < failedAttempts && d < maxDelay.toMillis(); i++) {
                d *= 2;
            }
            d = Math.min(d, Math.max(delay.toMillis(), maxDelay.toMillis()));
            return (long) Math.ceil(d * (1 + jitter));
        }
    }

    /** Opens after {@code failureThreshold} consecutive failures, stays open for {@code delay}. */
    record Breaker(int failureThreshold, Duration delay, int successThreshold) {
    }

    /** At most {@code maxConcurrency} calls at once; others wait up to {@code maxWait}. */
    record Bulkhead(int maxConcurrency, Duration maxWait) {
    }

    /** {@link #minAttemptTime} in milliseconds, at least 1: an attempt with no time left cannot run. */
    long minAttemptMillis() {
        return Math.max(1, minAttemptTime.toMillis());
    }

    boolean protects() {
        return retry != null || breaker != null || timeout != null || bulkhead != null;
    }

    /** The names listed in {@code policies}, checked. */
    static List<String> names(Settings settings) {
        Optional<String> raw = settings.get("policies");
        List<String> names = new ArrayList<>();
        if (raw.isEmpty()) {
            return names;
        }
        for (String part : raw.get().split(",", -1)) {
            String name = part.trim();
            if (!NAME.matcher(name).matches() || names.contains(name)) {
                throw new SettingException(settings.describe("policies"), raw.get(),
                        "a comma-separated list of distinct policy names of lower-case letters, digits and '-', "
                                + "such as payments,search" + (name.isEmpty() ? " (an entry is blank)" : " ('" + name
                                + "' is " + (names.contains(name) ? "listed twice)" : "not a valid name)")));
            }
            names.add(name);
        }
        return names;
    }

    /** Reads policy {@code name}'s keys ({@code <name>.retry.max-attempts}, ...). */
    static PolicySettings read(Settings settings, String name) {
        String p = name + ".";
        Retry retry = null;
        if (anySet(settings, p, "retry.max-attempts", "retry.delay", "retry.max-delay", "retry.jitter")) {
            int maxAttempts = settings.getInt(p + "retry.max-attempts", 3, 1, 100);
            Duration delay = nonNegative(settings, p + "retry.delay", Duration.ofMillis(100));
            Duration maxDelay = nonNegative(settings, p + "retry.max-delay", max(Duration.ofSeconds(2), delay));
            if (maxDelay.compareTo(delay) < 0) {
                throw new SettingException(settings.describe(p + "retry.max-delay"), settings.get(p + "retry.max-delay").orElse(""),
                        "a duration no shorter than " + p + "retry.delay (" + delay.toMillis() + " ms)");
            }
            retry = new Retry(maxAttempts, delay, maxDelay, fraction(settings, p + "retry.jitter", 0.2));
        }
        Breaker breaker = null;
        if (anySet(settings, p, "breaker.failure-threshold", "breaker.delay", "breaker.success-threshold")) {
            breaker = new Breaker(settings.getInt(p + "breaker.failure-threshold", 5, 1, 10_000),
                    positive(settings, p + "breaker.delay", Duration.ofSeconds(30)),
                    settings.getInt(p + "breaker.success-threshold", 1, 1, 10_000));
        }
        Duration timeout = settings.get(p + "timeout").isPresent() ? positive(settings, p + "timeout", null) : null;
        Bulkhead bulkhead = null;
        if (anySet(settings, p, "bulkhead.max-concurrency", "bulkhead.max-wait")) {
            bulkhead = new Bulkhead(settings.getInt(p + "bulkhead.max-concurrency", 10, 1, 100_000),
                    nonNegative(settings, p + "bulkhead.max-wait", Duration.ZERO));
        }
        return new PolicySettings(name, retry, breaker, timeout, bulkhead, typeNames(settings, p + "transient-errors"),
                nonNegative(settings, p + "deadline-reserve", Duration.ZERO),
                nonNegative(settings, p + "min-attempt-time", DEFAULT_MIN_ATTEMPT_TIME));
    }

    private static boolean anySet(Settings settings, String prefix, String... keys) {
        for (String k : keys) {
            if (settings.get(prefix + k).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration nonNegative(Settings settings, String key, Duration fallback) {
        Duration d = settings.getDuration(key, fallback);
        if (d.isNegative()) {
            throw new SettingException(settings.describe(key), settings.get(key).orElse(""), "a duration of zero or more");
        }
        return d;
    }

    private static Duration positive(Settings settings, String key, Duration fallback) {
        Duration d = settings.getDuration(key, fallback);
        if (d.isNegative() || d.isZero()) {
            throw new SettingException(settings.describe(key), settings.get(key).orElse(""), "a duration greater than zero");
        }
        return d;
    }

    private static double fraction(Settings settings, String key, double fallback) {
        Optional<String> raw = settings.get(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(raw.get().trim());
            if (v >= 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SettingException(settings.describe(key), raw.get(), "a number from 0 to 1, such as 0.2");
    }

    private static Set<String> typeNames(Settings settings, String key) {
        Optional<String> raw = settings.get(key);
        Set<String> names = new LinkedHashSet<>();
        if (raw.isEmpty()) {
            return names;
        }
        for (String part : raw.get().split(",", -1)) {
            String name = part.trim();
            if (!QUALIFIED_NAME.matcher(name).matches()) {
                throw new SettingException(settings.describe(key), raw.get(),
                        "a comma-separated list of fully qualified exception class names, such as "
                                + "java.net.http.HttpTimeoutException" + (name.isEmpty() ? " (an entry is blank)" : ""));
            }
            names.add(name);
        }
        return Set.copyOf(names);
    }

    /** A summary for the boot log. */
    String describe() {
        List<String> parts = new ArrayList<>();
        if (retry != null) {
            parts.add("retry " + retry.maxAttempts() + " attempts, delay " + retry.delay().toMillis() + "-"
                    + retry.maxDelay().toMillis() + " ms, jitter " + String.format(Locale.ROOT, "%.2f", retry.jitter()));
        }
        if (breaker != null) {
            parts.add("breaker after " + breaker.failureThreshold() + " failures for " + breaker.delay().toMillis() + " ms");
        }
        if (timeout != null) {
            parts.add("timeout " + timeout.toMillis() + " ms");
        }
        if (bulkhead != null) {
            parts.add("bulkhead " + bulkhead.maxConcurrency());
        }
        if (parts.isEmpty()) {
            parts.add("no retry, breaker, timeout or bulkhead");
        }
        parts.add("attempts end " + deadlineReserve.toMillis() + " ms before the Lambda deadline and need at least "
                + minAttemptMillis() + " ms");
        return String.join(", ", parts);
    }
}
