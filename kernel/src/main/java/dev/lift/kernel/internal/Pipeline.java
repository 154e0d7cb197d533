package dev.lift.kernel.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lift.api.BatchMiddleware;
import dev.lift.api.BatchResponse;
import dev.lift.api.EventMiddleware;
import dev.lift.api.HttpMiddleware;
import dev.lift.api.HttpRequest;
import dev.lift.api.HttpResponse;
import dev.lift.api.InvocationContext;
import dev.lift.api.RecordMiddleware;
import java.util.List;

/**
 * Compiles middleware into an onion once, at boot: the first middleware is the outermost layer,
 * so "before" parts run in order and "after" parts in reverse. Nothing is allocated per request
 * but the small continuation each layer hands to its middleware.
 */
final class Pipeline {

    /** A compiled record, batch or event chain, or its handler. */
    @FunctionalInterface
    interface Step {
        Object run(InvocationContext context, Object input) throws Exception;
    }

    /** A compiled HTTP chain: always answers, never throws (but for VM errors other than a stack overflow). */
    @FunctionalInterface
    interface HttpStep {
        HttpResponse run(InvocationContext context, HttpRequest request);
    }

    /** Turns an HTTP error into a response; the after part of every layer then still runs. */
    interface HttpErrors {
        HttpResponse toResponse(Throwable error, InvocationContext context, HttpRequest request);
    }

    private Pipeline() {
    }

    /**
     * An HTTP chain: every layer receives an {@link HttpResponse} from {@code next.proceed()},
     * never an exception, and a JSON body is written with the kernel's mapper as soon as the
     * handler has answered, so a value Jackson cannot write is a 500 that middleware still sees.
     */
    static HttpStep http(List<HttpMiddleware> middleware, Step handler, HttpErrors errors, ObjectMapper mapper) {
        HttpStep current = (ctx, request) -> {
            try {
                return toResponse(handler.run(ctx, request)).writeJson(mapper);
            } catch (Throwable t) {
                return answer(t, errors, ctx, request);
            }
        };
        for (int i = middleware.size() - 1; i >= 0; i--) {
            HttpMiddleware m = middleware.get(i);
            HttpStep inner = current;
            current = (ctx, request) -> {
                try {
                    HttpResponse response = m.handle(request, ctx, new Next(inner, ctx, request));
                    if (response == null) {
                        throw new IllegalStateException("middleware " + RouteRegistry.describe(m) + " returned no response");
                    }
                    return response;
                } catch (Throwable t) {
                    return answer(t, errors, ctx, request);
                }
            };
        }
        return current;
    }

    /** Any failure is a response (a stack overflow too, logged as a 500); out of memory is not. */
    private static HttpResponse answer(Throwable t, HttpErrors errors, InvocationContext ctx, HttpRequest request) {
        ErrorHandling.rethrowIfFatal(t);
        return errors.toResponse(t, ctx, request);
    }

    /** The continuation one HTTP layer hands its middleware. */
    private static final class Next implements HttpMiddleware.Next {
        private final HttpStep inner;
        private final InvocationContext ctx;
        private final HttpRequest request;

        Next(HttpStep inner, InvocationContext ctx, HttpRequest request) {
            this.inner = inner;
            this.ctx = ctx;
            this.request = request;
        }

        @Override
        public HttpResponse proceed() {
            return inner.run(ctx, request);
        }

        @Override
        public HttpResponse proceed(HttpRequest replaced) {
            return inner.run(ctx, replaced == null ? request : replaced);
        }
    }

    /** A record chain: errors propagate to the batch loop, which reports the record. */
    @SuppressWarnings("unchecked")
    static Step records(List<? extends RecordMiddleware<?>> middleware, Step handler) {
        Step current = handler;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            RecordMiddleware<Object> m = (RecordMiddleware<Object>) middleware.get(i);
            Step inner = current;
            current = (ctx, record) -> {
                m.handle(record, ctx, () -> inner.run(ctx, record));
                return null;
            };
        }
        return current;
    }

    /** A batch chain. */
    @SuppressWarnings("unchecked")
    static Step batches(List<? extends BatchMiddleware<?>> middleware, Step handler) {
        Step current = handler;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            BatchMiddleware<Object> m = (BatchMiddleware<Object>) middleware.get(i);
            Step inner = current;
            current = (ctx, records) -> m.handle((List<Object>) records, ctx, () -> (BatchResponse) inner.run(ctx, records));
        }
        return current;
    }

    /** A single-event chain. */
    @SuppressWarnings("unchecked")
    static Step events(List<? extends EventMiddleware<?>> middleware, Step handler) {
        Step current = handler;
        for (int i = middleware.size() - 1; i >= 0; i--) {
            EventMiddleware<Object> m = (EventMiddleware<Object>) middleware.get(i);
            Step inner = current;
            current = (ctx, event) -> m.handle(event, ctx, () -> inner.run(ctx, event));
        }
        return current;
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
