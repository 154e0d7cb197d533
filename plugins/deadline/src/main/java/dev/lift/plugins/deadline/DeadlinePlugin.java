package dev.lift.plugins.deadline;

import dev.lift.api.Api;
import dev.lift.api.BatchMiddleware;
import dev.lift.api.EventMiddleware;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.InvocationContext;
import dev.lift.api.LiftException;
import dev.lift.api.LogText;
import dev.lift.api.PluginContext;
import dev.lift.api.RecordMiddleware;
import dev.lift.api.RouteAttributes;
import dev.lift.api.RouteDescriptor;
import dev.lift.api.SettingException;
import dev.lift.api.Settings;
import dev.lift.api.SpiVersion;
import dev.lift.spi.LifecycleListener;
import dev.lift.spi.LifecycleState;
import dev.lift.spi.MiddlewarePlugin;
import java.time.Duration;

import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers before Lambda kills the invocation: the handler (with the middleware inside this one) runs
 * on a deadline worker while the invoking thread waits until {@code margin} before the Lambda
 * deadline; then an HTTP request is answered 504 (a problem, through the error strategies) and a
 * record, batch or event fails with {@link DeadlineExceededException}, so it is reported in
 * {@code batchItemFailures} and never acknowledged. The handler is interrupted; work that ignores
 * interrupts runs on until it ends, but its result is no longer used. Work whose invocation has no
 * time left beyond the margin is not started.
 *
 * <p>The handler runs on another thread than the invocation: thread-local state that other plugins
 * set on the invoking thread (a logging context, say) is not on it, while everything on the
 * {@link InvocationContext} (attributes, metrics, resources) is.
 *
 * <p>Settings (namespace {@code deadline}); the plugin declines unless {@code enabled=true} or
 * {@code margin} or {@code tag} is set:
 * <pre>
 * lift.deadline.enabled=true     # default: true when margin or tag is set, otherwise false
 * lift.deadline.margin=500ms     # 1ms to 15m before the deadline; default 500ms
 * lift.deadline.tag=slow         # only routes, groups and handlers tagged so; default every one
 * lift.deadline.threads=64       # deadline workers at most, 1 to 4096; default 64
 * </pre>
 *
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public final class DeadlinePlugin implements MiddlewarePlugin, LifecycleListener {

    /** The plugin id and settings namespace. */
    public static final String ID = "deadline";

    /** Inside rate limits (a refused request costs no worker), outside idempotency (a late handler still completes its key). */
    public static final int ORDER = TRAFFIC + 10;

    private volatile Duration margin;
    private volatile String tag;
    private volatile System.Logger log;
    private volatile ThreadPoolExecutor workers;

    /** For {@link java.util.ServiceLoader}. */
    public DeadlinePlugin() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public boolean init(PluginContext context) {
        Settings s = context.settings();
        boolean configured = s.get("margin").isPresent() || s.get("tag").isPresent();
        if (!s.getBoolean("enabled", configured)) {
            return false;
        }
        Duration m = s.getDuration("margin", Duration.ofMillis(500));
        if (m.toMillis() < 1 || m.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new SettingException(s.describe("margin"), s.get("margin").orElse(""),
                    "a duration from 1ms to 15m, such as 300ms, 2s or PT0.5S");
        }
        margin = m;
        tag = s.get("tag").map(String::trim).orElse(null);
        int threads = s.getInt("threads", 64, 1, 4096);
        log = context.logger();
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "lift-deadline-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        workers = pool;
        return true;
    }

    /** Stops the workers when the kernel stops; work still running is interrupted. */
    @Override
    public void onStateChange(LifecycleState from, LifecycleState to) {
        ThreadPoolExecutor w = workers;
        if (to == LifecycleState.STOPPED && w != null) {
            w.shutdownNow();
        }
    }

    private boolean applies(RouteDescriptor route) {
        if (!route.matched()) {
            return false;
        }
        return tag == null || route.attributes().get(RouteAttributes.TAGS).map(t -> t.contains(tag)).orElse(false);
    }

    @Override
    public HttpMiddleware http(RouteDescriptor route) {
        if (!applies(route)) {
            return null;
        }
        return new HttpMiddleware() {
            @Override
            public dev.lift.api.HttpResponse handle(dev.lift.api.HttpRequest request, InvocationContext context, Next next)
                    throws Exception {
                return within(context, next::proceed, () -> LiftException.gatewayTimeout(
                        "The request did not finish in the time the function had"));
            }

            @Override
            public String toString() {
                return "deadline -" + margin.toMillis() + "ms";
            }
        };
    }

    @Override
    public RecordMiddleware<Object> record(RouteDescriptor route) {
        if (!applies(route)) {
            return null;
        }
        return (record, context, next) -> within(context, () -> {
            next.proceed();
            return null;
        }, () -> exceeded(route));
    }

    @Override
    public BatchMiddleware<Object> batch(RouteDescriptor route) {
        return applies(route) ? (records, context, next) -> within(context, next::proceed, () -> exceeded(route)) : null;
    }

    @Override
    public EventMiddleware<Object> event(RouteDescriptor route) {
        return applies(route) ? (event, context, next) -> within(context, next::proceed, () -> exceeded(route)) : null;
    }

    private DeadlineExceededException exceeded(RouteDescriptor route) {
        return new DeadlineExceededException("The handler of " + route + " did not finish " + margin.toMillis()
                + " ms before the Lambda deadline; it was interrupted and its work is reported failed");
    }

    /** Runs {@code work} on a worker and waits for it until the margin before the deadline. */
    private <T> T within(InvocationContext context, Callable<T> work,
                         java.util.function.Supplier<? extends RuntimeException> timedOut) throws Exception {
        long budget = context.deadlineMillis() - margin.toMillis() - System.currentTimeMillis();
        if (budget <= 0) {
            log.log(System.Logger.Level.WARNING, () -> "Request " + LogText.escape(context.requestId()) + ": "
                    + context.route() + " had less than " + margin.toMillis() + " ms left; not started");
            throw timedOut.get();
        }
        Deadlined<T> task = new Deadlined<>(work);
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            throw LiftException.unavailable("The function is stopping", Duration.ofSeconds(1));
        }
        boolean finished;
        try {
            finished = task.await(budget);
        } catch (InterruptedException e) {
            // Someone else's interrupt of the invoking thread: stop the work and keep the flag for them.
            task.cancel();
            Thread.currentThread().interrupt();
            throw e;
        }
        if (finished || !task.cancel()) {
            return task.outcome();
        }
        log.log(System.Logger.Level.WARNING, () -> "Request " + LogText.escape(context.requestId()) + ": "
                + context.route() + " did not finish " + margin.toMillis() + " ms before the Lambda deadline; "
                + "the handler was interrupted");
        throw timedOut.get();
    }

}
