package dev.lift.spi;

import dev.lift.api.Api;
import dev.lift.api.EventKind;
import dev.lift.api.LiftPlugin;
import dev.lift.api.Middleware;
import dev.lift.api.Routes;
import java.util.EnumSet;
import java.util.Set;

/**
 * Middleware discovered as a plugin and applied to every route or handler of the kinds it
 * declares (outermost layer, in plugin order). Route- and group-scoped middleware are plain
 * {@link Middleware} instances passed to {@link Routes} instead.
 *
 * @since 0.1
 */
@Api(status = Api.Status.STABLE, since = "0.1")
public interface MiddlewarePlugin extends LiftPlugin, Middleware {

    /** The kinds of work this middleware wraps; all by default. */
    default Set<EventKind> appliesTo() {
        return EnumSet.allOf(EventKind.class);
    }
}
