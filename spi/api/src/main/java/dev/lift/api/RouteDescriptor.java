package dev.lift.api;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a unit of work was matched to: an HTTP route (method and path template), or a record,
 * batch or event handler (its selector), with the attributes it carries. Middleware plugins
 * receive one per route at boot to build that route's chain, and handlers and middleware read the
 * matched one from {@link InvocationContext#route()}. Immutable.
 *
 * <p>HTTP responses that no route produced still pass through global middleware with a descriptor
 * whose {@link #matched()} is false: the 404 and 405 answers, the 400 for a request the adapter
 * could not decode and the 503 while Lift stops.
 *
 * @param kind what kind of work the route handles
 * @param method the HTTP method ({@code "ANY"} for any), or null for records and events
 * @param template the path template such as {@code /todos/{id}}, or the selector such as
 *     {@code sqs queue=orders}; for an unmatched HTTP request, null
 * @param allowedMethods for HTTP, the methods registered for this path (the {@code Allow} of a
 *     405); empty otherwise
 * @param attributes the route's attributes, its group's included
 * @param owner the id of the application that registered it ({@code "lift"} for unmatched)
 * @param handler a readable name of the handler, for route tables and logs
 * @param middleware the names of the compiled chain, outermost first (filled in once compiled)
 * @since 0.2
 */
@Api(status = Api.Status.EXPERIMENTAL, since = "0.2")
public record RouteDescriptor(EventKind kind, String method, String template, Set<String> allowedMethods,
                              RouteAttributes attributes, String owner, String handler, List<String> middleware) {

    public RouteDescriptor {
        Objects.requireNonNull(kind, "kind");
        allowedMethods = Set.copyOf(allowedMethods);
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(handler, "handler");
        middleware = List.copyOf(middleware);
    }

    /** Why an HTTP response came from no route. */
    public enum Unmatched {
        /** No route has this path (404) or none allows this method (405). */
        NO_ROUTE,
        /** The adapter could not decode the request (400). */
        UNDECODABLE,
        /** Lift is stopping and takes no new invocations (503). */
        STOPPING
    }

    /** The descriptor of HTTP responses that no route produced. */
    public static RouteDescriptor unmatched(Unmatched why) {
        return new RouteDescriptor(EventKind.HTTP, null, null, Set.of(), RouteAttributes.empty(), "lift",
                why.name().toLowerCase(java.util.Locale.ROOT), List.of());
    }

    /** Whether a registered route or handler matched; false for the answers of {@link #unmatched}. */
    public boolean matched() {
        return template != null;
    }

    /** The same route with its compiled chain's names. */
    public RouteDescriptor withMiddleware(List<String> names) {
        return new RouteDescriptor(kind, method, template, allowedMethods, attributes, owner, handler, names);
    }

    // equals and hashCode are written out, with the meaning a record gives them (every component),
    // because the generated ones bootstrap java.lang.runtime.ObjectMethods on first use: tens of
    // method-handle classes spun while the kernel boots, measured at about 10 ms of a cold start.

    @Override
    public final boolean equals(Object o) {
        return this == o || o instanceof RouteDescriptor r && kind == r.kind && Objects.equals(method, r.method)
                && Objects.equals(template, r.template) && allowedMethods.equals(r.allowedMethods)
                && attributes.equals(r.attributes) && owner.equals(r.owner) && handler.equals(r.handler)
                && middleware.equals(r.middleware);
    }

    @Override
    public final int hashCode() {
        int h = kind.hashCode();
        h = 31 * h + Objects.hashCode(method);
        h = 31 * h + Objects.hashCode(template);
        h = 31 * h + allowedMethods.hashCode();
        h = 31 * h + attributes.hashCode();
        h = 31 * h + owner.hashCode();
        h = 31 * h + handler.hashCode();
        return 31 * h + middleware.hashCode();
    }

    /** For example {@code GET /todos/{id}} or {@code RECORD sqs queue=orders}. */
    @Override
    public String toString() {
        if (template == null) {
            return "(unmatched " + (kind == EventKind.HTTP ? "" : kind + " ") + handler + ")";
        }
        return kind == EventKind.HTTP ? method + " " + template : kind + " " + template;
    }
}
