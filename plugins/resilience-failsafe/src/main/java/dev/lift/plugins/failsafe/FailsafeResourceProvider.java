package dev.lift.plugins.failsafe;

import dev.lift.api.SpiVersion;
import dev.failsafe.CircuitBreaker;
import dev.lift.api.Api;
import dev.lift.spi.HealthResult;
import dev.lift.api.PluginContext;
import dev.lift.spi.ResourceProvider;
import dev.lift.api.Settings;
import dev.lift.spi.resilience.ResiliencePolicies;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Opens the named {@link ResiliencePolicies} configured in settings, built with
 * <a href="https://failsafe.dev">Failsafe</a>. Handlers and other resource providers look them up
 * with {@code context.resources().require(ResiliencePolicies.class).policy("payments")} and wrap
 * their downstream calls in them.
 *
 * <p>Settings (namespace {@code resilience-failsafe}); a part of a policy is on when any of its
 * keys is set:
 * <pre>
 * lift.resilience-failsafe.policies=payments,search
 * lift.resilience-failsafe.payments.retry.max-attempts=3       # default 3, counting the first call
 * lift.resilience-failsafe.payments.retry.delay=100ms          # first wait; default 100ms
 * lift.resilience-failsafe.payments.retry.max-delay=2s         # waits double up to this; default 2s
 * lift.resilience-failsafe.payments.retry.jitter=0.2           # each wait varies by up to ±20%; default 0.2
 * lift.resilience-failsafe.payments.breaker.failure-threshold=5  # consecutive failures that open it; default 5
 * lift.resilience-failsafe.payments.breaker.delay=30s          # how long it stays open; default 30s
 * lift.resilience-failsafe.payments.breaker.success-threshold=1  # trial successes that close it; default 1
 * lift.resilience-failsafe.payments.timeout=2s                 # per attempt; the thread is interrupted
 * lift.resilience-failsafe.payments.bulkhead.max-concurrency=10  # calls at once; default 10
 * lift.resilience-failsafe.payments.bulkhead.max-wait=0ms      # wait for a slot; default 0ms
 * lift.resilience-failsafe.payments.transient-errors=com.acme.RateLimited  # also retried and counted
 * lift.resilience-failsafe.payments.deadline-reserve=0ms       # time kept free before the Lambda deadline; default 0ms
 * lift.resilience-failsafe.payments.min-attempt-time=50ms      # no attempt starts with less usable time; default 50ms
 * </pre>
 *
 * <p>Only transient failures are retried and counted by the breaker: a retryable
 * {@link dev.lift.api.LiftException}, an {@link java.io.IOException}, a timeout, or a type in
 * {@code transient-errors}.
 *
 * <p><b>The Lambda deadline</b> holds with or without {@code timeout}. The <em>usable time</em> is
 * the invocation's remaining time less {@code deadline-reserve}. An attempt starts only with at
 * least {@code min-attempt-time} of usable time left (else the call fails with a 504 saying the
 * dependency was not called for lack of time); every attempt is limited to the usable time left
 * when it starts, or to {@code timeout} if that is shorter (cut at the deadline: a 504 saying the
 * dependency did not answer before the request's deadline); a bulkhead wait ends in time to leave
 * {@code min-attempt-time}; and a retry is made only if its longest possible wait (jitter
 * included) plus {@code timeout} (without one: {@code min-attempt-time}) fits in the usable time.
 * Limits work by interrupting the calling thread, so the work must honour interrupts, as
 * {@link java.net.http.HttpClient} does. Outside an invocation (a null context) no deadline applies.
 *
 * <p>A fallback is not configured in settings: it is given in code, with
 * {@code ResiliencePolicy.call(context, work, fallback)}, because only the caller knows what a
 * useful substitute answer is. It receives what the call would have thrown (an open breaker as a
 * 503 {@link dev.lift.api.LiftException}), never an interrupt.
 *
 * <p>State changes are logged on logger {@code lift.resilience-failsafe} (breaker opened,
 * retries exhausted or stopped at the deadline, an attempt cut or not started at the deadline:
 * WARNING) and counted: metrics {@code lift.resilience.breaker.opened}, {@code .half-opened},
 * {@code .closed}, {@code .rejected}, {@code lift.resilience.retry},
 * {@code lift.resilience.retries.exhausted} (dimension {@code reason}: {@code attempts} or
 * {@code deadline}), {@code lift.resilience.timeout} (the configured timeout),
 * {@code lift.resilience.deadline.cut} (an attempt stopped at the deadline),
 * {@code lift.resilience.deadline.rejected} (no attempt started for lack of time),
 * {@code lift.resilience.bulkhead.rejected} and {@code lift.resilience.fallback}, each with
 * dimension {@code policy}. They go to the kernel's metrics sink, which forwards them to every
 * installed {@link dev.lift.api.Metrics} plugin. The health check reports DEGRADED while a
 * breaker is open or half-open.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public final class FailsafeResourceProvider implements ResourceProvider<ResiliencePolicies> {

    /** The plugin id, which is also the settings namespace. */
    public static final String ID = "resilience-failsafe";

    /** For {@link java.util.ServiceLoader}. */
    public FailsafeResourceProvider() {
    }

    @Override
    public String id() {
        return ID;
    }

    /** The SPI this plugin was built against: the constant is compiled into this class. */
    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Class<ResiliencePolicies> type() {
        return ResiliencePolicies.class;
    }

    /**
     * Reads and checks every policy's settings and builds the policies.
     *
     * @throws dev.lift.api.SettingException naming the setting when a value is not allowed
     */
    @Override
    public ResiliencePolicies open(PluginContext context) {
        Settings settings = context.settings();
        System.Logger log = context.logger();
        Map<String, FailsafePolicy> policies = new LinkedHashMap<>();
        for (String name : PolicySettings.names(settings)) {
            PolicySettings ps = PolicySettings.read(settings, name);
            if (!ps.protects()) {
                log.log(System.Logger.Level.WARNING, "Resilience policy '" + name + "' has no retry, breaker, timeout or "
                        + "bulkhead settings (such as lift.resilience-failsafe." + name + ".retry.max-attempts); "
                        + "calls through it are only kept within the Lambda deadline");
            }
            log.log(System.Logger.Level.DEBUG, () -> "Resilience policy '" + name + "': " + ps.describe());
            policies.put(name, new FailsafePolicy(ps, context.metrics(), log));
        }
        return new FailsafePolicies(policies);
    }

    /** DEGRADED while any breaker is open or half-open, naming each breaker's state. */
    @Override
    public HealthResult check(ResiliencePolicies resource) {
        if (!(resource instanceof FailsafePolicies)) {
            return HealthResult.up();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        boolean degraded = false;
        for (FailsafePolicy p : ((FailsafePolicies) resource).all().values()) {
            CircuitBreaker.State state = p.breakerState();
            if (state != null) {
                details.put(p.name() + ".breaker", state.name().toLowerCase(Locale.ROOT).replace('_', '-'));
                degraded |= state != CircuitBreaker.State.CLOSED;
            }
        }
        return new HealthResult(degraded ? HealthResult.Status.DEGRADED : HealthResult.Status.UP, details);
    }
}
