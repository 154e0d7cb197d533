package dev.lift.spi;

import dev.lift.api.Api;
import dev.lift.api.BatchMiddleware;
import dev.lift.api.EventMiddleware;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.LiftPlugin;
import dev.lift.api.RecordMiddleware;
import dev.lift.api.RouteDescriptor;

/**
 * Global middleware, discovered as a plugin. At boot the kernel asks it, for every route and
 * handler, for the middleware of that kind; {@code null} leaves that route alone, so one plugin
 * can serve every route's own requirements by reading {@link RouteDescriptor#attributes()} once
 * (the scopes a route needs, its rate-limit class). HTTP middleware is also asked for the
 * answers no route produced ({@link RouteDescriptor#matched()} false: 404, 405, the 400 for an
 * undecodable request, the 503 while stopping), so headers such as CORS are on those too.
 *
 * <p>Global middleware is outermost, ordered by {@link #order()} and then id. Use the bands:
 * <ol>
 *   <li>{@link #OBSERVABILITY} (request ids, logging, metrics, tracing): sees everything, errors included;</li>
 *   <li>{@link #SECURITY} (CORS, authentication, security headers);</li>
 *   <li>{@link #TRAFFIC} (rate limits, deadlines, idempotency);</li>
 *   <li>{@link #APPLICATION} (the default): closest to the route's own middleware and handler.</li>
 * </ol>
 * A plugin places itself inside a band with an offset, for example {@code SECURITY + 10};
 * {@code lift routes} prints each route's compiled chain.
 *
 * @since 0.1
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.1")
public interface MiddlewarePlugin extends LiftPlugin {

    /** Request ids, logging, metrics, tracing: outermost. */
    int OBSERVABILITY = 1000;

    /** CORS, authentication, security headers. */
    int SECURITY = 2000;

    /** Rate limits, deadlines, idempotency. */
    int TRAFFIC = 3000;

    /** Everything else; the default. */
    int APPLICATION = 4000;

    @Override
    default int order() {
        return APPLICATION;
    }

    /**
     * Whether the HTTP middleware this plugin returns for a route enforces the route's
     * {@link dev.lift.api.RouteAttributes#AUTHENTICATED} and {@link dev.lift.api.RouteAttributes#SCOPES}
     * (an authentication plugin). Protected routes fail closed: the kernel answers 401 on a route
     * that needs an authenticated caller unless a plugin that says true here returned middleware
     * for it. False by default.
     *
     * @since 0.2
     */
    default boolean enforcesAuthentication() {
        return false;
    }

    /** The middleware for this HTTP route (or unmatched answer), or null to leave it alone. */
    default HttpMiddleware http(RouteDescriptor route) {
        return null;
    }

    /** The middleware for each record of this record handler, or null. */
    default RecordMiddleware<Object> record(RouteDescriptor route) {
        return null;
    }

    /** The middleware for this batch handler, or null. */
    default BatchMiddleware<Object> batch(RouteDescriptor route) {
        return null;
    }

    /** The middleware for this single-event handler, or null. */
    default EventMiddleware<Object> event(RouteDescriptor route) {
        return null;
    }
}
