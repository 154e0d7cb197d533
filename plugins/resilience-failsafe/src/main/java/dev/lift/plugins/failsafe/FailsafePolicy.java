package dev.lift.plugins.failsafe;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.Policy;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.RetryPolicyConfig;
import dev.failsafe.Timeout;
import dev.failsafe.TimeoutExceededException;
import dev.failsafe.event.ExecutionCompletedEvent;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftException;
import dev.lift.api.Metrics;
import dev.lift.spi.resilience.ResiliencePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One named policy. The stateful parts (Failsafe's circuit breaker, the semaphore bulkhead) are
 * built once, are thread-safe and are shared by every call; the retry policy and each attempt's
 * time limit are derived per call, because they depend on the invocation's remaining time.
 *
 * <p>Composition, outermost first: retry, then for each attempt the deadline check, bulkhead,
 * circuit breaker and time limit. So each attempt is timed out on its own, a timed-out attempt
 * counts as a breaker failure and may be retried, an open breaker or a full bulkhead is not
 * retried, and a bulkhead rejection never counts against the breaker.
 *
 * <p><b>The Lambda deadline.</b> With an invocation context, no attempt and no wait runs past the
 * invocation's deadline less {@code deadline-reserve} (the <em>usable time</em>), whether or not a
 * {@code timeout} is configured:
 * <ol>
 *   <li>An attempt starts only if at least {@code min-attempt-time} (default 50 ms) of usable time
 *       is left. Otherwise the first attempt fails with a 504 {@link LiftException} that says the
 *       dependency was not called for lack of time (not retryable, not counted by the breaker);
 *       a retry that finds too little time stops the retries with the previous attempt's failure.</li>
 *   <li>Every attempt is limited to the usable time left when it starts, or to {@code timeout}
 *       when that is shorter: the attempt's thread is interrupted and the call fails with a 504
 *       {@link LiftException} that says the deadline was reached (with the configured
 *       {@code timeout}: that the dependency did not answer in time). Work that ignores
 *       interrupts (classic blocking socket reads) keeps the caller until it returns; its result
 *       is then discarded. {@link java.net.http.HttpClient} and NIO calls honour interrupts.</li>
 *   <li>The wait for a bulkhead permit ends early enough to leave {@code min-attempt-time}.</li>
 *   <li>A retry is made only if its longest possible wait (jitter included) plus the attempt's
 *       longest duration still fits in the usable time; that duration is {@code timeout} when one
 *       is configured, and {@code min-attempt-time} otherwise (the attempt is then cut at the
 *       deadline by rule 2).</li>
 * </ol>
 * Without an invocation context (pre-warming, tests) no deadline applies.
 */
final class FailsafePolicy implements ResiliencePolicy {

    private final PolicySettings settings;
    private final TransientFailures transientFailures;
    private final Metrics metrics;
    private final System.Logger log;
    private final Map<String, String> dimensions;
    private final RetryPolicyConfig<Object> retry;
    private final CircuitBreaker<Object> breaker;
    private final SemaphoreBulkhead bulkhead;
    private final Timeout<Object> timeout;
    /** The least usable time a retry must find: the configured timeout, or the minimum for an attempt. */
    private final long retryNeedsMillis;

    FailsafePolicy(PolicySettings settings, Metrics metrics, System.Logger log) {
        this.settings = settings;
        this.transientFailures = new TransientFailures(settings.transientTypes());
        this.metrics = metrics;
        this.log = log;
        this.dimensions = Map.of("policy", settings.name());
        this.retry = settings.retry() == null ? null : retryConfig(settings.retry());
        this.breaker = settings.breaker() == null ? null : breaker(settings.breaker());
        this.bulkhead = settings.bulkhead() == null ? null
                : new SemaphoreBulkhead(settings.bulkhead().maxConcurrency(), settings.bulkhead().maxWait());
        this.timeout = settings.timeout() == null ? null : Timeout.builder(settings.timeout()).withInterrupt()
                .onFailure(e -> metrics.increment("lift.resilience.timeout", dimensions))
                .build();
        this.retryNeedsMillis = Math.max(settings.minAttemptMillis(),
                settings.timeout() == null ? 0 : settings.timeout().toMillis());
    }

    private RetryPolicyConfig<Object> retryConfig(PolicySettings.Retry r) {
        RetryPolicyBuilder<Object> b = RetryPolicy.builder()
                .handleIf((Throwable failure) -> transientFailures.test(failure))
                .withMaxAttempts(r.maxAttempts());
        if (!r.delay().isZero()) {
            if (r.maxDelay().compareTo(r.delay()) > 0) {
                b.withBackoff(r.delay(), r.maxDelay());
            } else {
                b.withDelay(r.delay());
            }
            if (r.jitter() > 0) {
                b.withJitter(r.jitter());
            }
        }
        return b.build().getConfig();
    }

    private CircuitBreaker<Object> breaker(PolicySettings.Breaker b) {
        String name = settings.name();
        return CircuitBreaker.builder()
                .handleIf((Throwable failure) -> transientFailures.test(failure))
                .withFailureThreshold(b.failureThreshold())
                .withSuccessThreshold(b.successThreshold())
                .withDelay(b.delay())
                .onOpen(e -> {
                    metrics.increment("lift.resilience.breaker.opened", dimensions);
                    log.log(System.Logger.Level.WARNING, "Circuit breaker of resilience policy '" + name + "' opened: calls "
                            + "fail fast with 503 for " + b.delay().toMillis() + " ms, then a trial call is let through");
                })
                .onHalfOpen(e -> {
                    metrics.increment("lift.resilience.breaker.half-opened", dimensions);
                    log.log(System.Logger.Level.INFO, "Circuit breaker of resilience policy '" + name
                            + "' is half-open: letting a trial call through");
                })
                .onClose(e -> {
                    metrics.increment("lift.resilience.breaker.closed", dimensions);
                    log.log(System.Logger.Level.INFO, "Circuit breaker of resilience policy '" + name
                            + "' closed: calls go through again");
                })
                .build();
    }

    @Override
    public String name() {
        return settings.name();
    }

    PolicySettings settings() {
        return settings;
    }

    /** The breaker's state for health checks, or null without a breaker. */
    CircuitBreaker.State breakerState() {
        return breaker == null ? null : breaker.getState();
    }

    /** The Failsafe breaker itself, or null: tests move it between states as its delay would. */
    CircuitBreaker<Object> circuitBreaker() {
        return breaker;
    }

    @Override
    public <T> T call(InvocationContext context, Callable<T> work) throws Exception {
        Objects.requireNonNull(work, "work");
        Call<T> call = new Call<>(context, work);
        try {
            return retry == null ? call.attempt() : Failsafe.with(retryFor(call)).get(call::attempt);
        } catch (RuntimeException | Error e) {
            throw translate(e);
        }
    }

    @Override
    public <T> T call(InvocationContext context, Callable<T> work, Function<? super Exception, ? extends T> fallback)
            throws Exception {
        Objects.requireNonNull(fallback, "fallback");
        try {
            return call(context, work);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            metrics.increment("lift.resilience.fallback", dimensions);
            return fallback.apply(e);
        }
    }

    /** The retry policy for one call: the shared settings plus a stop when the next retry would pass the deadline. */
    private RetryPolicy<Object> retryFor(Call<?> call) {
        return RetryPolicy.builder(retry)
                .abortIf((Object result, Throwable failure) -> failure != null && call.nextRetryPassesDeadline())
                .onAbort(call::stoppedAtDeadline)
                .onRetriesExceeded(call::exhausted)
                .onRetry(e -> metrics.increment("lift.resilience.retry", dimensions))
                .build();
    }

    /** Whether this timeout is an attempt's deadline limit rather than the configured {@code timeout}. */
    private boolean isDeadlineLimit(TimeoutExceededException e) {
        return e.getTimeout() != timeout;
    }

    /** What callers see: Failsafe's own exceptions as client-facing errors, checked exceptions unwrapped. */
    private Exception translate(Throwable t) {
        if (t instanceof CircuitBreakerOpenException) {
            metrics.increment("lift.resilience.breaker.rejected", dimensions);
            Duration wait = breaker == null ? Duration.ofSeconds(1) : breaker.getRemainingDelay();
            return LiftException.unavailable("The " + name() + " service is temporarily unavailable; try again later",
                    wait.isZero() ? Duration.ofSeconds(1) : wait).withCause(t);
        }
        if (t instanceof TimeoutExceededException) {
            return LiftException.gatewayTimeout(isDeadlineLimit((TimeoutExceededException) t)
                    ? "The " + name() + " service did not answer before the request's deadline"
                    : "The " + name() + " service did not answer in time").withCause(t);
        }
        if (t instanceof SemaphoreBulkhead.Rejected) {
            metrics.increment("lift.resilience.bulkhead.rejected", dimensions);
            log.log(System.Logger.Level.DEBUG, () -> "Resilience policy '" + name() + "' rejected a call: "
                    + settings.bulkhead().maxConcurrency() + " calls are already running");
            return LiftException.unavailable("The " + name() + " service is busy; try again later", Duration.ofSeconds(1))
                    .withCause(t);
        }
        if (t instanceof FailsafeException && t.getCause() != null) {
            return translate(t.getCause());
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return t instanceof Exception ? (Exception) t : new IllegalStateException(t);
    }

    /** A failure for the log: a timeout by its limit, anything else as itself. */
    private String describe(Throwable failure) {
        if (failure instanceof TimeoutExceededException && ((TimeoutExceededException) failure).getTimeout() != null) {
            TimeoutExceededException e = (TimeoutExceededException) failure;
            return (isDeadlineLimit(e) ? "stopped at the deadline after " : "timed out after ")
                    + e.getTimeout().getConfig().getTimeout().toMillis() + " ms";
        }
        return String.valueOf(failure);
    }

    /** One call's attempts and deadline. */
    private final class Call<T> {
        final AtomicInteger attempts = new AtomicInteger();
        private final InvocationContext context;
        private final Callable<T> work;
        /** What the latest attempt threw; read and written by the calling thread only. */
        private Exception lastFailure;

        Call(InvocationContext context, Callable<T> work) {
            this.context = context;
            this.work = work;
        }

        private String requestId() {
            return context == null ? "(none)" : context.requestId();
        }

        /** Usable time left: until the deadline less the reserve; unlimited without an invocation. */
        private long usableMillis() {
            return context == null ? Long.MAX_VALUE
                    : context.remainingTime().toMillis() - settings.deadlineReserve().toMillis();
        }

        /** One attempt: the deadline check, bulkhead, breaker and time limit around {@code work}. */
        T attempt() throws Exception {
            try {
                return attemptWithinDeadline();
            } catch (Exception e) {
                lastFailure = e;
                throw e;
            }
        }

        private T attemptWithinDeadline() throws Exception {
            long minimum = settings.minAttemptMillis();
            long usable = usableMillis();
            if (usable < minimum) {
                throw tooLittleTime(usable);
            }
            if (bulkhead == null) {
                return run(usable);
            }
            bulkhead.acquire(context == null ? Long.MAX_VALUE : usable - minimum);
            try {
                if (context != null && !bulkhead.maxWait().isZero()) {
                    usable = usableMillis(); // the wait for a permit took some of it
                    if (usable < minimum) {
                        throw tooLittleTime(usable);
                    }
                }
                return run(usable);
            } finally {
                bulkhead.release();
            }
        }

        /** Runs {@code work} once through the breaker and within this attempt's time limit. */
        private T run(long usable) throws Exception {
            Timeout<Object> limit = limitFor(usable);
            List<Policy<Object>> chain = new ArrayList<>(2);
            if (breaker != null) {
                chain.add(breaker);
            }
            if (limit != null) {
                chain.add(limit);
            }
            if (chain.isEmpty()) {
                attempts.incrementAndGet();
                return work.call();
            }
            try {
                return Failsafe.with(chain).get(() -> {
                    attempts.incrementAndGet();
                    return work.call();
                });
            } catch (TimeoutExceededException e) {
                if (e.getTimeout() == limit && limit != timeout) {
                    stoppedAttemptAtDeadline(limit);
                }
                throw e;
            } catch (CircuitBreakerOpenException e) {
                throw e;
            } catch (FailsafeException e) {
                // Failsafe wraps a checked exception of work; the retry policy must see it as work threw it.
                if (e.getCause() instanceof Exception) {
                    throw (Exception) e.getCause();
                }
                throw e;
            }
        }

        /** The configured timeout if it ends within the usable time, else a limit at the usable time; null for none. */
        private Timeout<Object> limitFor(long usable) {
            if (context == null || (timeout != null && settings.timeout().toMillis() <= usable)) {
                return timeout;
            }
            return Timeout.builder(Duration.ofMillis(usable)).withInterrupt().build();
        }

        /**
         * No attempt starts: on the first attempt a 504 saying why (not retryable, so neither
         * retried nor counted by the breaker); on a retry, the previous attempt's failure again, so
         * the retries stop at the deadline with it.
         */
        private Exception tooLittleTime(long usable) {
            if (lastFailure != null) {
                return lastFailure;
            }
            metrics.increment("lift.resilience.deadline.rejected", dimensions);
            log.log(System.Logger.Level.WARNING, "Request " + requestId() + ": resilience policy '" + name()
                    + "' did not call its dependency: " + Math.max(0, usable) + " ms were left before the Lambda deadline"
                    + reserveNote() + ", less than min-attempt-time (" + settings.minAttemptMillis() + " ms)");
            return new LiftException(504, LiftException.codeFor(504), LiftException.titleFor(504),
                    "The " + name() + " service was not called: too little time was left before the request's deadline",
                    false, Map.of(), List.of(), null);
        }

        private String reserveNote() {
            long reserve = settings.deadlineReserve().toMillis();
            return reserve == 0 ? "" : " less deadline-reserve " + reserve + " ms";
        }

        private void stoppedAttemptAtDeadline(Timeout<Object> limit) {
            metrics.increment("lift.resilience.deadline.cut", dimensions);
            log.log(System.Logger.Level.WARNING, "Request " + requestId() + ": resilience policy '" + name()
                    + "' stopped attempt " + attempts.get() + " after " + limit.getConfig().getTimeout().toMillis()
                    + " ms, at the Lambda deadline" + reserveNote()
                    + (timeout == null ? " (no timeout is configured)" : ", before its timeout of "
                    + settings.timeout().toMillis() + " ms"));
        }

        /**
         * Whether another retry could not finish before the deadline: the longest wait the backoff
         * can choose (jitter included) plus the longest the attempt may take (the timeout, or
         * without one, the least time an attempt is started with).
         */
        boolean nextRetryPassesDeadline() {
            int made = attempts.get();
            if (context == null || made >= settings.retry().maxAttempts()) {
                return false; // no deadline, or the attempt limit stops retries anyway
            }
            return settings.retry().maxDelayAfterMillis(made) + retryNeedsMillis > usableMillis();
        }

        void stoppedAtDeadline(ExecutionCompletedEvent<Object> e) {
            metrics.increment("lift.resilience.retries.exhausted", Map.of("policy", name(), "reason", "deadline"));
            log.log(System.Logger.Level.WARNING, "Request " + requestId() + ": resilience policy '" + name() + "' stopped after "
                    + attempts.get() + " attempt(s) because another retry would pass the Lambda deadline ("
                    + Math.max(0, context.remainingTime().toMillis()) + " ms left); last failure: " + describe(e.getException()));
        }

        void exhausted(ExecutionCompletedEvent<Object> e) {
            metrics.increment("lift.resilience.retries.exhausted", Map.of("policy", name(), "reason", "attempts"));
            log.log(System.Logger.Level.WARNING, "Request " + requestId() + ": resilience policy '" + name() + "' gave up after "
                    + attempts.get() + " attempt(s); last failure: " + describe(e.getException()));
        }
    }
}
