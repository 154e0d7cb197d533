package dev.lift.api;

import java.util.function.Consumer;

/**
 * How an application registers what it handles: HTTP routes, route groups and event handlers.
 * Paths use API Gateway's syntax: literal segments, {@code {name}} parameters and a greedy
 * {@code {name+}} last segment. Duplicate or ambiguous routes fail boot with a message naming
 * both registrations.
 *
 * <p>Middleware passed here applies to that route or group only, inside any
 * {@code MiddlewarePlugin}s; group middleware wraps the group's routes' own.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface Routes {

    /** A route for one method (upper case, or {@code "ANY"}) and path. */
    Routes route(String method, String path, HttpHandler handler, Middleware... middleware);

    /** A route whose JSON body is decoded into {@code bodyType} with a reader built once. */
    <B> Routes route(String method, String path, Class<B> bodyType, TypedHttpHandler<B> handler,
                     Middleware... middleware);

    /** Routes under a common prefix, with middleware that applies to these routes only. */
    Routes group(String prefix, Consumer<Routes> routes, Middleware... middleware);

    /** A per-record handler: Lift loops over the batch and reports failed records. */
    <R> Routes onRecord(EventSelector<R> selector, RecordHandler<R> handler, Middleware... middleware);

    /** A batch handler: it receives the selected records at once and reports failures itself. */
    <R> Routes onBatch(EventSelector<R> selector, BatchHandler<R> handler, Middleware... middleware);

    /** A single-event handler (schedules, EventBridge, WebSocket, custom events). */
    <E> Routes onEvent(EventSelector<E> selector, EventHandler<E> handler, Middleware... middleware);

    default Routes get(String path, HttpHandler handler, Middleware... middleware) {
        return route("GET", path, handler, middleware);
    }

    default Routes post(String path, HttpHandler handler, Middleware... middleware) {
        return route("POST", path, handler, middleware);
    }

    default Routes put(String path, HttpHandler handler, Middleware... middleware) {
        return route("PUT", path, handler, middleware);
    }

    default Routes patch(String path, HttpHandler handler, Middleware... middleware) {
        return route("PATCH", path, handler, middleware);
    }

    default Routes delete(String path, HttpHandler handler, Middleware... middleware) {
        return route("DELETE", path, handler, middleware);
    }

    default Routes options(String path, HttpHandler handler, Middleware... middleware) {
        return route("OPTIONS", path, handler, middleware);
    }

    default <B> Routes post(String path, Class<B> bodyType, TypedHttpHandler<B> handler, Middleware... middleware) {
        return route("POST", path, bodyType, handler, middleware);
    }

    default <B> Routes put(String path, Class<B> bodyType, TypedHttpHandler<B> handler, Middleware... middleware) {
        return route("PUT", path, bodyType, handler, middleware);
    }

    default <B> Routes patch(String path, Class<B> bodyType, TypedHttpHandler<B> handler, Middleware... middleware) {
        return route("PATCH", path, bodyType, handler, middleware);
    }
}
