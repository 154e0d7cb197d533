package dev.lift.kernel.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lift.api.BatchHandler;
import dev.lift.api.BatchMiddleware;
import dev.lift.api.EventHandler;
import dev.lift.api.EventKind;
import dev.lift.api.EventMiddleware;
import dev.lift.api.EventSelector;
import dev.lift.api.HttpHandler;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpRequest;
import dev.lift.api.LiftException;
import dev.lift.api.LogText;
import dev.lift.api.RecordHandler;
import dev.lift.api.RecordMiddleware;
import dev.lift.api.RouteAttributes;
import dev.lift.api.Routes;
import dev.lift.api.TypedHttpHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What applications register, collected during boot and compiled afterwards. Each group is a
 * view with its own prefix, middleware and attributes over the same collected definitions; the
 * handles registrations return add attributes and middleware until boot compiles them.
 */
final class RouteRegistry implements Routes {

    /** A group's own middleware and attributes, and its parent's. */
    static final class Scope {
        final Scope parent;
        final List<HttpMiddleware> middleware;
        RouteAttributes attributes = RouteAttributes.empty();

        Scope(Scope parent, List<HttpMiddleware> middleware) {
            this.parent = parent;
            this.middleware = middleware;
        }

        /** Outer groups' middleware first. */
        List<HttpMiddleware> allMiddleware() {
            List<HttpMiddleware> all = parent == null ? new ArrayList<>() : parent.allMiddleware();
            all.addAll(middleware);
            return all;
        }

        /** Outer groups' attributes, overridden by inner ones. */
        RouteAttributes allAttributes() {
            return parent == null ? attributes : parent.allAttributes().withAll(attributes);
        }
    }

    /** An HTTP route as registered. */
    static final class HttpDef {
        final String method;
        final String path;
        final String owner;
        final String handler;
        final Pipeline.Step terminal;
        final Scope scope;
        final List<HttpMiddleware> own = new ArrayList<>();
        final Class<?> bodyType; // null for untyped routes
        final LazyReader reader; // null for untyped routes
        RouteAttributes attributes = RouteAttributes.empty();

        HttpDef(String method, String path, String owner, String handler, Pipeline.Step terminal, Scope scope,
                LazyReader reader) {
            this.method = method;
            this.path = path;
            this.owner = owner;
            this.handler = handler;
            this.terminal = terminal;
            this.scope = scope;
            this.bodyType = reader == null ? null : reader.type();
            this.reader = reader;
        }

        List<HttpMiddleware> scoped() {
            List<HttpMiddleware> all = scope.allMiddleware();
            all.addAll(own);
            return all;
        }

        RouteAttributes allAttributes() {
            return scope.allAttributes().withAll(attributes);
        }
    }

    /** An event or record handler as registered. */
    static final class EventDef {
        final EventKind kind;
        final EventSelector<?> selector;
        final String owner;
        final String handler;
        final Pipeline.Step terminal;
        final List<Object> middleware = new ArrayList<>();
        RouteAttributes attributes = RouteAttributes.empty();

        EventDef(EventKind kind, EventSelector<?> selector, String owner, String handler, Pipeline.Step terminal) {
            this.kind = kind;
            this.selector = selector;
            this.owner = owner;
            this.handler = handler;
            this.terminal = terminal;
        }
    }

    private final List<HttpDef> http;
    private final List<EventDef> events;
    private final String owner;
    private final String prefix;
    private final Scope scope;
    private final ObjectMapper mapper;
    private final boolean sources;

    RouteRegistry(String owner, ObjectMapper mapper) {
        this(owner, mapper, false);
    }

    /**
     * @param sources whether a lambda handler is named by where it was registered ({@code File.java:line},
     *     found with a stack walk per registration): {@code lift.kernel.route-sources}, which
     *     {@code lift routes} turns on; off, boot walks no stack
     */
    RouteRegistry(String owner, ObjectMapper mapper, boolean sources) {
        this(new ArrayList<>(), new ArrayList<>(), owner, "", new Scope(null, List.of()), mapper, sources);
    }

    private RouteRegistry(List<HttpDef> http, List<EventDef> events, String owner, String prefix, Scope scope,
                          ObjectMapper mapper, boolean sources) {
        this.http = http;
        this.events = events;
        this.owner = owner;
        this.prefix = prefix;
        this.scope = scope;
        this.mapper = mapper;
        this.sources = sources;
    }

    /** The same collection, credited to another application. */
    RouteRegistry forOwner(String newOwner) {
        return new RouteRegistry(http, events, newOwner, "", new Scope(null, List.of()), mapper, sources);
    }

