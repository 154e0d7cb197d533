package dev.lift.kernel.internal;

import dev.lift.spi.HealthResult;
import dev.lift.api.PluginContext;
import dev.lift.api.ResourceLookup;
import dev.lift.spi.ResourceProvider;
import dev.lift.api.TypeRef;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Resources the providers opened, in opening order. Closing goes in reverse order and each close
 * is bounded by the provider's timeout, so one stuck client cannot eat the shutdown budget.
 */
final class Resources implements ResourceLookup {

    private static final System.Logger LOG = System.getLogger("lift.kernel");

    /** One opened resource, with the name and generic type it is found under. */
    record Opened(ResourceProvider<Object> provider, Object resource, String name, Type type) {
    }

    private final List<Opened> opened = new CopyOnWriteArrayList<>();
    private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();

    /** Offers a kernel service (health, snapshots) to plugins by its contract type. */
    <T> void service(Class<T> type, T service) {
        services.put(type, service);
    }

    /** Opens a provider's resource and makes it findable; {@link #prewarm} comes next. */
    @SuppressWarnings("unchecked")
    Opened open(ResourceProvider<?> provider, PluginContext context) throws Exception {
        ResourceProvider<Object> p = (ResourceProvider<Object>) provider;
        Object resource = p.open(context);
        if (resource == null) {
            throw new IllegalStateException("returned no resource from open()");
        }
        if (!p.type().isInstance(resource)) {
            throw new IllegalStateException("opened a " + resource.getClass().getName() + ", which is not the declared "
                    + p.type().getName());
        }
        Opened o = new Opened(p, resource, p.name(), p.genericType());
        opened.add(o);
        return o;
    }

    static void prewarm(Opened o) throws Exception {
        o.provider().prewarm(o.resource());
    }

    List<Opened> opened() {
        return opened;
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
        Object service = services.get(type);
        if (service != null) {
            return Optional.of(type.cast(service));
        }
        return only(type.getName(), o -> type.isInstance(o.resource())).map(type::cast);
    }

    @Override
    public <T> Optional<T> find(Class<T> type, String name) {
        return named(name, o -> type.isInstance(o.resource())).map(type::cast);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(TypeRef<T> type) {
        if (type.type() instanceof Class) {
            return (Optional<T>) find((Class<?>) type.type());
        }
        return (Optional<T>) only(type.toString(), o -> o.type().equals(type.type()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Optional<T> find(TypeRef<T> type, String name) {
        if (type.type() instanceof Class) {
            return (Optional<T>) find((Class<?>) type.type(), name);
        }
        return (Optional<T>) named(name, o -> o.type().equals(type.type()));
    }

    private Optional<Object> only(String typeName, Predicate<Opened> fits) {
        Opened found = null;
        for (Opened o : opened) {
            if (fits.test(o)) {
                if (found != null) {
                    throw new IllegalStateException("Several resources of type " + typeName + " are open ('"
                            + found.name() + "', '" + o.name() + "'); look one up by name");
                }
                found = o;
            }
        }
        return found == null ? Optional.empty() : Optional.of(found.resource());
    }

    private Optional<Object> named(String name, Predicate<Opened> fits) {
        for (Opened o : opened) {
            if (o.name().equals(name) && fits.test(o)) {
                return Optional.of(o.resource());
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

    /**
     * Closes everything in reverse opening order, each within its provider's close timeout and
     * never past {@code deadlineNanos} ({@link System#nanoTime()}); returns the names closed in
     * order and adds a note for each close that failed, timed out or was skipped for lack of time.
     */
    List<String> closeAll(long deadlineNanos, List<String> notes) {
        services.clear();
        List<Opened> reversed = new ArrayList<>(opened);
        java.util.Collections.reverse(reversed);
        List<String> closed = new ArrayList<>();
        for (Opened o : reversed) {
            long left = deadlineNanos - System.nanoTime();
            String label = "'" + o.name() + "' (plugin " + o.provider().id() + ")";
            if (left <= 0) {
                notes.add("no time left in the shutdown budget to close " + label);
            } else if (closeBounded(o, Math.min(o.provider().closeTimeout().toNanos(), left), label, notes)) {
                closed.add(o.name());
            }
            opened.remove(o);
        }
        return closed;
    }

    /** Closes everything now, each within its provider's close timeout (tests and embedding). */
    void closeAll() {
        List<String> notes = new ArrayList<>();
        closeAll(System.nanoTime() + TimeUnit.DAYS.toNanos(1), notes);
        for (String note : notes) {
            LOG.log(System.Logger.Level.WARNING, note);
        }
    }

    private static boolean closeBounded(Opened o, long timeoutNanos, String label, List<String> notes) {
        Throwable[] failure = new Throwable[1];
        Thread closer = new Thread(() -> {
            try {
                o.provider().close(o.resource());
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "lift-close-" + o.provider().id());
        closer.setDaemon(true);
        closer.start();
        try {
            TimeUnit.NANOSECONDS.timedJoin(closer, Math.max(1_000_000, timeoutNanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            notes.add("closing " + label + " did not finish within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                    + " ms; moved on");
            closer.interrupt();
            return false;
        }
        if (failure[0] != null) {
            notes.add("closing " + label + " failed: " + failure[0].getClass().getSimpleName()
                    + (failure[0].getMessage() == null ? "" : ": " + failure[0].getMessage()));
            return false;
        }
        return true;
    }
}
