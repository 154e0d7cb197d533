package dev.lift.api;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.function.Consumer;

/**
 * How an application registers what it handles: HTTP routes, route groups and event handlers.
 * Paths use API Gateway's syntax: literal segments, {@code {name}} parameters and a greedy
 * {@code {name+}} last segment. Duplicate or ambiguous routes fail boot with a message naming
 * both registrations.
 *
 * <p>Each registration returns a handle to give that route attributes and middleware, and which
 * is itself a {@code Routes}, so registrations chain:
 *
 * <pre>{@code
 * routes.get("/me", me).authenticated()
 *       .get("/me/admin", admin).scopes("admin").summary("Administrator view")
 *       .onRecord(SqsMessage.queue("imports"), importer).use(tracing);
 * }</pre>
 *
 * <p>Middleware given here applies to that route or group only, inside every global
 * {@code MiddlewarePlugin}; a group's middleware wraps its routes' own. Attributes of a group
 * apply to its routes; a route's own value for a key wins.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface Routes {

    /** A route for one method (upper case, or {@code "ANY"}) and path. */
    Route route(String method, String path, HttpHandler handler, HttpMiddleware... middleware);

    /**
     * A route whose JSON body is decoded into {@code bodyType}. Its reader is built on first use
     * (or while priming a snapshot), not at boot; {@code lift routes} and the test kit check at
     * build time that Jackson can read every body type.
     */
    <B> Route route(String method, String path, Class<B> bodyType, TypedHttpHandler<B> handler,
                    HttpMiddleware... middleware);

    /** Routes under a common prefix, with middleware that applies to these routes only. */
    Group group(String prefix, Consumer<Routes> routes, HttpMiddleware... middleware);

    /** A per-record handler: Lift loops over the batch and reports failed records. */
    <R> RecordRoute<R> onRecord(EventSelector<R> selector, RecordHandler<R> handler);

    /** A batch handler: it receives the selected records at once and reports failures itself. */
    <R> BatchRoute<R> onBatch(EventSelector<R> selector, BatchHandler<R> handler);

    /** A single-event handler (schedules, EventBridge, WebSocket, custom events). */
    <E> EventRoute<E> onEvent(EventSelector<E> selector, EventHandler<E> handler);

    default Route get(String path, HttpHandler handler, HttpMiddleware... middleware) {
        return route("GET", path, handler, middleware);
    }

    default Route post(String path, HttpHandler handler, HttpMiddleware... middleware) {
        return route("POST", path, handler, middleware);
    }

    default Route put(String path, HttpHandler handler, HttpMiddleware... middleware) {
        return route("PUT", path, handler, middleware);
    }

    default Route patch(String path, HttpHandler handler, HttpMiddleware... middleware) {
        return route("PATCH", path, handler, middleware);
    }

    default Route delete(String path, HttpHandler handler, HttpMiddleware... middleware) {
        return route("DELETE", path, handler, middleware);
    }

    default Route options(String path, HttpHandler handler, HttpMiddleware... middleware) {
        return route("OPTIONS", path, handler, middleware);
    }

    default <B> Route post(String path, Class<B> bodyType, TypedHttpHandler<B> handler, HttpMiddleware... middleware) {
        return route("POST", path, bodyType, handler, middleware);
    }

    default <B> Route put(String path, Class<B> bodyType, TypedHttpHandler<B> handler, HttpMiddleware... middleware) {
        return route("PUT", path, bodyType, handler, middleware);
    }

    default <B> Route patch(String path, Class<B> bodyType, TypedHttpHandler<B> handler, HttpMiddleware... middleware) {
        return route("PATCH", path, bodyType, handler, middleware);
    }

    /**
     * What every registration handle offers: attributes. The methods return the handle itself.
     *
     * @param <S> the handle's own type
     */
    interface Described<S extends Described<S>> extends Routes {

        /** Sets an attribute of this registration. */
        <T> S attribute(RouteAttributes.Key<T> key, T value);

        /** A one-line summary ({@link RouteAttributes#SUMMARY}). */
        default S summary(String summary) {
            return attribute(RouteAttributes.SUMMARY, summary);
        }

        /** Tags ({@link RouteAttributes#TAGS}). */
        default S tags(String... tags) {
            return attribute(RouteAttributes.TAGS, new LinkedHashSet<>(Arrays.asList(tags)));
        }
    }

    /** A registered HTTP route. */
    interface Route extends Described<Route> {

        /** Adds route middleware, inside the middleware given at registration. */
        Route use(HttpMiddleware middleware);

        /** Requires an authenticated caller ({@link RouteAttributes#AUTHENTICATED}). */
        default Route authenticated() {
            return attribute(RouteAttributes.AUTHENTICATED, Boolean.TRUE);
        }

        /** Requires these scopes ({@link RouteAttributes#SCOPES}); implies authenticated. */
        default Route scopes(String... scopes) {
            return attribute(RouteAttributes.SCOPES, new LinkedHashSet<>(Arrays.asList(scopes)));
        }

        /** The rate-limit class ({@link RouteAttributes#RATE_LIMIT_CLASS}). */
        default Route rateLimitClass(String name) {
            return attribute(RouteAttributes.RATE_LIMIT_CLASS, name);
        }
    }

    /** A registered group: its attributes apply to every route in it. */
    interface Group extends Described<Group> {

        /** Requires an authenticated caller on every route of the group. */
        default Group authenticated() {
            return attribute(RouteAttributes.AUTHENTICATED, Boolean.TRUE);
        }

        /** Requires these scopes on every route of the group. */
        default Group scopes(String... scopes) {
            return attribute(RouteAttributes.SCOPES, new LinkedHashSet<>(Arrays.asList(scopes)));
        }

        /** The rate-limit class of every route of the group. */
        default Group rateLimitClass(String name) {
            return attribute(RouteAttributes.RATE_LIMIT_CLASS, name);
        }
    }

    /**
     * A registered record handler.
     *
     * @param <R> the record type
     */
    interface RecordRoute<R> extends Described<RecordRoute<R>> {

        /** Adds middleware around this handler; added first is outermost. */
        RecordRoute<R> use(RecordMiddleware<? super R> middleware);
    }

    /**
     * A registered batch handler.
     *
     * @param <R> the record type
     */
    interface BatchRoute<R> extends Described<BatchRoute<R>> {

        /** Adds middleware around this handler; added first is outermost. */
        BatchRoute<R> use(BatchMiddleware<R> middleware);
    }

    /**
     * A registered single-event handler.
     *
     * @param <E> the event type
     */
    interface EventRoute<E> extends Described<EventRoute<E>> {

        /** Adds middleware around this handler; added first is outermost. */
        EventRoute<E> use(EventMiddleware<? super E> middleware);
    }
}
