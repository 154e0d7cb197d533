package dev.lift.kernel.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.api.EventKind;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpRequest;
import dev.lift.api.LiftException;
import dev.lift.api.RouteDescriptor;
import dev.lift.spi.MiddlewarePlugin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * HTTP routing: the router built at boot and the compiled chain of every route, plus the chains of
 * the answers no route gives (404/405, the 400 for an undecodable request, the 503 while
 * stopping), which pass through the same global middleware.
 */
final class HttpDispatch {

    /** A compiled route. */
    record HttpRoute(Pipeline.HttpStep step, RouteDescriptor descriptor) {
    }

    private final HttpRouter<HttpRoute> router;
    private final HttpRoute noRoute;
    private final HttpRoute undecodable;
    private final HttpRoute stopping;

    private HttpDispatch(HttpRouter<HttpRoute> router, HttpRoute noRoute, HttpRoute undecodable, HttpRoute stopping) {
        this.router = router;
        this.noRoute = noRoute;
        this.undecodable = undecodable;
        this.stopping = stopping;
    }

    static HttpDispatch compile(List<RouteRegistry.HttpDef> defs, List<MiddlewarePlugin> plugins, ErrorHandling errors,
                                ObjectMapper mapper, List<RouteDescriptor> table,
                                Map<RouteDescriptor, RouteRegistry.LazyReader> bodyTypes) {
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        for (RouteRegistry.HttpDef def : defs) {
            methodsByPath.computeIfAbsent(def.path, p -> new TreeSet<>()).add(def.method);
        }
        for (Set<String> methods : methodsByPath.values()) {
            if (methods.contains("GET")) {
                methods.add("HEAD");
            }
        }
        List<String> problems = new ArrayList<>();
        List<String> unguarded = new ArrayList<>();
        HttpRouter<HttpRoute> router = new HttpRouter<>();
        for (RouteRegistry.HttpDef def : defs) {
            RouteDescriptor descriptor = new RouteDescriptor(EventKind.HTTP, def.method, def.path,
                    methodsByPath.get(def.path), def.allAttributes(), def.owner, def.handler, List.of());
            List<String> names = new ArrayList<>();
            List<HttpMiddleware> chain = Boot.httpChain(plugins, descriptor, names);
            boolean guarded = guarded(plugins, names);
            for (HttpMiddleware m : def.scoped()) {
                chain.add(m);
                names.add(RouteRegistry.describe(m));
            }
            descriptor = descriptor.withMiddleware(names);
            Pipeline.Step terminal = def.terminal;
            if (descriptor.attributes().authenticated() && !guarded) {
                terminal = FAIL_CLOSED;
                unguarded.add(descriptor.toString());
            }
            try {
                router.add(def.method, def.path, def.owner + ":" + def.handler,
                        new HttpRoute(Pipeline.http(chain, terminal, errors, mapper), descriptor));
                table.add(descriptor);
                if (def.reader != null) {
                    bodyTypes.put(descriptor, def.reader);
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw BootFailure.of(problems);
        }
        if (!unguarded.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, () -> "No authentication plugin enforces " + unguarded
                    + ", which need an authenticated caller: they answer 401. Add an authentication plugin such as jwt.");
        }
        HttpDispatch[] self = new HttpDispatch[1];
        HttpRoute noRoute = unmatched(RouteDescriptor.Unmatched.NO_ROUTE, plugins, errors, mapper,
                (ctx, in) -> {
                    throw self[0].noRouteError((HttpRequest) in);
                });
        Pipeline.Step pending = (ctx, in) -> {
            throw ((Invocation) ctx).root().pending();
        };
        HttpRoute undecodable = unmatched(RouteDescriptor.Unmatched.UNDECODABLE, plugins, errors, mapper, pending);
        HttpRoute stopping = unmatched(RouteDescriptor.Unmatched.STOPPING, plugins, errors, mapper, pending);
        self[0] = new HttpDispatch(router, noRoute, undecodable, stopping);
        return self[0];
    }

    private static final System.Logger LOG = System.getLogger("lift.kernel");

    /**
     * What a route that needs an authenticated caller runs instead of its handler when no plugin
     * that enforces authentication guards it: protected routes fail closed, never open.
     */
    private static final Pipeline.Step FAIL_CLOSED = (ctx, in) -> {
        throw LiftException.unauthorized("This route requires an authenticated caller", "Bearer");
    };

    /** Whether a plugin that enforces authentication put middleware on the route (named in {@code names}). */
    private static boolean guarded(List<MiddlewarePlugin> plugins, List<String> names) {
        for (MiddlewarePlugin p : plugins) {
            if (p.enforcesAuthentication() && names.contains(p.id())) {
                return true;
            }
        }
        return false;
    }

    private static HttpRoute unmatched(RouteDescriptor.Unmatched why, List<MiddlewarePlugin> plugins, ErrorHandling errors,
                                       ObjectMapper mapper, Pipeline.Step terminal) {
        RouteDescriptor descriptor = RouteDescriptor.unmatched(why);
        List<String> names = new ArrayList<>();
        List<HttpMiddleware> chain = Boot.httpChain(plugins, descriptor, names);
        return new HttpRoute(Pipeline.http(chain, terminal, errors, mapper), descriptor.withMiddleware(names));
    }

    /**
     * Matches the request: sets the invocation's event (the request with its route template and
     * path parameters) and route, and returns the chain to run.
     */
    Pipeline.HttpStep route(Invocation invocation, HttpRequest request) {
        HttpRouter.Match<HttpRoute> match = match(request);
        if (match == null || !match.found()) {
            invocation.route(noRoute.descriptor());
            return noRoute.step();
        }
        invocation.event(request.withRoute(match.template, match.params));
        invocation.route(match.target.descriptor());
        return match.target.step();
    }

    /** The chain for a request the adapter could not decode; {@code error} is what it answers. */
    Pipeline.HttpStep undecodable(Invocation invocation, LiftException error) {
        invocation.pending(error);
        invocation.route(undecodable.descriptor());
        return undecodable.step();
    }

    /** The chain for a request that arrives while Lift stops. */
    Pipeline.HttpStep stopping(Invocation invocation, LiftException error) {
        invocation.pending(error);
        invocation.route(stopping.descriptor());
        return stopping.step();
    }

    /**
     * Routes on the decoded path, or, when the raw path holds an encoded slash ({@code %2F}), on the
     * segments the adapter split before decoding, so that the slash stays inside its segment.
     */
    private HttpRouter.Match<HttpRoute> match(HttpRequest request) {
        return hasEncodedSlash(request.rawPath()) ? router.match(request.method(), request.pathSegments())
                : router.match(request.method(), request.path());
    }

    static boolean hasEncodedSlash(String raw) {
        if (raw == null) {
            return false;
        }
        for (int i = raw.indexOf('%'); i >= 0 && i + 2 < raw.length(); i = raw.indexOf('%', i + 1)) {
            if (raw.charAt(i + 1) == '2' && (raw.charAt(i + 2) == 'F' || raw.charAt(i + 2) == 'f')) {
                return true;
            }
        }
        return false;
    }

    private LiftException noRouteError(HttpRequest request) {
        HttpRouter.Match<HttpRoute> match = match(request);
        if (match != null && match.allow != null) {
            return new LiftException(405, "Method " + request.method() + " is not allowed for "
                    + abbreviate(request.path()) + "; allowed: " + match.allow).withHeader("Allow", match.allow);
        }
        return LiftException.notFound("No route matches " + request.method() + " " + abbreviate(request.path()));
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** The route table in registration order. */
    List<HttpRouter.Route<HttpRoute>> routes() {
        return router.routes();
    }
}
