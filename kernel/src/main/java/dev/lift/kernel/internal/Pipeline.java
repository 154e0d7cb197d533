package dev.lift.kernel.internal;

import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import dev.lift.api.Middleware;
import java.util.List;

/**
 * Compiles middleware into an onion once, at boot: the first middleware is the outermost layer,
 * so "before" parts run in order and "after" parts in reverse. Nothing is allocated per request
 * but the small continuation each layer hands to its middleware.
 */
final class Pipeline {

    /** Turns an HTTP error into a response; the after part of every layer then still runs. */
    interface HttpErrors {
        HttpResponse toResponse(Throwable error, InvocationContext context, HttpRequest request);
    }

    private Pipeline() {
    }

    /** A chain for records and events: errors propagate to the caller. */
    static Step compile(List<Middleware> middleware, Step terminal) {
        Step current = terminal;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            Middleware m = middleware.get(i);
            Step inner = current;
            current = (ctx, input) -> m.handle(ctx, input, () -> inner.run(ctx, input));
        }
        return current;
    }

    /**
     * A chain for HTTP: every layer receives an {@link HttpResponse} from {@code next.proceed()},
     * never an exception, and whatever a layer returns is converted to a response.
     */
    static Step compileHttp(List<Middleware> middleware, Step handler, HttpErrors errors) {
        Step current = guarded(handler, errors);
        for (int i = middleware.size() - 1; i >= 0; i--) {
            Middleware m = middleware.get(i);
            Step inner = current;
            current = guarded((ctx, input) -> m.handle(ctx, input, () -> inner.run(ctx, input)), errors);
        }
        return current;
    }

    private static Step guarded(Step step, HttpErrors errors) {
        return (ctx, input) -> {
            try {
                return toResponse(step.run(ctx, input));
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError) {
                    throw (VirtualMachineError) t;
                }
                return errors.toResponse(t, ctx, (HttpRequest) input);
            }
        };
    }

    /** What a handler's return value means as a response. */
    static HttpResponse toResponse(Object result) {
        if (result instanceof HttpResponse) {
            return (HttpResponse) result;
        }
        if (result == null) {
            return HttpResponse.noContent();
        }
        if (result instanceof CharSequence) {
            return HttpResponse.text(result.toString());
        }
        if (result instanceof byte[]) {
            return HttpResponse.bytes((byte[]) result, "application/octet-stream");
        }
        return HttpResponse.json(result);
    }
}
