package dev.lift.kernel.internal;

import dev.lift.spi.HealthResult;
import dev.lift.api.PluginContext;
import dev.lift.api.ResourceLookup;
import dev.lift.spi.ResourceProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Resources the providers opened, in opening order. Closing goes in reverse order and each close
 * is bounded by the provider's timeout, so one stuck client cannot eat the shutdown budget.
 */
final class Resources implements ResourceLookup {

    private static final System.Logger LOG = System.getLogger("lift.kernel");

    /** One opened resource. */
    record Opened(ResourceProvider<Object> provider, Object resource) {
    }

    private final List<Opened> opened = new CopyOnWriteArrayList<>();

    @SuppressWarnings("unchecked")
    void open(ResourceProvider<?> provider, PluginContext context) throws Exception {
        ResourceProvider<Object> p = (ResourceProvider<Object>) provider;
        Object resource = p.open(context);
        if (resource == null) {
            throw new IllegalStateException("returned no resource from open()");
        }
        opened.add(new Opened(p, resource));
        p.prewarm(resource);
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
        Object found = null;
        for (Opened o : opened) {
            if (type.isInstance(o.resource())) {
                if (found != null) {
                    throw new IllegalStateException("Several resources of type " + type.getName()
                            + " are open; look one up by provider id");
                }
                found = o.resource();
            }
        }
        return Optional.ofNullable(type.cast(found));
    }

    @Override
    public <T> Optional<T> find(Class<T> type, String providerId) {
        for (Opened o : opened) {
            if (o.provider().id().equals(providerId) && type.isInstance(o.resource())) {
                return Optional.of(type.cast(o.resource()));
            }
        }
        return Optional.empty();
    }

    /** Health of every resource, by provider id. */
    List<Map.Entry<String, HealthResult>> check() {
        List<Map.Entry<String, HealthResult>> results = new ArrayList<>();
        for (Opened o : opened) {
            HealthResult r;
            try {
                r = o.provider().check(o.resource());
            } catch (Exception e) {
                r = HealthResult.down(Map.of("error", String.valueOf(e.getMessage())));
            }
            results.add(Map.entry("resource:" + o.provider().id(), r));
        }
        return results;
    }

    /** Closes everything in reverse opening order, each within its provider's close timeout. */
    void closeAll() {
        List<Opened> reversed = new ArrayList<>(opened);
        java.util.Collections.reverse(reversed);
        for (Opened o : reversed) {
            closeBounded(o);
            opened.remove(o);
        }
    }

    private static void closeBounded(Opened o) {
        Duration timeout = o.provider().closeTimeout();
        Thread closer = new Thread(() -> {
            try {
                o.provider().close(o.resource());
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Closing resource of plugin '" + o.provider().id() + "' failed", e);
            }
        }, "lift-close-" + o.provider().id());
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "Closing resource of plugin '" + o.provider().id()
                    + "' did not finish within " + timeout.toMillis() + " ms; moving on");
            closer.interrupt();
        }
    }
}
