package dev.lift.kernel.internal;

import dev.lift.api.InvocationContext;

/** One compiled layer of a chain: a middleware wrapped around the rest, or the handler itself. */
@FunctionalInterface
interface Step {
    Object run(InvocationContext context, Object input) throws Exception;
}
