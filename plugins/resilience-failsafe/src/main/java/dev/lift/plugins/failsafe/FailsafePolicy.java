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
import dev.lift.spi.InvocationContext;
import dev.lift.spi.LiftException;
import dev.lift.spi.MetricsSink;
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
 * built once, are thread-safe and are shared by every call; the retry policy and, near the
 * deadline, the timeout are derived per call because they depend on the invocation's remaining
 * time.
 *
 * <p>Composition, outermost first: retry, bulkhead, circuit breaker, timeout. So each attempt is
 * timed out on its own, a timed-out attempt counts as a breaker failure and may be retried, an
 * open breaker or a full bulkhead is not retried, and a bulkhead rejection never counts against
 * the breaker.
 */
final class FailsafePolicy implements ResiliencePolicy {

    private final PolicySettings settings;
    private final TransientFailures transientFailures;
    private final MetricsSink metrics;
    private final System.Logger log;
    private final Map<String, String> dimensions;
    private final RetryPolicyConfig<Object> retry;
    private final CircuitBreaker<Object> breaker;
    private final SemaphoreBulkhead bulkhead;
    private final Timeout<Object> timeout;

    FailsafePolicy(PolicySettings settings, MetricsSink metrics, System.Logger log) {
        this.settings = settings;
        this.transientFailures = new TransientFailures(settings.transientTypes());
        this.metrics = metrics;
        this.log = log;
        this.dimensions = Map.of("policy", settings.name());
        this.retry = settings.retry() == null ? null : retryConfig(settings.retry());
        this.breaker = settings.breaker() == null ? null : breaker(settings.breaker());
        this.bulkhead = settings.bulkhead() == null ? null
                : new SemaphoreBulkhead(settings.bulkhead().maxConcurrency(), settings.bulkhead().maxWait());
        this.timeout = settings.timeout() == null ? null : timeout(settings.timeout());
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

    private Timeout<Object> timeout(Duration limit) {
        return Timeout.builder(limit).withInterrupt()
                .onFailure(e -> metrics.increment("lift.resilience.timeout", dimensions))
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

    @Override
    public <T> T call(InvocationContext context, Callable<T> work) throws Exception {
        Objects.requireNonNull(work, "work");
        Call call = new Call(context);
        List<Policy<Object>> chain = new ArrayList<>(4);
        if (retry != null) {
            chain.add(retryFor(call));
        }
        if (bulkhead != null) {
            chain.add(bulkhead);
        }
        if (breaker != null) {
            chain.add(breaker);
        }
        Timeout<Object> attemptTimeout = timeoutFor(context);
        if (attemptTimeout != null) {
            chain.add(attemptTimeout);
        }
        if (chain.isEmpty()) {
            return work.call();
        }
        try {
            return Failsafe.with(chain).get(() -> {
                call.attempts.incrementAndGet();
                return work.call();
            });
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
    private RetryPolicy<Object> retryFor(Call call) {
        return RetryPolicy.builder(retry)
                .abortIf((Object result, Throwable failure) -> failure != null && call.nextRetryPassesDeadline())
                .onAbort(e -> call.stoppedAtDeadline(e))
                .onRetriesExceeded(e -> call.exhausted(e))
                .onRetry(e -> metrics.increment("lift.resilience.retry", dimensions))
                .build();
    }

    /** The configured attempt timeout, shortened when the invocation has less time left. */
    private Timeout<Object> timeoutFor(InvocationContext context) {
        if (timeout == null || context == null) {
            return timeout;
        }
        long left = context.remainingTime().toMillis() - settings.deadlineReserve().toMillis();
        if (left >= settings.timeout().toMillis()) {
            return timeout;
        }
        return timeout(Duration.ofMillis(Math.max(1, left)));
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
            return LiftException.gatewayTimeout("The " + name() + " service did not answer in time").withCause(t);
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

    /** One call's attempts and deadline. */
    private final class Call {
        final AtomicInteger attempts = new AtomicInteger();
        private final InvocationContext context;

        Call(InvocationContext context) {
            this.context = context;
        }

        private String requestId() {
            return context == null ? "(none)" : context.requestId();
        }

        /**
         * Whether another retry could not finish before the deadline: the longest wait the backoff
         * can choose (jitter included) plus, with a timeout, the longest the attempt may take.
         */
        boolean nextRetryPassesDeadline() {
            int made = attempts.get();
            if (context == null || made >= settings.retry().maxAttempts()) {
                return false; // no deadline, or the attempt limit stops retries anyway
            }
            long worstCase = settings.retry().maxDelayAfterMillis(made)
                    + (settings.timeout() == null ? 0 : settings.timeout().toMillis());
            long usable = context.deadlineMillis() - settings.deadlineReserve().toMillis();
            return System.currentTimeMillis() + worstCase > usable;
        }

        void stoppedAtDeadline(ExecutionCompletedEvent<Object> e) {
            metrics.increment("lift.resilience.retries.exhausted", Map.of("policy", name(), "reason", "deadline"));
            log.log(System.Logger.Level.WARNING, "Request " + requestId() + ": resilience policy '" + name() + "' stopped after "
                    + attempts.get() + " attempt(s) because another retry would pass the Lambda deadline ("
                    + Math.max(0, context.remainingTime().toMillis()) + " ms left); last failure: " + e.getException());
        }

        void exhausted(ExecutionCompletedEvent<Object> e) {
            metrics.increment("lift.resilience.retries.exhausted", Map.of("policy", name(), "reason", "attempts"));
            log.log(System.Logger.Level.WARNING, "Request " + requestId() + ": resilience policy '" + name() + "' gave up after "
                    + attempts.get() + " attempt(s); last failure: " + e.getException());
        }
    }
}
