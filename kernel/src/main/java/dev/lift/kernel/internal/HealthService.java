package dev.lift.kernel.internal;

import dev.lift.spi.Health;
import dev.lift.spi.HealthCheck;
import dev.lift.spi.HealthReport;
import dev.lift.spi.HealthResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Aggregated health: every health check and every resource's check in parallel on one shared
 * executor (made on first use, daemon threads, so boot pays nothing), each bounded by its
 * timeout, the report cached for the configured time. Concurrent callers of a stale report share
 * one run.
 */
final class HealthService implements Health {

    /** One thing to check. */
    private record Check(String name, Duration timeout, Callable<HealthResult> run) {
    }

    private final List<HealthCheck> checks;
    private final Resources resources;
    private final Duration cacheTime;
    private final Clock clock;
    private final Object lock = new Object();
    private volatile ExecutorService executor;
    private volatile HealthReport cached;

    HealthService(List<HealthCheck> checks, Resources resources, Duration cacheTime, Clock clock) {
        this.checks = List.copyOf(checks);
        this.resources = resources;
        this.cacheTime = cacheTime;
        this.clock = clock;
    }

    @Override
    public HealthReport report() {
        HealthReport r = cached;
        if (r != null && !stale(r)) {
            return r;
        }
        synchronized (lock) {
            r = cached;
            if (r != null && !stale(r)) {
                return r; // another caller refreshed it while this one waited
            }
            return refresh();
        }
    }

    private boolean stale(HealthReport r) {
        return !clock.instant().isBefore(r.checkedAt().plus(cacheTime));
    }

    @Override
    public HealthReport refresh() {
        List<Check> all = new ArrayList<>();
        for (HealthCheck c : checks) {
            all.add(new Check(c.id(), c.timeout(), c::check));
        }
        for (Resources.Opened o : resources.opened()) {
            all.add(new Check("resource:" + o.provider().id(), Duration.ofSeconds(1),
                    () -> o.provider().check(o.resource())));
        }
        Instant started = clock.instant();
        Map<String, HealthReport.Component> components = new LinkedHashMap<>();
        if (!all.isEmpty()) {
            ExecutorService pool = executor();
            List<Future<HealthResult>> running = new ArrayList<>();
            long[] begun = new long[all.size()];
            for (int i = 0; i < all.size(); i++) {
                begun[i] = System.nanoTime();
                running.add(pool.submit(all.get(i).run()));
            }
            for (int i = 0; i < all.size(); i++) {
                Check c = all.get(i);
                long left = Math.max(0, c.timeout().toNanos() - (System.nanoTime() - begun[i]));
                components.put(c.name(), await(c, running.get(i), left, begun[i]));
            }
        }
        HealthResult.Status overall = HealthResult.Status.UP;
        for (HealthReport.Component c : components.values()) {
            if (c.status().ordinal() > overall.ordinal()) {
                overall = c.status();
            }
        }
        HealthReport report = new HealthReport(overall, components, started);
        cached = report;
        return report;
    }

    private static HealthReport.Component await(Check c, Future<HealthResult> f, long nanosLeft, long begun) {
        HealthResult r;
        try {
            r = f.get(nanosLeft, TimeUnit.NANOSECONDS);
            if (r == null) {
                r = HealthResult.down(Map.of("error", "the check returned nothing"));
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            r = HealthResult.down(Map.of("error", "timed out after " + c.timeout().toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            r = HealthResult.down(Map.of("error", "interrupted"));
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            r = HealthResult.down(Map.of("error", String.valueOf(cause.getMessage())));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
        return new HealthReport.Component(r.status(), millis, r.details());
    }

    private ExecutorService executor() {
        ExecutorService e = executor;
        if (e == null) {
            synchronized (this) {
                e = executor;
                if (e == null) {
                    AtomicInteger n = new AtomicInteger();
                    e = Executors.newCachedThreadPool(r -> {
                        Thread t = new Thread(r, "lift-health-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    executor = e;
                }
            }
        }
        return e;
    }

    void close() {
        ExecutorService e = executor;
        if (e != null) {
            e.shutdownNow();
        }
    }
}
