package dev.lift.kernel.internal;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.lift.api.BatchHandler;
import dev.lift.api.EventHandler;
import dev.lift.api.EventKind;
import dev.lift.api.EventSelector;
import dev.lift.api.HttpHandler;
import dev.lift.api.HttpRequest;
import dev.lift.api.Json;
import dev.lift.api.LiftException;
import dev.lift.api.Middleware;
import dev.lift.api.RecordBatch;
import dev.lift.api.RecordHandler;
import dev.lift.api.Routes;
import dev.lift.api.TypedHttpHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What applications register, collected during boot and compiled afterwards. Each group is a
 * view with its own prefix and middleware over the same collected definitions.
 */
final class RouteRegistry implements Routes {

    /** An HTTP route as registered. */
    record HttpDef(String method, String path, String owner, String handler, Step terminal, List<Middleware> scoped) {
    }

    /** An event or record handler as registered. */
    record EventDef(EventKind kind, EventSelector<?> selector, String owner, String handler, Step terminal,
                    List<Middleware> scoped) {
    }

    private final List<HttpDef> http;
    private final List<EventDef> events;
    private final String owner;
    private final String prefix;
    private final List<Middleware> groupMiddleware;

    RouteRegistry(String owner) {
        this(new ArrayList<>(), new ArrayList<>(), owner, "", List.of());
    }

    private RouteRegistry(List<HttpDef> http, List<EventDef> events, String owner, String prefix,
                          List<Middleware> groupMiddleware) {
        this.http = http;
        this.events = events;
        this.owner = owner;
        this.prefix = prefix;
        this.groupMiddleware = groupMiddleware;
    }

    /** The same collection, credited to another application. */
    RouteRegistry forOwner(String newOwner) {
        return new RouteRegistry(http, events, newOwner, "", List.of());
    }

    List<HttpDef> http() {
        return http;
    }

    List<EventDef> events() {
        return events;
    }

    @Override
    public Routes route(String method, String path, HttpHandler handler, Middleware... middleware) {
        Objects.requireNonNull(handler, "handler");
        addHttp(method, path, describe(handler), (ctx, in) -> handler.handle((HttpRequest) in, ctx), middleware);
        return this;
    }

    @Override
    public <B> Routes route(String method, String path, Class<B> bodyType, TypedHttpHandler<B> handler,
                            Middleware... middleware) {
        Objects.requireNonNull(handler, "handler");
        // Built once here so that a request costs no reflection.
        ObjectReader reader = Json.mapper().readerFor(bodyType);
        addHttp(method, path, describe(handler) + " <" + bodyType.getSimpleName() + ">", (ctx, in) -> {
            HttpRequest request = (HttpRequest) in;
            requireJson(request);
            B body = request.bodyAs(reader);
            return handler.handle(body, request, ctx);
        }, middleware);
        return this;
    }

    private static void requireJson(HttpRequest request) {
        String type = request.headers().get("Content-Type");
        if (type != null && !type.toLowerCase(Locale.ROOT).contains("json")) {
            throw LiftException.unsupportedMediaType(type, List.of("application/json"));
        }
    }

    private void addHttp(String method, String path, String handler, Step terminal, Middleware[] middleware) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        String full = join(prefix, path);
        http.add(new HttpDef(method.toUpperCase(Locale.ROOT), full, owner, handler, terminal, scoped(middleware)));
    }

    @Override
    public Routes group(String groupPrefix, Consumer<Routes> routes, Middleware... middleware) {
        routes.accept(new RouteRegistry(http, events, owner, join(prefix, groupPrefix), scoped(middleware)));
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> Routes onRecord(EventSelector<R> selector, RecordHandler<R> handler, Middleware... middleware) {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(handler, "handler");
        events.add(new EventDef(EventKind.RECORD, selector, owner, describe(handler), (ctx, in) -> {
            handler.handle((R) in, ctx);
            return null;
        }, scoped(middleware)));
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> Routes onBatch(EventSelector<R> selector, BatchHandler<R> handler, Middleware... middleware) {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(handler, "handler");
        events.add(new EventDef(EventKind.BATCH, selector, owner, describe(handler),
                (ctx, in) -> handler.handle(((RecordBatch<R>) in).records(), ctx), scoped(middleware)));
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> Routes onEvent(EventSelector<E> selector, EventHandler<E> handler, Middleware... middleware) {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(handler, "handler");
        events.add(new EventDef(EventKind.EVENT, selector, owner, describe(handler),
                (ctx, in) -> handler.handle((E) in, ctx), scoped(middleware)));
        return this;
    }

    private List<Middleware> scoped(Middleware[] own) {
        List<Middleware> all = new ArrayList<>(groupMiddleware);
        for (Middleware m : own) {
            all.add(Objects.requireNonNull(m, "middleware"));
        }
        return List.copyOf(all);
    }

    private static String join(String a, String b) {
        String left = a.endsWith("/") ? a.substring(0, a.length() - 1) : a;
        String right = b.isEmpty() || b.startsWith("/") ? b : "/" + b;
        String joined = left + right;
        return joined.isEmpty() ? "/" : joined;
    }

    /** A readable name for a handler or middleware: lambdas show their declaring class. */
    static String describe(Object o) {
        String name = o.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        if (lambda >= 0) {
            name = name.substring(0, lambda) + " (lambda)";
        }
        int dot = name.lastIndexOf('.', lambda >= 0 ? lambda : name.length());
        return dot >= 0 ? name.substring(dot + 1) : name;
    }
}