    /** {@link #describe}, with a lambda's registration site when {@link #sources} is on. */
    private String name(Object handler) {
        String d = describe(handler);
        if (!sources || !d.endsWith(" (lambda)")) {
            return d;
        }
        String site = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().startsWith("dev.lift.kernel.internal.")
                        && !f.getClassName().startsWith("dev.lift.api.") && f.getFileName() != null)
                .findFirst().map(f -> f.getFileName() + ":" + f.getLineNumber()).orElse(null));
        return site == null ? d : d.substring(0, d.length() - " (lambda)".length()) + " (" + site + ")";
    }

    List<HttpDef> http() {
        return http;
    }

    List<EventDef> events() {
        return events;
    }

    @Override
    public Route route(String method, String path, HttpHandler handler, HttpMiddleware... middleware) {
        Objects.requireNonNull(handler, "handler");
        return addHttp(method, path, name(handler), (ctx, in) -> handler.handle((HttpRequest) in, ctx), null, middleware);
    }

    @Override
    public <B> Route route(String method, String path, Class<B> bodyType, TypedHttpHandler<B> handler,
                           HttpMiddleware... middleware) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(bodyType, "bodyType");
        // The reader is built on first use: building one costs tens of milliseconds of cold start,
        // and most routes are not called in the invocation that pays for init.
        LazyReader reader = new LazyReader(mapper, bodyType);
        return addHttp(method, path, name(handler) + " <" + bodyType.getSimpleName() + ">", (ctx, in) -> {
            HttpRequest request = (HttpRequest) in;
            requireJson(request);
            B body = request.bodyAs(reader.get());
            return handler.handle(body, request, ctx);
        }, reader, middleware);
    }

    /**
     * A body reader made once, when first needed or while priming a snapshot: concurrent first
     * uses wait for the one that builds it rather than each building their own.
     */
    static final class LazyReader {
        private final ObjectMapper mapper;
        private final Class<?> type;
        private volatile ObjectReader reader;

        LazyReader(ObjectMapper mapper, Class<?> type) {
            this.mapper = mapper;
            this.type = type;
        }

        ObjectReader get() {
            ObjectReader r = reader;
            if (r == null) {
                synchronized (this) {
                    r = reader;
                    if (r == null) {
                        r = mapper.readerFor(type);
                        reader = r;
                    }
                }
            }
            return r;
        }

        Class<?> type() {
            return type;
        }

        boolean built() {
            return reader != null;
        }
    }

    /**
     * A typed body is read as JSON only when the media type says JSON: {@code application/json} or
     * {@code application/<anything>+json}, parameters such as {@code charset} allowed. A missing
     * Content-Type is read as JSON. The media type is what comes before the first {@code ;}, so
     * {@code text/plain; a=json} is refused.
     */
    static void requireJson(HttpRequest request) {
        String type = request.headers().get("Content-Type");
        if (type != null && !isJson(type)) {
            throw LiftException.unsupportedMediaType(LogText.escape(abbreviate(type)),
                    List.of("application/json", "application/*+json"));
        }
    }

    static boolean isJson(String contentType) {
        int semi = contentType.indexOf(';');
        String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        if (media.equals("application/json")) {
            return true;
        }
        if (!media.startsWith("application/") || !media.endsWith("+json")) {
            return false;
        }
        String subtype = media.substring("application/".length(), media.length() - "+json".length());
        if (subtype.isEmpty()) {
            return false;
        }
        for (int i = 0; i < subtype.length(); i++) {
            char c = subtype.charAt(i);
            if (!(Character.isLetterOrDigit(c) || "!#$&-^_.+".indexOf(c) >= 0) || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    private Route addHttp(String method, String path, String handler, Pipeline.Step terminal, LazyReader bodyType,
                          HttpMiddleware[] middleware) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        HttpDef def = new HttpDef(method.toUpperCase(Locale.ROOT), join(prefix, path), owner, handler, terminal, scope,
                bodyType);
        for (HttpMiddleware m : middleware) {
            def.own.add(Objects.requireNonNull(m, "middleware"));
        }
        http.add(def);
        return new RouteHandle(def);
    }

    @Override
    public Group group(String groupPrefix, Consumer<Routes> routes, HttpMiddleware... middleware) {
        List<HttpMiddleware> own = new ArrayList<>();
        for (HttpMiddleware m : middleware) {
            own.add(Objects.requireNonNull(m, "middleware"));
        }
        Scope inner = new Scope(scope, List.copyOf(own));
        routes.accept(new RouteRegistry(http, events, owner, join(prefix, groupPrefix), inner, mapper, sources));
        return new GroupHandle(inner);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> RecordRoute<R> onRecord(EventSelector<R> selector, RecordHandler<R> handler) {
        Objects.requireNonNull(handler, "handler");
        EventDef def = addEvent(EventKind.RECORD, selector, name(handler), (ctx, in) -> {
            handler.handle((R) in, ctx);
            return null;
        });
        return new RecordHandle<>(def);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> BatchRoute<R> onBatch(EventSelector<R> selector, BatchHandler<R> handler) {
        Objects.requireNonNull(handler, "handler");
        EventDef def = addEvent(EventKind.BATCH, selector, name(handler),
                (ctx, in) -> handler.handle((List<R>) in, ctx));
        return new BatchHandle<>(def);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> EventRoute<E> onEvent(EventSelector<E> selector, EventHandler<E> handler) {
        Objects.requireNonNull(handler, "handler");
        EventDef def = addEvent(EventKind.EVENT, selector, name(handler), (ctx, in) -> handler.handle((E) in, ctx));
        return new EventHandle<>(def);
    }

    private EventDef addEvent(EventKind kind, EventSelector<?> selector, String handler, Pipeline.Step terminal) {
        Objects.requireNonNull(selector, "selector");
        EventDef def = new EventDef(kind, selector, owner, handler, terminal);
        def.attributes = scope.allAttributes();
        events.add(def);
        return def;
    }

    // ---- registration handles: each is also the Routes it was made from, so registrations chain ----

    private abstract class Handle implements Routes {
        @Override
        public Route route(String method, String path, HttpHandler handler, HttpMiddleware... middleware) {
            return RouteRegistry.this.route(method, path, handler, middleware);
        }

        @Override
        public <B> Route route(String method, String path, Class<B> bodyType, TypedHttpHandler<B> handler,
                               HttpMiddleware... middleware) {
            return RouteRegistry.this.route(method, path, bodyType, handler, middleware);
        }

        @Override
        public Group group(String groupPrefix, Consumer<Routes> routes, HttpMiddleware... middleware) {
            return RouteRegistry.this.group(groupPrefix, routes, middleware);
        }

        @Override
        public <R> RecordRoute<R> onRecord(EventSelector<R> selector, RecordHandler<R> handler) {
            return RouteRegistry.this.onRecord(selector, handler);
        }

        @Override
        public <R> BatchRoute<R> onBatch(EventSelector<R> selector, BatchHandler<R> handler) {
            return RouteRegistry.this.onBatch(selector, handler);
        }

        @Override
        public <E> EventRoute<E> onEvent(EventSelector<E> selector, EventHandler<E> handler) {
            return RouteRegistry.this.onEvent(selector, handler);
        }
    }

    /** A handle whose {@code attribute} changes one registration's (or group's) attributes. */
    private abstract class Attributed<S extends Described<S>> extends Handle implements Described<S> {
        abstract void change(UnaryOperator<RouteAttributes> change);

        @Override
        @SuppressWarnings("unchecked")
        public <T> S attribute(RouteAttributes.Key<T> key, T value) {
            change(a -> a.with(key, value));
            return (S) this;
        }
    }

    private final class RouteHandle extends Attributed<Route> implements Route {
        private final HttpDef def;

        RouteHandle(HttpDef def) {
            this.def = def;
        }

        @Override
        void change(UnaryOperator<RouteAttributes> change) {
            def.attributes = change.apply(def.attributes);
        }

        @Override
        public Route use(HttpMiddleware middleware) {
            def.own.add(Objects.requireNonNull(middleware, "middleware"));
            return this;
        }
    }

    private final class GroupHandle extends Attributed<Group> implements Group {
        private final Scope group;

        GroupHandle(Scope group) {
            this.group = group;
        }

        @Override
        void change(UnaryOperator<RouteAttributes> change) {
            group.attributes = change.apply(group.attributes);
        }
    }

    /** The handle of a record, batch or event handler: attributes and middleware of its definition. */
    private abstract class EventDefHandle<S extends Described<S>> extends Attributed<S> {
        final EventDef def;

        EventDefHandle(EventDef def) {
            this.def = def;
        }

        @Override
        void change(UnaryOperator<RouteAttributes> change) {
            def.attributes = change.apply(def.attributes);
        }

        @SuppressWarnings("unchecked")
        S add(Object middleware) {
            def.middleware.add(Objects.requireNonNull(middleware, "middleware"));
            return (S) this;
        }
    }

    private final class RecordHandle<R> extends EventDefHandle<RecordRoute<R>> implements RecordRoute<R> {
        RecordHandle(EventDef def) {
            super(def);
        }

        @Override
        public RecordRoute<R> use(RecordMiddleware<? super R> middleware) {
            return add(middleware);
        }
    }

    private final class BatchHandle<R> extends EventDefHandle<BatchRoute<R>> implements BatchRoute<R> {
        BatchHandle(EventDef def) {
            super(def);
        }

        @Override
        public BatchRoute<R> use(BatchMiddleware<R> middleware) {
            return add(middleware);
        }
    }

    private final class EventHandle<E> extends EventDefHandle<EventRoute<E>> implements EventRoute<E> {
        EventHandle(EventDef def) {
            super(def);
        }

        @Override
        public EventRoute<E> use(EventMiddleware<? super E> middleware) {
            return add(middleware);
        }
    }

    private static String join(String a, String b) {
        String left = a.endsWith("/") ? a.substring(0, a.length() - 1) : a;
        String right = b.isEmpty() || b.startsWith("/") ? b : "/" + b;
        String joined = left + right;
        return joined.isEmpty() ? "/" : joined;
    }

    /** A readable name for a handler or middleware: a lambda shows its declaring class, a class its simple name. */
    static String describe(Object o) {
        String name = o.getClass().getName();
        int lambda = name.indexOf("$$Lambda");
        if (lambda >= 0) {
            String declaring = name.substring(0, lambda);
            int dot = declaring.lastIndexOf('.');
            return (dot >= 0 ? declaring.substring(dot + 1) : declaring) + " (lambda)";
        }
        int dot = name.lastIndexOf('.');
        return dot >= 0 ? name.substring(dot + 1) : name;
    }
}
